"""The staff dashboard's lists: open milestones and the latest changes, filled in Python
(``kreiskurs/fragments.py``, decision 0038)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kreiskurs.fragments import fill, joined

register = template.Library()

MILESTONE = "<li>{due}{overdue} · {code}: {title}</li>"
OVERDUE = (
    ' <span class="kern-badge kern-badge--danger kern-badge--small"><span class="kern-label">{label}</span></span>'
)
CHANGE = "<li>{at} · {actor} · {action} · {what}</li>"
NONE = "<li>{none}</li>"


@register.simple_tag
def milestone_items(milestones: Sequence[Any], today: dt.date) -> SafeString:
    """The open milestones due first (``selectors.next_milestones``), those past ``today`` marked overdue."""
    if not milestones:
        return fill(NONE, none=_("Keine offenen Meilensteine."))
    overdue = fill(OVERDUE, label=_("überfällig"))
    return joined(
        fill(
            MILESTONE,
            due=ms.due.strftime("%d.%m.%Y"),
            overdue=overdue if ms.due < today else "",
            code=ms.code,
            title=ms.title,
        )
        for ms in milestones
    )


@register.simple_tag
def change_items(entries: Sequence[Any]) -> SafeString:
    """The latest audit entries (``selectors.latest_audit_entries``): when (local time), who, what."""
    if not entries:
        return fill(NONE, none=_("Noch keine."))
    return joined(
        fill(
            CHANGE,
            at=timezone.localtime(e.at).strftime("%d.%m.%Y %H:%M"),
            actor=e.actor or "–",
            action=e.action_label,
            what=e.object_repr,
        )
        for e in entries
    )
