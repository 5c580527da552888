"""Moderators decide on suggested duplicates: merge the newer idea into the older one, hide a comment that
repeats an earlier one, or say the two differ."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kreiskurs.accounts.types import account_of
from kreiskurs.audit.labels import register_action_labels
from kreiskurs.audit.services import record_change

from ..models import (
    CommentDuplicate,
    CommentDuplicateState,
    DuplicateSuggestion,
    IdeaStatus,
    SuggestionState,
    Visibility,
)
from . import moderation

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor

register_action_labels(
    {
        "merge_duplicate": gettext_lazy("Dublette zusammengeführt"),
        "dismiss_duplicate": gettext_lazy("Keine Dublette"),
        "hide_repeated_comment": gettext_lazy("Wiederholten Kommentar ausgeblendet"),
        "dismiss_comment_duplicate": gettext_lazy("Keine Wiederholung eines Kommentars"),
    }
)


#: a suggested pair of ideas or of comments (both open in state "open" and decided the same way)
Pair = TypeVar("Pair", DuplicateSuggestion, CommentDuplicate)


def _open(suggestion: Pair) -> Pair:
    """The pair locked for the decision; refused when someone decided on it meanwhile."""
    current = type(suggestion).objects.select_for_update().select_related("first", "second").get(pk=suggestion.pk)
    if current.state != SuggestionState.OPEN:
        raise ValidationError(_("Über diesen Vorschlag ist schon entschieden."))
    return current


def _decide(by: Actor, current: DuplicateSuggestion | CommentDuplicate, state: str) -> None:
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


@transaction.atomic
def hide_repeated_comment(*, by: Actor, suggestion: CommentDuplicate) -> CommentDuplicate:
    """The newer comment repeats the older one: it is hidden by the ordinary moderation (audited, reports on
    it resolved) with a public reason naming the earlier comment, so readers find what was said."""
    current = _open(suggestion)
    earlier = current.first
    excerpt = earlier.text if len(earlier.text) <= 80 else earlier.text[:79].rstrip() + "…"
    reason = _("Wiederholt den Kommentar von %(a)s vom %(d)s: „%(t)s“") % {
        "a": earlier.author_label,
        "d": formats.date_format(timezone.localtime(earlier.created_at), "d.m.Y"),
        "t": excerpt,
    }
    moderation.moderate(by=by, obj=current.second, visibility=Visibility.HIDDEN, reason=reason[:300])
    _decide(by, current, CommentDuplicateState.HIDDEN)
    record_change(by=by, district=current.district, action="hide_repeated_comment", obj=current.second)
    return current


@transaction.atomic
def dismiss_comment_duplicate(*, by: Actor, suggestion: CommentDuplicate) -> CommentDuplicate:
    """The two comments only read alike: the pair is kept as decided and never suggested again."""
    current = _open(suggestion)
    _decide(by, current, CommentDuplicateState.DISMISSED)
    record_change(by=by, district=current.district, action="dismiss_comment_duplicate", obj=current.second)
    return current
