"""The rows of the back office's list of measures (50 a page), filled in Python
(``kreiskurs/fragments.py``, decision 0038)."""

from __future__ import annotations

from collections.abc import Sequence

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kreiskurs.fragments import fill, joined
from kreiskurs.reversing import reverse_cached

from ..models import Measure

register = template.Library()

ROW = (
    '<tr class="kern-table__row"><td class="kern-table__cell">{code}</td><td class="kern-table__cell">'
    '<a class="kern-link" href="{href}">{title}</a></td><td class="kern-table__cell">{fields}</td>'
    '<td class="kern-table__cell">{priority}</td><td class="kern-table__cell">{phase}</td></tr>'
)
NO_ROW = '<tr class="kern-table__row"><td class="kern-table__cell" colspan="5">{none}</td></tr>'


@register.simple_tag
def manage_measure_rows(measures: Sequence[Measure], slug: str) -> SafeString:
    """One row per measure of a page of ``selectors.measure_page`` (``field_codes`` joined), each linked
    to its form; one saying so when there are none."""
    if not measures:
        return fill(NO_ROW, none=_("Noch keine Maßnahmen."))
    return joined(
        fill(
            ROW,
            code=m.code,
            href=reverse_cached("manage:measure_edit", (slug, m.pk)),
            title=m.title,
            fields=m.field_codes,  # type: ignore[attr-defined]
            priority=m.priority_label,
            phase=m.phase_label,
        )
        for m in measures
    )
