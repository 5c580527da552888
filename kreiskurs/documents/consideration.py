"""The consideration table (Abwägungstabelle) of one consultation as blocks, for its own PDF and DOCX.

The rows are those of the public consideration page (``participation.selectors.consideration``): visible
contributions only, hidden ones counted but never shown. The document depends on nothing but those rows
and the process, so :func:`content_stamp` (a hash of the blocks) says whether a stored copy still tells
the same: a closed process's table is stored once and served with the same bytes until a response, a
moderation decision or the process itself changes.
"""

from __future__ import annotations

import hashlib

from django.db.models import Max, Min
from django.http import Http404
from django.utils.translation import gettext as _

from kreiskurs.participation.models import Process
from kreiskurs.participation.selectors import consideration as reads
from kreiskurs.strategy.models import StrategyVersion

from . import formatting as fmt
from .content import Document, Facts, Heading, Paragraph, table_or_note

#: every column of the public table except the author's name and the date (in the CSV/XLSX download)
COLUMNS = (0, 1, 2, 3, 6, 7, 8)
#: their shares of the page width (per cent): the texts get room, number and kind little
WIDTHS = (6, 10, 13, 25, 12, 22, 12)


def process_of(version: StrategyVersion, process_id: int) -> Process:
    """The process ``process_id`` about ``version`` (the document's key), else 404; who may read it is
    the caller's (``participation.selectors.process_for``)."""
    process = (
        Process.objects.filter(pk=process_id, version=version)
        .select_related("district", "version")
        .annotate(first=Min("phases__start"), last=Max("phases__end"))
        .first()
    )
    if process is None:
        raise Http404
    return process


def is_frozen_process(process: Process) -> bool:
    """A published, closed process's table is stored (responses may still change: its stamp then does)."""
    return process.published and Process.objects.filter(pk=process.pk).closed().exists()


def consideration_document(version: StrategyVersion, process_id: int) -> Document:
    """The consideration table of process ``process_id`` (the caller decides who may read it)."""
    process = process_of(version, process_id)
    district = process.district
    rows = reads.consideration_table(process)
    answered = sum(1 for r in rows if r.consideration)
    hidden = reads.hidden_count(process)
    span = fmt.span(getattr(process, "first", None), getattr(process, "last", None))
    doc = Document(
        title=_("Abwägungstabelle"),
        subtitle=process.title,
        running_head=_("Abwägung: %(process)s – %(district)s") % {"process": process.title, "district": district},
        title_lines=[
            str(district.display_name),
            _("Beteiligung zur Version %(number)s der Strategie") % {"number": version.number},
        ]
        + ([_("Zeitraum: %(span)s") % {"span": span}] if span else []),
        author=district.display_name,
    )
    doc.add(Heading(1, _("Abwägung der Beiträge")))
    doc.add(
        Paragraph(
            _(
                "Zu jedem Beitrag aus diesem Verfahren steht hier, wie das Strategieteam ihn abgewogen hat: "
                "die Entscheidung, ihre Begründung und, wo er zu einer Änderung geführt hat, die geänderte Stelle."
            ),
            "lead",
        ),
        Facts(
            [
                (_("Verfahren"), process.title),
                (_("Beiträge"), fmt.number(len(rows))),
                (_("davon abgewogen"), fmt.number(answered)),
                (_("von der Moderation ausgeblendet (nicht aufgeführt)"), fmt.number(hidden)),
            ]
        ),
    )
    header = reads.table_header()
    doc.add(
        table_or_note(
            [header[i] for i in COLUMNS],
            [[cells[i] for i in COLUMNS] for cells in reads.table_cells(rows)],
            _("Noch keine Beiträge."),
            caption=_("Abwägungstabelle"),
            widths=WIDTHS,
        )
    )
    return doc


def content_stamp(doc: Document) -> str:
    """What the stored copy depends on: the blocks themselves (and the state of the process, by the caller)."""
    return hashlib.sha256(repr((doc.title, doc.subtitle, doc.title_lines, doc.blocks)).encode()).hexdigest()[:32]
