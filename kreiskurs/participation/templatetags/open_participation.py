"""The staff dashboard's running participation, one line per process, filled in Python
(``kreiskurs/fragments.py``, decision 0038)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kreiskurs.fragments import fill, joined
from kreiskurs.reversing import reverse_cached

register = template.Library()

LINE = '<li><a class="kern-link" href="{href}">{title}</a>{phase}{gathered}</li>'
NONE = "<li>{none}</li>"


def gathered_text(what: str, n: int) -> str:
    """What the running phase gathered, e.g. "12 Ideen" (``what`` as ``gathered.COUNTED_BY_KIND`` names it)."""
    if what == "ideas":
        return ngettext("%(n)s Idee", "%(n)s Ideen", n) % {"n": n}
    if what == "comments":
        return ngettext("%(n)s Kommentar", "%(n)s Kommentare", n) % {"n": n}
    if what == "ratings":
        return ngettext("%(n)s Bewertung", "%(n)s Bewertungen", n) % {"n": n}
    if what == "votes":
        return ngettext("%(n)s Stimme", "%(n)s Stimmen", n) % {"n": n}
    if what == "responses":
        return ngettext("%(n)s ausgefüllte Umfrage", "%(n)s ausgefüllte Umfragen", n) % {"n": n}
    return ""


@register.simple_tag
def open_participation_items(rows: Sequence[tuple[Any, Any, str | None, int | None]], slug: str) -> SafeString:
    """(process, running phase, what is counted, count) per process (``sections.open_participation``)."""
    if not rows:
        return fill(NONE, none=_("Zurzeit läuft keine Beteiligung."))
    lines = []
    for process, phase, what, n in rows:
        until = ""
        if phase is not None:
            day = timezone.localtime(phase.end).strftime("%d.%m.%Y")
            until = f" · {phase.title} {_('bis %(d)s') % {'d': day}}"
        lines.append(
            fill(
                LINE,
                href=reverse_cached("participation_manage:process", (slug, process.pk)),
                title=process.title,
                phase=until,
                gathered=f" · {gathered_text(what, n)}" if what and n is not None else "",
            )
        )
    return joined(lines)
