"""Reads of the statements page and the API: counts per statement, a participant's own votes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from kreiskurs.prepared import Prepared, PreparedList, counting, prepared_page

from ..models import (
    PHASE_ACTIONS,
    Action,
    Participant,
    Process,
    Statement,
    StatementVote,
    Visibility,
    sees_published_only,
)


@dataclass(frozen=True)
class Tally:
    agree: int = 0
    disagree: int = 0
    passed: int = 0

    @property
    def total(self) -> int:
        return self.agree + self.disagree + self.passed

    @classmethod
    def of(cls, statement: Statement) -> Tally:
        """The counts kept on the statement row (no query)."""
        return cls(agree=statement.agree_count, disagree=statement.disagree_count, passed=statement.pass_count)


def tallies(statement_ids: Iterable[int]) -> dict[int, Tally]:
    """Votes per statement and value, as kept on the statement rows: one query, no votes read (issue 12)."""
    ids = list(statement_ids)
    stored = {}
    if ids:
        rows = (
            Statement.objects.filter(pk__in=ids)
            .order_by()
            .values_list("pk", "agree_count", "disagree_count", "pass_count")
        )
        stored = {pk: Tally(agree=a, disagree=d, passed=p) for pk, a, d, p in rows}
    return {pk: stored.get(pk, Tally()) for pk in ids}


def counts_public_from(process: Process) -> dt.datetime | None:
    """When everyone may see the counts of the process's statements: the end of its last phase in which
    people vote; ``None`` when no phase lets them vote (e.g. an imported pol.is conversation: its counts are
    the result). Reads prefetched phases."""
    return max((p.end for p in process.phases.all() if Action.VOTE in PHASE_ACTIONS[p.kind]), default=None)


def counts_public(process: Process, moment: dt.datetime | None = None) -> bool:
    """As in Polis, a statement's counts are shown to a person only once they voted on it while the vote
    can still come (they would steer the votes not yet cast); after the last voting phase they are open to
    everyone: the statements page, the voting flow and the API (``docs/participation.md``, "Thesen")."""
    opens = counts_public_from(process)
    return opens is None or (moment or timezone.now()) >= opens


def own_votes(participant: Participant | None, statement_ids: Iterable[int]) -> dict[int, int]:
    """The participant's vote per statement (one query; none without a participant)."""
    ids = list(statement_ids)
    if participant is None or not ids:
        return {}
    return dict(
        StatementVote.objects.filter(participant=participant, statement_id__in=ids).values_list("statement_id", "vote")
    )


def for_page(process: Process, participant: Participant | None, user: Any) -> QuerySet[Statement]:
    """The statements the page lists: visible ones (and the participant's own pending ones) first, hidden ones last.

    An imported pol.is conversation may have most of its comments moderated out:
    their placeholders must not push the statements people can read off the
    first page. Within each group the order is the order of writing.
    """
    hidden_last = Case(When(visibility=Visibility.HIDDEN, then=Value(1)), default=Value(0), output_field=IntegerField())
    return (
        Statement.objects.filter(process=process)
        .visible_to(user, participant)
        .select_related("author")
        .only(*ROW_FIELDS)
        .annotate(hidden_last=hidden_last)
        .order_by("hidden_last", "id")
    )


#: what a row of the statements page shows (``views.statement_rows``): of the author only the name, so a
#: page builds its 50 statements and authors from a few columns (no dates, nothing personal)
ROW_FIELDS = (
    "district",
    "process",
    "visibility",
    "hidden_reason",
    "text",
    "external_id",
    "by_staff",
    "agree_count",
    "disagree_count",
    "pass_count",
    "author__display_name",
)


def _as_visitors_read(process: int) -> QuerySet[Statement]:
    """:func:`for_page` for visitors (no participant, no role in the district): only visible and hidden
    statements, so "visible before hidden" is the order of ``visibility`` backwards, which the index
    ``statement_page`` serves, page by page, without sorting every statement of the process."""
    return (
        Statement.objects.filter(process=process)
        .visible_to(None)
        .select_related("author")
        .only(*ROW_FIELDS)
        .order_by("-visibility", "id")
    )


_VISITORS_PAGE = Prepared(_as_visitors_read, process=int)
_VISITORS_COUNTS = Prepared(  # the statements a visitor is listed, and how many of them are hidden
    lambda process: (
        Statement.objects.filter(process=process)
        .visible_to(None)
        .order_by()
        .values("process")
        .annotate(n=Count("*"), hidden=Count("pk", filter=Q(visibility=Visibility.HIDDEN)))
        .values_list("n", "hidden")
    ),
    process=int,
)
_HIDDEN = Prepared(lambda process: counting(Statement.objects.filter(process=process).hidden(), "process"), process=int)


def page_of(
    process: Process, participant: Participant | None, user: Any, number: Any, per_page: int
) -> tuple[Page[Statement], int]:
    """Page ``number`` of :func:`for_page` (``Paginator.get_page`` reads the number), and
    :func:`hidden_count` (for a visitor counted with the page's length, in one statement)."""
    if participant is None and sees_published_only(user, process.district):
        total, hidden = _VISITORS_COUNTS.first(process=process.pk) or (0, 0)
        return prepared_page(_VISITORS_PAGE, total, number, per_page, process=process.pk), hidden
    return Paginator(for_page(process, participant, user), per_page).get_page(number), hidden_count(process)


def hidden_count(process: Process) -> int:
    """How many of the process's statements are hidden (their reasons are listed at the end of the page)."""
    return _HIDDEN.first(process=process.pk) or 0


def public_statements(process: Process) -> QuerySet[Statement]:
    """The statements anyone may read with their counts: visible ones, oldest first."""
    return Statement.objects.filter(process=process).visible().order_by("id")


_PUBLIC = Prepared(public_statements, process=int)
_PUBLIC_COUNT = Prepared(lambda process: counting(public_statements(process), "process"), process=int)


def public_statement_list(process: Process) -> PreparedList:
    """:func:`public_statements` as a list the API's pagination counts and slices, prepared."""
    return PreparedList(_PUBLIC, _PUBLIC_COUNT, {"process": process.pk})
