"""The voting flow as in Polis: which statement a participant sees next, and how far they are.

The order rule (``docs/participation.md``, "Voting one statement at a time"):

- Only statements released by moderation are shown; pending and hidden ones never.
- A statement counts as *seen* once the participant has a vote on it; a pass
  ("weiß nicht / überspringen") is a vote and counts too.
- The statements are split into *established* ones (at least ``ESTABLISHED``
  votes by anyone) and *new* ones (fewer votes). The flow alternates between
  them, established first: a participant is placed on the opinion map early by
  statements many others answered too, and new statements still collect the
  votes they need (Polis gives new comments a priority boost for the same reason).
- Within each group the order is a hash of process, participant and statement
  (BLAKE2b): deterministic for one participant, different from one participant
  to the next, and stable when statements are added (a new statement slots in
  without reshuffling the others).

Whether a statement is established is read with one bounded ``EXISTS`` per
statement (is there an ``ESTABLISHED``-th vote? — at most ``ESTABLISHED``
index entries of ``one_vote_per_statement`` each), never by counting all votes
of a large conversation.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from ..models import Participant, Process, Statement, StatementVote

#: votes (by anyone) from which a statement counts as established rather than new
ESTABLISHED = 5


@dataclass(frozen=True)
class Candidate:
    """A statement as the order rule sees it."""

    pk: int
    established: bool


@dataclass(frozen=True)
class Progress:
    """How far a participant is: statements seen (voted or passed) of those shown in the flow."""

    seen: int
    total: int

    @property
    def done(self) -> bool:
        return self.seen >= self.total


@dataclass(frozen=True)
class Position:
    """The flow's state for one participant: the next unseen statement (``None``: all seen) and the progress."""

    next: Statement | None
    progress: Progress


def _rank(process_pk: int, participant_pk: int, statement_pk: int) -> bytes:
    return hashlib.blake2b(f"{process_pk}:{participant_pk}:{statement_pk}".encode(), digest_size=8).digest()


def order(candidates: list[Candidate], *, process_pk: int, participant_pk: int) -> list[int]:
    """The statements in the order the participant meets them (plain Python; see the module's rule)."""

    def shuffled(group: list[Candidate]) -> list[int]:
        return [c.pk for c in sorted(group, key=lambda c: _rank(process_pk, participant_pk, c.pk))]

    established = shuffled([c for c in candidates if c.established])
    new = shuffled([c for c in candidates if not c.established])
    result: list[int] = []
    for n in range(max(len(established), len(new))):
        result.extend(group[n] for group in (established, new) if n < len(group))
    return result


def candidates(process: Process) -> list[Candidate]:
    """The process's released statements with whether each is established (one query)."""
    nth_vote = StatementVote.objects.filter(statement_id=OuterRef("pk")).order_by()[ESTABLISHED - 1 : ESTABLISHED]
    rows = (
        Statement.objects.filter(process=process)
        .visible()
        .order_by()
        .annotate(established=Exists(nth_vote))
        .values_list("pk", "established")
    )
    return [Candidate(pk, bool(established)) for pk, established in rows]


def seen_by(participant: Participant, process: Process) -> set[int]:
    """The statements of the process the participant has voted on or passed (one query)."""
    return set(
        StatementVote.objects.filter(participant=participant, statement__process=process).values_list(
            "statement_id", flat=True
        )
    )


def _split(process: Process, participant: Participant) -> tuple[list[Candidate], Progress]:
    shown = candidates(process)
    seen = seen_by(participant, process)
    unseen = [c for c in shown if c.pk not in seen]
    return unseen, Progress(seen=len(shown) - len(unseen), total=len(shown))


def progress_of(process: Process, participant: Participant) -> Progress:
    """Seen and total without choosing a statement (two queries); votes on statements hidden since do not count."""
    return _split(process, participant)[1]


def position(process: Process, participant: Participant) -> Position:
    """The next statement the participant has neither voted on nor passed, and the progress (three queries)."""
    unseen, progress = _split(process, participant)
    if not unseen:
        return Position(next=None, progress=progress)
    first = order(unseen, process_pk=process.pk, participant_pk=participant.pk)[0]
    return Position(next=Statement.objects.select_related("author").get(pk=first), progress=progress)
