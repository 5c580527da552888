"""Reads of the participation app: which processes a user sees, who is acting, what is visible."""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from kreiskurs.collation import natural
from kreiskurs.prepared import Prepared, counting
from kreiskurs.strategy.models import Measure, StrategyVersion
from kreiskurs.territory.models import District

from ..models import (
    Comment,
    Event,
    Idea,
    IdeaStatus,
    Participant,
    Phase,
    Process,
    Survey,
    Visibility,
    sees_published_only,
)
from ..models.contributions import ModeratedQuerySet, visible_condition
from .phases import with_phases

SESSION_KEY = "kreiskurs.participant.{district}"


def processes_visible_to(user: Any, district: District) -> QuerySet[Process]:
    """Published processes; unpublished ones too for the district's members (``Process.objects.visible_to``)."""
    return (
        Process.objects.visible_to(user)
        .filter(district=district)
        .prefetch_related(Prefetch("phases", queryset=Phase.objects.order_by("start", "id")))
    )


_PUBLISHED_PROCESS = Prepared(
    lambda district, pk: (
        Process.objects.published().filter(district_id=district, pk=pk).select_related("version", "district")
    ),
    district=int,
    pk=int,
)


def process_for(user: Any, district: District, pk: int | str) -> Process:
    """The process ``pk`` of ``district`` if ``user`` may see it, with its phases, or 404. Visitors and
    members of other districts see published processes only: their lookup is prepared (decision 0037)."""
    try:
        key = int(pk)
        if not sees_published_only(user, district):
            return processes_visible_to(user, district).select_related("version", "district").get(pk=key)
        if not 0 < key < 2**63:  # no such key (and none the database could compare)
            raise Process.DoesNotExist
        process = _PUBLISHED_PROCESS.first(district=district.pk, pk=key)
        if process is None:
            raise Process.DoesNotExist
        with_phases([process])
        return process
    except (Process.DoesNotExist, ValueError):
        raise Http404(_("Kein solches Verfahren")) from None


def participant_for(request: Any, district: District) -> Participant | None:
    """The participant acting in ``district``: the account's, or the pseudonymous one of this browser session."""
    user = request.user
    if user.is_authenticated:
        return Participant.objects.filter(district=district, user=user).first()
    pk = request.session.get(SESSION_KEY.format(district=district.pk))
    if pk is None:
        return None
    return Participant.objects.filter(district=district, pk=pk, user__isnull=True).first()


def remember_participant(request: Any, participant: Participant) -> None:
    if participant.user_id is None:
        request.session[SESSION_KEY.format(district=participant.district_id)] = participant.pk


def participants_of(request: Any) -> list[Participant]:
    """All participations of the person behind the request (account, or this session's pseudonyms)."""
    if request.user.is_authenticated:
        return list(
            Participant.objects.filter(user=request.user).select_related("district", "municipality", "actor_group")
        )
    ids = [v for k, v in request.session.items() if k.startswith("kreiskurs.participant.")]
    return list(
        Participant.objects.filter(pk__in=ids, user__isnull=True).select_related(
            "district", "municipality", "actor_group"
        )
    )


def ideas_of(process: Process, participant: Participant | None, user: Any) -> QuerySet[Idea]:
    """The ideas of the process's page (``Idea.objects.visible_to``), with support and visible comment counts."""
    return (
        Idea.objects.filter(process=process)
        .visible_to(user, participant)
        .select_related("author", "municipality", "actor_group", "merged_into")
        .annotate(
            support_count=Count("supports", distinct=True),
            comment_count=Count("comments", filter=visible_condition("comments__"), distinct=True),
        )
    )


def comments_on(qs: ModeratedQuerySet[Comment], participant: Participant | None, user: Any) -> list[Comment]:
    """Top-level comments with their replies (one level), in order, as ``Comment.objects.visible_to`` shows them."""
    rows = list(qs.visible_to(user, participant).select_related("author").order_by("created_at", "id"))
    by_parent: dict[int, list[Comment]] = {}
    for c in rows:
        if c.parent_id:
            by_parent.setdefault(c.parent_id, []).append(c)
    top = [c for c in rows if not c.parent_id]
    for c in top:
        c.reply_list = by_parent.get(c.pk, [])  # type: ignore[attr-defined]
    return top


_OUTCOME = Prepared(
    lambda process: (
        Idea.objects.filter(process_id=process)
        .exclude(visibility=Visibility.PENDING)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    ),
    process=int,
)


def outcome(process: Process) -> dict[str, int]:
    """What became of the contributions: ideas by status (visible and hidden ones)."""
    counts = dict(_OUTCOME(process=process.pk))
    return {value: counts.get(value, 0) for value in IdeaStatus.values}


def newest_ideas(process: Process, participant: Participant | None, user: Any, count: int) -> list[Idea]:
    """The ``count`` newest ideas of :func:`ideas_of` (the process page); prepared for visitors (no
    participant, no role in the district)."""
    if participant is None and sees_published_only(user, process.district):
        return list(_newest_for_visitors(count)(process=process.pk))
    return list(ideas_of(process, participant, user).order_by("-created_at")[:count])


@functools.cache
def _newest_for_visitors(count: int) -> Prepared[Idea]:
    return Prepared(lambda process: ideas_of(process, None, None).order_by("-created_at")[:count], process=int)


def _one_row(rows: QuerySet[Any]) -> QuerySet[Any, int]:
    return rows.order_by().values_list("pk", flat=True)[:1]


_VISIBLE_COMMENT = Prepared(lambda process: _one_row(Comment.objects.filter(process_id=process).visible()), process=int)
_VISIBLE_IDEAS = Prepared(
    lambda process: counting(Idea.objects.filter(process_id=process).visible(), "process"), process=int
)


_SURVEYS = Prepared(lambda process: Survey.objects.filter(process_id=process), process=int)
_EVENTS = Prepared(lambda process: Event.objects.filter(process_id=process), process=int)


def surveys_of(process: Process) -> list[Survey]:
    return list(_SURVEYS(process=process.pk))


def events_of(process: Process) -> list[Event]:
    return list(_EVENTS(process=process.pk))


_IDEAS_BEHIND = Prepared(
    lambda district, lineage: (
        Idea.objects.public()
        .filter(district_id=district, measure_lineage=lineage)
        .select_related("process")
        .order_by("created_at")
    ),
    district=int,
    lineage=uuid.UUID,
)


def ideas_behind(district: District, lineage: uuid.UUID) -> list[Idea]:
    """The published ideas a measure (``lineage``) came from, oldest first."""
    return list(_IDEAS_BEHIND(district=district.pk, lineage=lineage))


def contributions_shown(process: Process) -> tuple[int, bool]:
    """How many visible ideas the process has, and whether it has any visible contribution at all."""
    ideas = _VISIBLE_IDEAS.first(process=process.pk) or 0
    return ideas, bool(ideas) or _VISIBLE_COMMENT.first(process=process.pk) is not None


@dataclass
class Paragraph:
    key: str
    heading: str
    text: str
    comments: list[Comment] = field(default_factory=list)


def version_shown(process: Process, user: Any) -> StrategyVersion | None:
    """The process's strategy version, if ``user`` may see it; else ``None``.

    The one rule is ``StrategyVersion.objects.visible_to``: a version in
    consultation (frozen), adopted or superseded is public; a draft only for the
    district's members. So a version the team took back into draft to revise it
    is not public again until they release it for consultation once more.
    """
    if process.version_id is None:
        return None
    return StrategyVersion.objects.visible_to(user).filter(pk=process.version_id).first()


def draft_paragraphs(process: Process, participant: Participant | None, user: Any) -> list[Paragraph]:
    """The text of the process's version as ``user`` may see it, paragraph by paragraph, each with its
    comments (a fixed number of queries); empty when the version is not visible to ``user``.

    Keys are stable across revisions where they can be: elements by lineage,
    the vision by paragraph number.
    """
    version = version_shown(process, user)
    if version is None:
        return []
    paragraphs = paragraphs_of(version)
    by_key: dict[str, list[Comment]] = {}
    for c in comments_on(Comment.objects.filter(process=process, idea__isnull=True), participant, user):
        by_key.setdefault(c.paragraph, []).append(c)
    for p in paragraphs:
        p.comments = by_key.get(p.key, [])
    return paragraphs


def paragraphs_of(version: StrategyVersion) -> list[Paragraph]:
    """The version's text paragraph by paragraph (five queries): the vision, values, fields, goals, measures."""
    from kreiskurs.strategy.models import FieldOfAction, Goal, Value

    paragraphs = [
        Paragraph(f"vision:{n}", version.vision_title or str(_("Leitbild")), text.strip())
        for n, text in enumerate(version.vision_text.split("\n\n"), start=1)
        if text.strip()
    ]
    paragraphs += [
        Paragraph(f"value:{v.lineage}", v.title, v.description) for v in Value.objects.filter(version=version)
    ]
    paragraphs += [
        Paragraph(f"field:{f.lineage}", f"{f.code} {f.title}", f.description)
        for f in FieldOfAction.objects.filter(version=version)
    ]
    paragraphs += [
        Paragraph(f"goal:{g.lineage}", f"{g.code} {g.title}", g.description)
        for g in Goal.objects.filter(version=version)
    ]
    paragraphs += [
        Paragraph(f"measure:{m.lineage}", f"{m.code} {m.title}", m.summary)
        for m in Measure.objects.filter(version=version).order_by(natural("code"))
    ]
    return paragraphs


PARAGRAPH_KINDS = {"fields": "field", "goals": "goal", "measures": "measure", "values": "value"}


def changed_paragraphs(version: StrategyVersion) -> tuple[StrategyVersion | None, set[str]]:
    """The adopted version ``version`` is compared with and the keys of its paragraphs that differ.

    The comparison is the ordinary one (``strategy.comparison``, by lineage): added and changed
    elements are marked; vision paragraphs are compared by their number. Nothing is marked without
    an adopted version to compare with.
    """
    from kreiskurs.strategy.comparison import compare_versions
    from kreiskurs.strategy.models import VersionState

    base = version.based_on
    if base is None or base.state not in (VersionState.ADOPTED, VersionState.SUPERSEDED):
        return None, set()
    diff = compare_versions(base, version)
    keys: set[str] = set()
    for kind in diff.kinds:
        prefix = PARAGRAPH_KINDS.get(kind.key)
        if prefix is None:  # compared, but not a paragraph one comments on (e.g. the baseline)
            continue
        keys |= {f"{prefix}:{row.lineage}" for row in kind.added}
        keys |= {f"{prefix}:{change.new.lineage}" for change in kind.changed}
    old = [t.strip() for t in base.vision_text.split("\n\n") if t.strip()]
    new = [t.strip() for t in version.vision_text.split("\n\n") if t.strip()]
    keys |= {f"vision:{n}" for n, text in enumerate(new, start=1) if n > len(old) or old[n - 1] != text}
    return base, keys


def measures_to_rate(process: Process, user: Any) -> QuerySet[Measure]:
    """The measures of the process's version, if ``user`` may see that version (see ``version_shown``)."""
    version = version_shown(process, user)
    if version is None:
        return Measure.objects.none()
    return Measure.objects.filter(version=version).order_by(natural("code"))


def priority_results(process: Process) -> dict[Any, tuple[float, int]]:
    """Prioritisation: per measure lineage, the mean rating (1–5) and how many rated it. One query."""
    from django.db.models import Avg

    from ..models import MeasureRating

    rows = (
        MeasureRating.objects.filter(process=process)
        .values("measure_lineage")
        .annotate(mean=Avg("value"), n=Count("id"))
        .values_list("measure_lineage", "mean", "n")
    )
    return {lineage: (round(float(mean), 1), n) for lineage, mean, n in rows}


def own_ratings(process: Process, participant: Participant | None) -> dict[Any, int]:
    if participant is None:
        return {}
    from ..models import MeasureRating

    return dict(
        MeasureRating.objects.filter(process=process, participant=participant).values_list("measure_lineage", "value")
    )
