"""A measure's status reports as a timeline (its profile, its report pages, the report form).

Filled in Python (``kreiskurs/fragments.py``, decision 0038): a report page lists 50 reports.
"""

from __future__ import annotations

from collections.abc import Sequence

from django import template
from django.template.defaultfilters import floatformat
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kreiskurs.fragments import fill, joined

from ..models import StatusReport

register = template.Library()

ITEM = """
  <li class="kk-timeline__item">
    <p class="kern-body kern-body--bold">{day} · {phase} · {progress} %</p>
    <p class="kern-body kk-prose">{text}</p>{risks}{next_steps}{spent}
  </li>"""
LABELLED = '\n    <p class="kern-body kk-prose"><strong>{label}:</strong> {text}</p>'
SPENT = '\n    <p class="kern-body kern-body--small">{label}: {amount} €</p>'


@register.simple_tag
def timeline_items(reports: Sequence[StatusReport]) -> SafeString:
    """One ``<li>`` per report, newest first as given."""
    risks, next_steps, spent = _("Risiken"), _("Nächste Schritte"), _("Bisher ausgegeben")
    return joined(
        fill(
            ITEM,
            day=r.date.strftime("%d.%m.%Y"),
            phase=r.phase_label,
            progress=r.progress,
            text=r.text,
            risks=fill(LABELLED, label=risks, text=r.risks) if r.risks else "",
            next_steps=fill(LABELLED, label=next_steps, text=r.next_steps) if r.next_steps else "",
            spent="" if r.spent_budget is None else fill(SPENT, label=spent, amount=floatformat(r.spent_budget, "0g")),
        )
        for r in reports
    )
