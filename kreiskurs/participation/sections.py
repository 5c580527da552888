"""What participation shows on pages of apps below it (see ``kreiskurs.core.sections``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from kreiskurs.core.sections import register_section

from .models import (
    AbuseReport,
    Comment,
    Idea,
    Statement,
)
from .selectors import ideas_behind
from .selectors.gathered import COUNTED_BY_KIND, in_phase
from .selectors.joining import joinable_everywhere, joinable_in
from .selectors.reach import reach_by_group
from .services.representativeness import is_fresh, running_kept
from .templatetags.represented import representativeness


@register_section("portal.measure", template="participation/tags/source_ideas.html", order=20)
def source_ideas(*, request: HttpRequest, district: Any, lineage: Any) -> dict[str, Any]:
    """The ideas a measure came from (accountability on the measure page)."""
    return {"district": district, "ideas": ideas_behind(district, lineage)}


@register_section("manage.dashboard.participation", template="participation/tags/open_participation.html")
def open_participation(*, request: HttpRequest, district: Any) -> dict[str, Any]:
    """Running processes with what their running phase gathered so far (ideas, comments, ratings, votes or
    survey answers, by the phase's kind), what waits for moderation and who takes part in them (staff
    dashboard): one query while something runs (``selectors.gathered``) and the kept representativeness
    is rendered already (:func:`running_shown`)."""
    now = timezone.now()
    running = in_phase(district, now)
    table = []
    for process in running.processes:
        phase = running.phases[process.pk]
        what = COUNTED_BY_KIND.get(phase.kind)
        table.append((process, phase, what, phase.gathered if what else None))  # type: ignore[attr-defined]
    may_moderate = request.user.has_perm("participation.moderate", district)
    shown = running_shown(district, running.representativeness_at, now) if running.processes else None
    return {
        "district": district,
        "rows": table,
        "pending": running.pending,
        "may_moderate": may_moderate,
        "representativeness": shown,
    }


#: who takes part in the running processes as rendered, per district, moment its kept result was
#: computed and language: the same moment, the same result (``services.representativeness``), so it is
#: rendered once per process instead of on every dashboard (a third of a millisecond; issue 12)
_RUNNING_SHOWN: dict[tuple[int, Any, str], SafeString | None] = {}
_RUNNING_SHOWN_MAX = 256


def running_shown(district: Any, kept_at: dt.datetime | None, now: dt.datetime) -> SafeString | None:
    """Who takes part in the district's running processes, by declared municipality and age band against
    the population (None while nobody has taken part). ``kept_at`` is when the kept result was computed,
    as read with the running phases: while it is fresh and rendered in this language, that rendering is
    shown without reading the result; otherwise the result is read (or computed and kept) and rendered."""
    language = get_language() or ""
    if is_fresh(kept_at, now) and (district.pk, kept_at, language) in _RUNNING_SHOWN:
        return _RUNNING_SHOWN[(district.pk, kept_at, language)]
    kept = running_kept(district=district)
    shown = representativeness(kept.result, 3, "running-representativeness") if kept.result.people else None
    if len(_RUNNING_SHOWN) >= _RUNNING_SHOWN_MAX:
        _RUNNING_SHOWN.clear()
    _RUNNING_SHOWN[(district.pk, kept.at, language)] = shown
    return shown


@register_section("manage.tasks", template="participation/tasks/moderation.html", order=30)
def moderation_queue(*, request: HttpRequest, district: Any) -> dict[str, Any] | None:
    """Moderators and the strategy team: contributions waiting for release and open abuse reports.

    Rule: shown to whoever may moderate (``participation.moderate``)."""
    if not request.user.has_perm("participation.moderate", district):
        return None
    pending = sum(model.objects.filter(district=district).pending().count() for model in (Idea, Comment, Statement))
    reports = AbuseReport.objects.filter(district=district, resolved_at__isnull=True).count()
    from .selectors.analysis import open_comment_duplicates, open_duplicates

    # ideas and comments that may repeat earlier ones, counted together
    duplicates = open_duplicates(district).count() + open_comment_duplicates(district).count()
    return {"district": district, "pending": pending, "reports": reports, "duplicates": duplicates}


@register_section("manage.actor_map", template="participation/actor_map/reach.html")
def reach(*, request: HttpRequest, district: Any) -> dict[str, Any]:
    """Per actor group, which processes and events reached it and how much came from it (the actor map)."""
    return {"district": district, "reach": reach_by_group(district)}


@register_section("portal.home", template="participation/tags/join_in.html", order=10)
def join_in(*, request: HttpRequest, district: Any) -> dict[str, Any]:
    """The district home's "Jetzt mitmachen": running processes with deadline, participants and a call to act."""
    rows, total = joinable_in(district, request.user)
    return {"district": district, "rows": rows, "total": total}


@register_section("portal.index", template="participation/tags/join_in_everywhere.html", order=10)
def join_in_everywhere(*, request: HttpRequest) -> dict[str, Any] | None:
    """Running participation across districts on the platform index (nothing when none runs)."""
    rows, total = joinable_everywhere(request.user)
    if not rows:
        return None
    return {"rows": rows, "total": total}
