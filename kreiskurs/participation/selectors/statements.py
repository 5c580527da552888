"""Reads of the statements page and the API: counts per statement, a participant's own votes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When

from ..models import Participant, Process, Statement, StatementVote, Visibility


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
        .annotate(hidden_last=hidden_last)
        .order_by("hidden_last", "id")
    )


def hidden_count(process: Process) -> int:
    """How many of the process's statements are hidden (their reasons are listed at the end of the page)."""
    return Statement.objects.filter(process=process, visibility=Visibility.HIDDEN).count()


def public_statements(process: Process) -> QuerySet[Statement]:
    """The statements anyone may read with their counts: visible ones, oldest first."""
    return Statement.objects.filter(process=process).visible().order_by("id")
