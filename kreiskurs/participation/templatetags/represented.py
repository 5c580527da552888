"""Filters for the representativeness tables (``participation/_representativeness.html``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
