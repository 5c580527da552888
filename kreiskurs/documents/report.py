"""The report of an evaluation round as blocks: ratings per element, findings, figures and proposals."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from kreiskurs.evaluation import selectors as evaluation
from kreiskurs.evaluation.models import EvaluationRound
from kreiskurs.participation.selectors.representativeness import Representativeness
from kreiskurs.participation.templatetags import represented
from kreiskurs.strategy.models import StrategyVersion

from . import formatting as fmt
from .content import Block, Document, Facts, Heading, Paragraph, Table, table_or_note
from .selectors import document_title


def evaluation_document(version: StrategyVersion, round_id: int) -> Document:
    """The report of round ``round_id`` of ``version`` (the caller decides who may read it)."""
    ev = get_object_or_404(EvaluationRound.objects.select_related("district"), pk=round_id, version=version)
    doc = Document(
        title=ev.title,
        subtitle=document_title(version),
        running_head=_("%(title)s – %(round)s") % {"title": document_title(version), "round": ev.title},
        title_lines=[
            _("Evaluationsbericht zur Version %(number)s") % {"number": version.number},
            _("Zeitraum: %(span)s") % {"span": fmt.span(ev.period_start, ev.period_end)},
        ]
        + ([_("Veröffentlicht am %(date)s") % {"date": fmt.date(ev.published_at)}] if ev.published_at else [])
        + ([] if ev.published_at else [_("Entwurf – noch nicht veröffentlicht")]),
        author=version.district.display_name,
    )
    doc.add(Heading(1, _("Ergebnisse und Erkenntnisse")))
    findings = fmt.paragraphs(ev.findings)
    doc.add(*(Paragraph(p) for p in findings) if findings else [Paragraph(_("Keine Angaben."), "note")])
    figures = evaluation.implementation_figures(ev)
    progress = f"{fmt.number(round(figures.progress))} %" if figures.progress is not None else "–"
    doc.add(Heading(1, _("Umsetzung im Zeitraum")))
    doc.add(
        Facts(
            [
                (_("Fortschritt der Strategie"), progress),
                (_("Statusberichte im Zeitraum"), fmt.number(figures.reports_in_period)),
                (_("Meilensteine fällig"), fmt.number(figures.milestones_due)),
                (_("davon erreicht"), fmt.number(figures.milestones_reached)),
            ]
        ),
        table_or_note(
            [_("Phase"), _("Maßnahmen")],
            [[str(label), str(count)] for label, count in figures.by_phase],
            _("Keine Maßnahmen."),
        ),
    )
    participation = evaluation.participation_in_period(ev)
    doc.add(Heading(1, _("Beteiligung im Zeitraum")))
    doc.add(
        Facts(
            [
                (_("Verfahren"), fmt.number(participation.get("processes", 0))),
                (_("Beteiligte Personen"), fmt.number(participation.get("people", 0))),
                (_("Ideen"), fmt.number(participation.get("ideas", 0))),
                (_("Kommentare"), fmt.number(participation.get("comments", 0))),
                (_("Veranstaltungen"), fmt.number(participation.get("events", 0))),
            ]
        )
    )
    doc.add(*representativeness_blocks(evaluation.representativeness_in_period(ev)))
    doc.add(Heading(1, _("Bewertungen")))
    for section in evaluation.sections(ev):
        doc.add(Heading(2, section.label))
        doc.add(
            table_or_note(
                [_("Element"), _("Bewertung"), _("Begründung")],
                [
                    [f"{r.indent}{r.code} {r.title}", r.assessment.get_rating_display(), r.assessment.rationale]
                    for r in section.rows
                ],
                _("Keine Bewertungen."),
            )
        )
    doc.add(Heading(1, _("Änderungsvorschläge")))
    doc.add(
        table_or_note(
            [_("Vorschlag"), _("Element"), _("Was soll sich ändern?"), _("Status")],
            [
                [p.title, getattr(p, "element_label", ""), p.change, p.get_state_display()]
                for p in evaluation.proposals_of(ev)
            ],
            _("Keine Änderungsvorschläge."),
        )
    )
    return doc


def representativeness_blocks(result: Representativeness) -> list[Block]:
    """Who took part by municipality and age band (decision 0029), as the page's section shows it
    (``participation/_representativeness.html``): the same captions, method sentence, cells
    suppressed by the same rule (the comparison decided them; "< 5" without share or ratio) and the
    source of the population under each table."""
    blocks: list[Block] = [
        Heading(2, _("Wer hat teilgenommen? (Repräsentativität)")),
        Paragraph(f"{represented.people_sentence(result.people)} {represented.represented_method()}"),
    ]
    for table, what, caption in represented.represented_tables(result):
        headers = [what, _("Teilnehmende"), _("Anteil")]
        if table.has_expected:
            headers += [_("Anteil an der Bevölkerung"), _("Verhältnis"), _("Bewertung")]
        rows = []
        for cell in table.cells:
            figures = ["< 5", "–"] if cell.suppressed else [fmt.number(cell.count), represented.percent(cell.share)]
            row = [cell.label, *figures]
            if table.has_expected:
                ratio = floatformat(cell.ratio, 2) if cell.ratio is not None else "–"
                row += [represented.percent(cell.expected), ratio, represented.flag_label(cell.flag)]
            rows.append(row)
        undeclared = [_("Ohne Angabe (nicht in den Anteilen)"), fmt.number(table.undeclared), "–"]
        rows.append(undeclared + (["", "", ""] if table.has_expected else []))
        widths = (28, 14, 12, 16, 12, 18) if table.has_expected else (50, 25, 25)
        blocks += [Table(headers, rows, caption, widths), Paragraph(represented.source_note(table), "note")]
    return blocks
