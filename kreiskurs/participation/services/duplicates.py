"""Moderators decide on suggested duplicates: merge the newer idea into the older one, or say they differ."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kreiskurs.accounts.types import account_of
from kreiskurs.audit.labels import register_action_labels
from kreiskurs.audit.services import record_change

from ..models import DuplicateSuggestion, IdeaStatus, SuggestionState
from . import moderation

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor

register_action_labels(
    {
        "merge_duplicate": gettext_lazy("Dublette zusammengeführt"),
        "dismiss_duplicate": gettext_lazy("Keine Dublette"),
    }
)


def _open(suggestion: DuplicateSuggestion) -> DuplicateSuggestion:
    current = DuplicateSuggestion.objects.select_for_update().select_related("first", "second").get(pk=suggestion.pk)
    if current.state != SuggestionState.OPEN:
        raise ValidationError(_("Über diesen Vorschlag ist schon entschieden."))
    return current


def _decide(by: Actor, current: DuplicateSuggestion, state: str) -> None:
    current.state = state
    current.decided_by = account_of(by)
    current.decided_at = timezone.now()
    current.save(update_fields=["state", "decided_by", "decided_at"])


@transaction.atomic
def merge_duplicate(*, by: Actor, suggestion: DuplicateSuggestion, reason: str = "") -> DuplicateSuggestion:
    """The newer idea repeats the older one: it is merged into it (status "zusammengeführt", pointing to it);
    its comments and supports move along (``moderation.set_idea_status``)."""
    current = _open(suggestion)
    moderation.set_idea_status(
        by=by,
        idea=current.second,
        status=IdeaStatus.MERGED,
        reason=reason or _("Das gleiche Anliegen wie „%(t)s“; wir führen beide zusammen.") % {"t": current.first.title},
        merged_into=current.first,
    )
    _decide(by, current, SuggestionState.MERGED)
    # the other open suggestions of the merged idea are settled with it
    DuplicateSuggestion.objects.filter(state=SuggestionState.OPEN, first=current.second).update(
        state=SuggestionState.MERGED, decided_by=account_of(by), decided_at=current.decided_at
    )
    DuplicateSuggestion.objects.filter(state=SuggestionState.OPEN, second=current.second).update(
        state=SuggestionState.MERGED, decided_by=account_of(by), decided_at=current.decided_at
    )
    record_change(by=by, district=current.district, action="merge_duplicate", obj=current.second)
    return current


@transaction.atomic
def dismiss_duplicate(*, by: Actor, suggestion: DuplicateSuggestion) -> DuplicateSuggestion:
    """The two ideas only read alike: the pair is kept as decided and never suggested again."""
    current = _open(suggestion)
    _decide(by, current, SuggestionState.DISMISSED)
    record_change(by=by, district=current.district, action="dismiss_duplicate", obj=current.second)
    return current
