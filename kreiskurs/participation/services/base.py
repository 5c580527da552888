"""What every participant write shares: the phase rule, rate limits and text cleaning."""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Participant, Process, Visibility
from ..protection import RateLimited, check_rate

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor


class NotAllowedNow(PermissionDenied):
    """The running phase (or the lack of one) does not allow this action."""


def require_action(*, user: Actor, process: Process, action: str, participant: Participant | None) -> Participant:
    """Refuse unless ``action`` is allowed now; returns the participant who acts."""
    if not rules.has_perm(f"participation.{action}", user, process):
        raise NotAllowedNow(_("Das ist in der aktuellen Phase nicht möglich."))
    if participant is None or participant.district_id != process.district_id:
        raise NotAllowedNow(_("Bitte nehmen Sie zuerst teil (Anzeigename genügt)."))
    return participant


def require_released_version(process: Process) -> None:
    """Refuse unless the process's strategy version is released (public): participants comment and
    rate the text as it was released for consultation, never a draft the team is working on."""
    from kreiskurs.strategy.models import StrategyVersion

    if process.version_id is None or not StrategyVersion.objects.public().filter(pk=process.version_id).exists():
        raise NotAllowedNow(
            _("Der Entwurf wird gerade überarbeitet. Beiträge sind wieder möglich, sobald er freigegeben ist.")
        )


CONSULTATION_OVER = gettext_lazy(
    "Die Beteiligung zu dieser Fassung ist beendet; Kommentare und Bewertungen sind nicht mehr möglich."
)


def require_consultation(process: Process) -> None:
    """Refuse unless the process's version is in consultation and its deadline has not passed.

    Comments on the text and ratings are about a version *in consultation*: once it is adopted (or
    superseded) its forms close, and a version the team took back into draft is not public.
    """
    require_released_version(process)
    from kreiskurs.strategy.models import StrategyVersion

    version = StrategyVersion.objects.filter(pk=process.version_id or 0).first()
    if version is None or not version.consultation_open:
        raise NotAllowedNow(str(CONSULTATION_OVER))


def throttle(*, process: Process, kind: str, participant: Participant, address: str | None) -> None:
    account = f"user:{participant.user_id}" if participant.user_id else f"participant:{participant.pk}"
    try:
        check_rate(district=process.district, kind=kind, account=account, address=address)
    except RateLimited:
        raise ValidationError(
            _("Zu viele Beiträge in kurzer Zeit. Bitte versuchen Sie es in einigen Minuten noch einmal.")
        ) from None


def initial_visibility(process: Process) -> str:
    """Pre-moderated processes hold contributions until a moderator releases them."""
    return Visibility.PENDING if process.moderation == Process.Moderation.PRE else Visibility.VISIBLE
