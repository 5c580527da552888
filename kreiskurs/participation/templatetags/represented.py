"""The representativeness section: who took part against the population (a process page, the staff
dashboard, the evaluation report).

Its tables are filled in Python (``kreiskurs/fragments.py``, decision 0038): a row per municipality
and age band, each with up to six cells, cost ~1.4 ms per page as a template.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.defaultfilters import floatformat
from django.utils.formats import get_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kreiskurs.fragments import fill, fixed, joined

register = template.Library()


@register.filter
def percent(share: float | None) -> str:
    """A share (0–1) as a German percentage with one decimal ("12,5 %"); "–" for none."""
    if share is None:
        return "–"
    return f"{floatformat(share * 100, 1)} %"


@register.simple_tag
def represented_method() -> str:
    """The sentence on the method and the 5-person rule, shared by the page and the documents."""
    return _(
        "Verglichen werden die freiwilligen Angaben zu Wohnort und Altersgruppe mit den Anteilen an der "
        "Bevölkerung des Kreises. Über- oder unterrepräsentiert heißt: der Anteil weicht um mindestens die "
        "Hälfte nach oben (Verhältnis ab 1,5) oder ein Drittel nach unten (bis 0,67) ab, und die Abweichung "
        "ist statistisch deutlich (Score-Test, 5 %). Für weniger als 5 Personen zeigen wir keine Zahl "
        "(„< 5“), ebenso für eine weitere Zeile, wenn sich eine ausgeblendete Zahl sonst aus der Summe ergäbe."
    )


def people_sentence(people: int) -> str:
    """The count sentence ("18 Personen haben teilgenommen."), the same message as the template's."""
    return ngettext("%(n)s Person hat teilgenommen.", "%(n)s Personen haben teilgenommen.", people) % {"n": people}


def flag_label(flag: str) -> str:
    """The German word for a cell's flag; "–" for none."""
    return {"over": _("überrepräsentiert"), "under": _("unterrepräsentiert")}.get(flag, "–")


def source_note(table: Any) -> str:
    """The line under a table: where the population shares come from, or that there are none."""
    if table.has_expected:
        return _("Bevölkerung: %(s)s.") % {"s": table.source}
    return _(
        "Für die Altersgruppen liegen keine Bevölkerungszahlen des Kreises vor; gezeigt werden nur die "
        "Angaben der Teilnehmenden."
    )


@register.filter
def represented_tables(result: Any) -> list[tuple[Any, str, str]]:
    """The two tables of a ``Representativeness`` with their column heading and caption."""
    return [
        (result.municipalities, _("Wohnort"), _("Teilnehmende nach Wohnort (Gemeinde) und Bevölkerungsanteil")),
        (result.age_bands, _("Altersgruppe"), _("Teilnehmende nach Altersgruppe und Bevölkerungsanteil")),
    ]


SECTION = """<section class="kk-section" aria-labelledby="{id}-heading">
  {heading}
  <p class="kern-body kk-prose">{people} {method}</p>{tables}
</section>"""
H2 = '<h2 class="kern-heading-medium" id="{id}-heading">{text}</h2>'
H3 = '<h3 class="kern-heading-small" id="{id}-heading">{text}</h3>'
TABLE = """
  <div class="kern-table-responsive"><table class="kern-table kern-table--small">
    <caption class="kern-title">{caption}</caption>
    <thead><tr class="kern-table__row"><th scope="col" class="kern-table__header">{what}</th>\
<th scope="col" class="kern-table__header kern-table__header--numeric">{l_people}</th>\
<th scope="col" class="kern-table__header kern-table__header--numeric">{l_share}</th>{expected_heads}</tr></thead>
    <tbody class="kern-table__body">{rows}</tbody>
    <tfoot><tr class="kern-table__row"><th scope="row" class="kern-table__cell">{l_undeclared}</th>\
<td class="kern-table__cell kern-table__cell--numeric">{undeclared}</td><td class="kern-table__cell \
kern-table__cell--numeric">–</td>{expected_foot}</tr></tfoot>
  </table></div>
  <p class="kern-body kern-body--small kk-meta">{source}</p>"""
EXPECTED_HEADS = (
    '<th scope="col" class="kern-table__header kern-table__header--numeric">{l_expected}</th>'
    '<th scope="col" class="kern-table__header kern-table__header--numeric">{l_ratio}</th>'
    '<th scope="col" class="kern-table__header">{l_flag}</th>'
)
NUMBER = '<td class="kern-table__cell kern-table__cell--numeric">{}</td>'
#: a row: its label, then the count and share (or "< 5" and "–"), then (with population figures) the
#: expected share, the ratio and the flag; one format per kind of row, filled once
ROW = '<tr class="kern-table__row"><th scope="row" class="kern-table__cell">{label}</th>'
COUNTS = NUMBER.format("{count}") + NUMBER.format("{share}")
SUPPRESSED_COUNTS = NUMBER.format("&lt; 5{why}") + NUMBER.format("–")
EXPECTED = NUMBER.format("{expected}") + NUMBER.format("{ratio}") + '<td class="kern-table__cell">{flag}</td>'
ROWS = {
    (suppressed, has_expected): ROW
    + (SUPPRESSED_COUNTS if suppressed else COUNTS)
    + (EXPECTED if has_expected else "")
    + "</tr>"
    for suppressed in (False, True)
    for has_expected in (False, True)
}
WHY = '<span class="kern-sr-only"> {text}</span>'
STRONG = "<strong>{text}</strong>"


@register.simple_tag
def representativeness(result: Any, level: int, id: str) -> SafeString:
    """The section for a ``Representativeness``: its heading at ``level`` (2 or 3), the count and method
    sentences and the two tables; ``id`` prefixes the heading's id (unique on the page)."""
    heading = _("Wer hat teilgenommen? (Repräsentativität)")
    tables = joined(_table(table, what, caption) for table, what, caption in represented_tables(result))
    return fill(
        SECTION,
        id=id,
        heading=fill(H3 if level == 3 else H2, id=id, text=heading),
        people=people_sentence(result.people),
        method=represented_method(),
        tables=tables,
    )


def _table(table: Any, what: str, caption: str) -> SafeString:
    why = fill(WHY, text=_("(ausgeblendet, damit sich keine kleinere Zahl errechnen lässt)"))
    words = _Words()
    rows = joined(_row(cell, table.has_expected, why, words) for cell in table.cells)
    heads = ""
    if table.has_expected:
        heads = fill(
            EXPECTED_HEADS, l_expected=_("Anteil an der Bevölkerung"), l_ratio=_("Verhältnis"), l_flag=_("Bewertung")
        )
    return fill(
        TABLE,
        caption=caption,
        what=what,
        l_people=_("Teilnehmende"),
        l_share=_("Anteil"),
        expected_heads=heads,
        rows=rows,
        l_undeclared=_("Ohne Angabe (nicht in den Anteilen)"),
        undeclared=table.undeclared,
        expected_foot=SafeString('<td class="kern-table__cell" colspan="3"></td>') if table.has_expected else "",
        source=source_note(table),
    )


class _Words:
    """What a table's rows write, looked up once per table: the decimal separator and the flags."""

    def __init__(self) -> None:
        self.separator = str(get_format("DECIMAL_SEPARATOR"))
        self.flags = {flag: fill(STRONG, text=flag_label(flag)) for flag in ("over", "under")}

    def percent(self, share: float | None) -> str:
        """As :func:`percent`."""
        return "–" if share is None else f"{fixed(share * 100, 1, self.separator)} %"


def _row(cell: Any, has_expected: bool, why: SafeString, words: _Words) -> SafeString:
    values: dict[str, Any] = {"label": cell.label}
    if cell.suppressed:
        values["why"] = why if cell.secondary else ""
    else:
        values.update(count=cell.count, share=words.percent(cell.share))
    if has_expected:
        values.update(
            expected=words.percent(cell.expected),
            ratio=fixed(cell.ratio, 2, words.separator) if cell.ratio is not None else "–",
            flag=words.flags.get(cell.flag, "–"),
        )
    return fill(ROWS[(bool(cell.suppressed), has_expected)], **values)
