"""What participation reports as still open when a version is adopted (``strategy.adoption``).

A consultation ends with the adoption: processes on the version that are still running (or about to
start) are closed on that day, with their end set to now; contributions still awaiting the team's
response are listed and acknowledged, not answered (a reason cannot be invented for them).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kreiskurs.audit.labels import register_action_labels
from kreiskurs.audit.services import record_change
from kreiskurs.strategy.adoption import OpenItem
from kreiskurs.strategy.models import StrategyVersion

from .models import Phase, Process
from .selectors.consideration import awaiting_response

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor

register_action_labels({"close": gettext_lazy("mit dem Beschluss beendet")})


def _unfinished(version: StrategyVersion) -> QuerySet[Process]:
    """Published processes on the version that have not closed yet (running or upcoming)."""
    return Process.objects.published().filter(version=version).exclude(pk__in=Process.objects.closed())


def open_processes(version: StrategyVersion) -> list[OpenItem]:
    titles = list(_unfinished(version).order_by("title").values_list("title", flat=True))
    if not titles:
        return []
    label = ngettext(
        "%(n)s Beteiligungsverfahren zu dieser Version ist nicht abgeschlossen: %(titles)s",
        "%(n)s Beteiligungsverfahren zu dieser Version sind nicht abgeschlossen: %(titles)s",
        len(titles),
    ) % {"n": len(titles), "titles": ", ".join(titles)}
    return [OpenItem("processes", label, len(titles), settled_by_adoption=True)]


def open_responses(version: StrategyVersion) -> list[OpenItem]:
    count = awaiting_response(Process.objects.filter(version=version))
    if not count:
        return []
    label = ngettext(
        "%(n)s Beitrag wartet auf die Abwägung",
        "%(n)s Beiträge warten auf die Abwägung",
        count,
    ) % {"n": count}
    return [OpenItem("responses", label, count, settled_by_adoption=False)]


def close_processes(*, by: Actor, version: StrategyVersion, today: dt.date) -> None:
    """End every unfinished process on the version now: a running phase ends now, phases not started yet go;
    a process none of whose phases has started is withdrawn from publication instead."""
    now = timezone.now()
    for process in _unfinished(version).select_for_update():
        if not Phase.objects.filter(process=process, start__lt=now).exists():  # never started: withdrawn
            Process.objects.filter(pk=process.pk).update(published=False)
            record_change(by=by, district=process.district, action="unpublish", obj=process)
            continue
        changed = []
        for phase in Phase.objects.filter(process=process).select_for_update():
            if phase.start >= now:
                changed.append(f"{phase.title}: {_('entfällt')}")
                phase.delete()
            elif phase.end > now:
                changed.append(f"{phase.title}: {timezone.localtime(phase.end):%d.%m.%Y} → {today:%d.%m.%Y}")
                phase.end = now
                phase.save(update_fields=["end"])
        record_change(
            by=by, district=process.district, action="close", obj=process, changes={"phases": ("", "; ".join(changed))}
        )
