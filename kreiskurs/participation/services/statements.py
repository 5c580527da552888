"""Statements of opinion maps: staff write them, participants propose them and vote agree / disagree / pass.

One vote per participant and statement is kept by the database
(``one_vote_per_statement``). Casting a vote is one ``INSERT … ON CONFLICT
DO UPDATE`` (PostgreSQL and SQLite alike): a second vote of the same person
changes the first, and parallel requests can neither lose a vote nor count
one twice.

Each statement carries its counts (``agree_count`` …), moved by ``F()``
updates in the same transaction as the vote, so pages read them instead of
counting votes (issue 12). The statement row is locked first: votes on one
statement queue for the moment of the update (the counter update would lock
the row anyway), and the vote a person had before is read under that lock, so
a change moves one count from the old value to the new one and parallel
first votes of the same person are counted once. Bulk writes (the pol.is
import, forgetting a person) call ``recount_votes`` afterwards.

The reads the statements page and the API share are in ``selectors/statements.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from kreiskurs.audit.services import record_change

from ..models import Action, Participant, Process, Statement, StatementVote, Visibility, Vote
from ..models.statements import COUNT_FIELDS
from ..text import clean_text
from .base import initial_visibility, require_action, throttle
from .opinion import note_votes_changed

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor

MAX_LENGTH = 300


def _text(value: str) -> str:
    text = clean_text(value)
    if not text:
        raise ValidationError({"text": _("Bitte formulieren Sie die These.")})
    if len(text) > MAX_LENGTH:
        raise ValidationError({"text": _("Eine These hat höchstens %(n)s Zeichen.") % {"n": MAX_LENGTH}})
    return text


@transaction.atomic
def add_statement(*, by: Actor, process: Process, text: str) -> Statement:
    """A statement written by staff (no author): visible at once, audited."""
    if not rules.has_perm("participation.manage_processes", by, process.district):
        raise PermissionDenied(_("Thesen anlegen darf nur das Strategieteam."))
    statement = Statement(
        district=process.district,
        process=process,
        text=_text(text),
        by_staff=True,
        visibility=Visibility.VISIBLE,
    )
    statement.full_clean()
    statement.save()
    record_change(
        by=by, district=process.district, action="create", obj=statement, changes={"text": ("", statement.text)}
    )
    return statement


@transaction.atomic
def propose_statement(
    *, by: Actor, process: Process, participant: Participant | None, text: str, address: str | None = None
) -> Statement:
    """A participant proposes a statement; pre-moderated processes hold it until a moderator releases it."""
    author = require_action(user=by, process=process, action=Action.WRITE_STATEMENT, participant=participant)
    throttle(process=process, kind="statement", participant=author, address=address)
    statement = Statement(
        district=process.district,
        process=process,
        author=author,
        text=_text(text),
        visibility=initial_visibility(process),
    )
    statement.full_clean()
    statement.save()
    return statement


def cast_vote(
    *, by: Actor, statement: Statement, participant: Participant | None, vote: int, address: str | None = None
) -> int:
    """Agree (1), disagree (-1) or pass (0) on a visible statement; a later vote replaces the earlier one.

    Returns the vote as stored.
    """
    if vote not in Vote.values:
        raise ValidationError(_("Unbekannte Stimme."))
    voter = require_action(user=by, process=statement.process, action=Action.VOTE, participant=participant)
    if statement.visibility != Visibility.VISIBLE:
        raise ValidationError(_("Über diese These kann nicht abgestimmt werden."))
    with transaction.atomic():
        throttle(process=statement.process, kind="vote", participant=voter, address=address)
        previous = _lock_and_read(statement, voter)
        StatementVote.objects.bulk_create(
            [
                StatementVote(
                    district_id=statement.district_id,
                    statement=statement,
                    participant=voter,
                    vote=vote,
                    voted_at=timezone.now(),
                )
            ],
            update_conflicts=True,
            unique_fields=["statement", "participant"],
            update_fields=["vote", "voted_at"],
        )
        _shift_counts(statement, old=previous, new=vote)
        note_votes_changed(process=statement.process)  # queues the opinion map's recomputation (debounced)
    return vote


def retract_vote(*, by: Actor, statement: Statement, participant: Participant | None) -> bool:
    """Take one's vote on a statement back; its count goes down with it. False if there was none."""
    voter = require_action(user=by, process=statement.process, action=Action.VOTE, participant=participant)
    with transaction.atomic():
        previous = _lock_and_read(statement, voter)
        if previous is None:
            return False
        StatementVote.objects.filter(statement=statement, participant=voter).delete()
        _shift_counts(statement, old=previous, new=None)
        note_votes_changed(process=statement.process)
    return True


def _lock_and_read(statement: Statement, voter: Participant) -> int | None:
    """Lock the statement's row (its counts) and read the voter's current vote under that lock."""
    list(Statement.objects.select_for_update().filter(pk=statement.pk).values_list("pk"))
    return StatementVote.objects.filter(statement=statement, participant=voter).values_list("vote", flat=True).first()


def _shift_counts(statement: Statement, *, old: int | None, new: int | None) -> None:
    """Move the stored counts from the old vote to the new one (either may be none) in one UPDATE.

    The given instance gets the counts as they are now (the page answers with the statement's row).
    """
    if old == new:
        return
    changes: dict[str, F | object] = {}
    if old is not None:
        changes[COUNT_FIELDS[Vote(old)]] = F(COUNT_FIELDS[Vote(old)]) - 1
    if new is not None:
        changes[COUNT_FIELDS[Vote(new)]] = F(COUNT_FIELDS[Vote(new)]) + 1
    Statement.objects.filter(pk=statement.pk).update(**changes)
    statement.refresh_from_db(fields=list(COUNT_FIELDS.values()))


@transaction.atomic
def recount_votes(statement_ids: Iterable[int]) -> int:
    """Set the stored counts of the given statements from their votes; returns how many statements changed.

    For bulk writes that bypass ``cast_vote`` (the pol.is import, forgetting a
    person) and to repair counts (``kreiskurs recount_votes``): one grouped
    query over the index ``vote_statement_value`` per 500 statements, and a
    bulk update of those whose counts differ.
    """
    ids = sorted(set(statement_ids))
    counted: dict[int, dict[str, int]] = {pk: dict.fromkeys(COUNT_FIELDS.values(), 0) for pk in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = (
            StatementVote.objects.filter(statement_id__in=chunk)
            .order_by()
            .values_list("statement_id", "vote")
            .annotate(n=Count("pk"))
        )
        for statement_id, value, n in rows:
            counted[statement_id][COUNT_FIELDS[Vote(value)]] = n
    fields = list(COUNT_FIELDS.values())
    changed = []
    for start in range(0, len(ids), 500):
        stored = Statement.objects.filter(pk__in=ids[start : start + 500]).values_list("pk", *fields)
        for pk, *values in stored:
            if dict(zip(fields, values, strict=True)) != counted[pk]:
                changed.append(Statement(pk=pk, **counted[pk]))
    Statement.objects.bulk_update(changed, fields, batch_size=200)
    return len(changed)
