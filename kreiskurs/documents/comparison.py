"""The comparison of two versions as blocks: what was added, removed and changed, field by field."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kreiskurs.strategy.comparison import FieldChange, compare_versions
from kreiskurs.strategy.models import StrategyVersion

from .content import BulletList, Document, Heading, Paragraph, Table, table_or_note
from .selectors import document_title


def _changes_table(changes: list[FieldChange], old: StrategyVersion, new: StrategyVersion) -> Table:
    return Table(
        [_("Feld"), _("Version %(n)s") % {"n": old.number}, _("Version %(n)s") % {"n": new.number}],
        [[c.label, c.old_text, c.new_text] for c in changes],
    )


def comparison_document(old: StrategyVersion, new: StrategyVersion) -> Document:
    """Everything that differs from ``old`` to ``new`` (both visible to the reader: the caller checks)."""
    diff = compare_versions(old, new)
    numbers = {"old": old.number, "new": new.number}
    doc = Document(
        title=_("Vergleich der Versionen %(old)s und %(new)s") % numbers,
        subtitle=document_title(new),
        running_head=_("%(title)s – Vergleich Version %(old)s → %(new)s") % {"title": document_title(new), **numbers},
        title_lines=[
            _("Version %(number)s · %(state)s") % {"number": v.number, "state": v.get_state_display()}
            for v in (old, new)
        ],
        author=new.district.display_name,
    )
    doc.add(Heading(1, _("Überblick")))
    doc.add(
        table_or_note(
            [_("Bereich"), _("neu"), _("entfallen"), _("geändert")],
            [
                [k.label, str(len(k.added)), str(len(k.removed)), str(len(k.changed))]
                for k in diff.kinds
                if not k.is_empty
            ]
            + ([[_("Leitbild"), "", "", str(len(diff.vision))]] if diff.vision else []),
            _("Die beiden Versionen unterscheiden sich nicht."),
        )
    )
    if diff.vision:
        doc.add(Heading(1, _("Leitbild")), _changes_table(diff.vision, old, new))
    for kind in diff.kinds:
        if kind.is_empty:
            continue
        doc.add(Heading(1, kind.label))
        if kind.added:
            doc.add(Heading(2, _("Neu in Version %(n)s") % {"n": new.number}), BulletList([str(e) for e in kind.added]))
        if kind.removed:
            doc.add(
                Heading(2, _("Entfallen gegenüber Version %(n)s") % {"n": old.number}),
                BulletList([str(e) for e in kind.removed]),
            )
        if kind.changed:
            doc.add(Heading(2, _("Geändert")))
            for change in kind.changed:
                doc.add(Heading(3, str(change.new)))
                if str(change.old) != str(change.new):
                    doc.add(Paragraph(_("vorher: %(old)s") % {"old": change.old}, "note"))
                doc.add(_changes_table(change.changes, old, new))
    return doc
