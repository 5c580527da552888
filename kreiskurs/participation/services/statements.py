"""Statements of opinion maps: staff write them, participants propose them and vote agree / disagree / pass.

One vote per participant and statement is kept by the database
(``one_vote_per_statement``). Casting a vote is one ``INSERT … ON CONFLICT
DO UPDATE`` (PostgreSQL and SQLite alike): a second vote of the same person
changes the first, and parallel requests can neither lose a vote nor count
one twice.

The reads the statements page and the API share are in ``selectors/statements.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kreiskurs.audit.services import record_change

from ..models import Action, Participant, Process, Statement, StatementVote, Visibility, Vote
from ..text import clean_text
from .base import initial_visibility, require_action, throttle

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
    return vote
