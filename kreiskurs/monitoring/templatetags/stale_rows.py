"""The dashboard's indicators without a recent value, filled in Python (``kreiskurs/fragments.py``,
decision 0038)."""

from __future__ import annotations

from collections.abc import Sequence

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kreiskurs.fragments import fill, joined
from kreiskurs.reversing import reverse_cached

register = template.Library()

STALE = '<li><a class="kern-link" href="{href}">{code} {name}</a> – {when}</li>'


@register.simple_tag
def stale_items(rows: Sequence[tuple[int, str, str, str | None]], slug: str) -> SafeString:
    """``<li>``s of ``selectors.latest_periods`` rows: linked to the indicator, with its latest period."""
    never = _("noch kein Messwert")
    return joined(
        fill(
            STALE,
            href=reverse_cached("monitoring_manage:detail", (slug, pk)),
            code=code,
            name=name,
            when=_("letzter Wert %(p)s") % {"p": period} if period else never,
        )
        for pk, code, name, period in rows
    )
