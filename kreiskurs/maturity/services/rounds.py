"""Writes of assessment rounds: open (freezing the model version), close, reopen. One round is open at a time."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kreiskurs.audit.services import record_change

from ..models import AssessmentRound, MaturityModel
from .base import _lock_round

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor


@transaction.atomic
def open_round(
    *,
    by: Actor,
    model: MaturityModel,
    title: str,
    opened_on: dt.date | None = None,
    due_on: dt.date | None = None,
) -> AssessmentRound:
    """Open a round on a model version, which is frozen from now on. One round is open at a time."""
    locked = MaturityModel.objects.select_for_update().get(pk=model.pk)
    dimensions = list(locked.dimensions.prefetch_related("questions"))
    if not dimensions or any(not d.questions.all() for d in dimensions):
        raise ValidationError(_("Jede Dimension des Modells braucht mindestens eine Frage."))
    running = AssessmentRound.objects.filter(district_id=locked.district_id, state=AssessmentRound.State.OPEN).first()
    if running is not None:
        raise ValidationError(_("Die Runde „%(r)s“ ist noch offen; schließen Sie sie zuerst.") % {"r": running})
    round_ = AssessmentRound(
        district=locked.district,
        model=locked,
        title=title,
        opened_on=opened_on or timezone.localdate(),
        due_on=due_on,
    )
    round_.full_clean()
    round_.save()
    record_change(by=by, district=locked.district, action="create", obj=round_, revision=1)
    if not locked.is_frozen:
        locked.frozen_at = timezone.now()
        locked.save(update_fields=["frozen_at"])
        record_change(
            by=by, district=locked.district, action="state", obj=locked, changes={"eingefroren": (None, str(round_))}
        )
    return round_


@transaction.atomic
def close_round(*, by: Actor, round: AssessmentRound) -> AssessmentRound:
    """Close a round: no more answers or submissions. Drafts stay drafts and count nowhere."""
    current = _lock_round(round.pk)
    if not current.is_open:
        raise ValidationError(_("Die Runde ist schon abgeschlossen."))
    current.state = AssessmentRound.State.CLOSED
    current.closed_at = timezone.now()
    current.revision += 1
    current.save(update_fields=["state", "closed_at", "revision"])
    record_change(
        by=by,
        district=current.district,
        action="state",
        obj=current,
        changes={"state": (str(AssessmentRound.State.OPEN.label), str(AssessmentRound.State.CLOSED.label))},
        revision=current.revision,
    )
    return current


@transaction.atomic
def reopen_round(*, by: Actor, round: AssessmentRound) -> AssessmentRound:
    """Open a closed round again (if no other round is open)."""
    current = _lock_round(round.pk)
    if current.is_open:
        raise ValidationError(_("Die Runde ist schon offen."))
    if AssessmentRound.objects.filter(district_id=current.district_id, state=AssessmentRound.State.OPEN).exists():
        raise ValidationError(_("Es ist schon eine andere Runde offen."))
    current.state = AssessmentRound.State.OPEN
    current.closed_at = None
    current.revision += 1
    current.save(update_fields=["state", "closed_at", "revision"])
    record_change(
        by=by,
        district=current.district,
        action="state",
        obj=current,
        changes={"state": (str(AssessmentRound.State.CLOSED.label), str(AssessmentRound.State.OPEN.label))},
        revision=current.revision,
    )
    return current
