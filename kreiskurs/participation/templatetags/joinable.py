"""Running processes as invitation cards ("Jetzt mitmachen" on the district home and the platform index).

Filled in Python (``kreiskurs/fragments.py``, decision 0038): as an included template each card cost
~0.2 ms, and the district home shows up to six.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kreiskurs.fragments import fill, integer, joined
from kreiskurs.reversing import reverse_cached

from ..selectors.joining import Joinable

register = template.Library()

CARD = """<article class="kern-card kk-joinable" aria-labelledby="join-{pk}">
  <div class="kern-card__container">
    <header class="kern-card__header">
      <h3 class="kern-heading-small" id="join-{pk}">{title}</h3>{district}
    </header>
    <div class="kern-card__body">
      <dl class="kk-joinable__facts">{when}
        <div><dt class="kern-body kern-body--small">{l_people}</dt><dd class="kern-body">{people}</dd></div>
      </dl>{actions}{unpublished}
      <p><a class="kern-btn kern-btn--primary" href="{href}"><span class="kern-label">{l_join}\
<span class="kern-sr-only">: {title}</span></span></a></p>
    </div>
  </div>
</article>"""
DISTRICT = '\n      <p class="kern-body kern-body--small kk-meta">{name}</p>'
PHASE = """
        <div><dt class="kern-body kern-body--small">{l_phase}</dt><dd class="kern-body">{phase}</dd></div>
        <div><dt class="kern-body kern-body--small">{l_until}</dt><dd class="kern-body">\
<time datetime="{iso}">{deadline}</time> {l_clock}</dd></div>"""
NEXT_PHASE = """
        <div><dt class="kern-body kern-body--small">{l_next}</dt><dd class="kern-body">{phase}, {starts}</dd></div>"""
ACTIONS = '\n      <p class="kern-body kern-body--small">{l_can} {actions}</p>'
UNPUBLISHED = '\n      <p class="kern-body kern-body--small"><strong>{label}</strong></p>'


@register.simple_tag
def joinable_cards(rows: Sequence[Joinable], show_district: bool) -> SafeString:
    """One card per running process (``show_district``: name its district, as on the platform index)."""
    return joined(_card(row, show_district) for row in rows)


def _card(row: Joinable, show_district: bool) -> SafeString:
    process = row.process
    return fill(
        CARD,
        pk=process.pk,
        title=process.title,
        district=fill(DISTRICT, name=process.district.display_name) if show_district else "",
        when=_when(row),
        l_people=_("Bisher dabei"),
        people=ngettext("%(n)s Person", "%(n)s Personen", row.participants) % {"n": integer(row.participants)},
        actions=fill(ACTIONS, l_can=_("Sie können:"), actions=", ".join(map(str, row.actions))) if row.actions else "",
        unpublished="" if process.published else fill(UNPUBLISHED, label=_("nicht veröffentlicht")),
        href=reverse_cached("participation:process", (process.district.slug, process.pk)),
        l_join=_("Jetzt mitmachen"),
    )


def _when(row: Joinable) -> SafeString | str:
    """The phase running now and until when, or the next one and from when."""
    if row.phase is not None and row.deadline is not None:
        deadline = _local(row.deadline)
        return fill(
            PHASE,
            l_phase=_("Phase"),
            phase=row.phase.title,
            l_until=_("Mitmachen bis"),
            iso=deadline.isoformat(),
            deadline=deadline.strftime("%d.%m.%Y, %H:%M"),
            l_clock=_("Uhr"),
        )
    if row.next_phase is not None:
        starts = _("ab %(date)s") % {"date": _local(row.next_phase.start).strftime("%d.%m.%Y")}
        return fill(NEXT_PHASE, l_next=_("Nächste Phase"), phase=row.next_phase.title, starts=starts)
    return ""


def _local(moment: dt.datetime) -> dt.datetime:
    """As the template's ``date`` filter shows it: in the current time zone."""
    return timezone.localtime(moment)
