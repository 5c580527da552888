"""The team weighs contributions of a consultation (Abwägung): decision, reason, the change it led to."""

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
from kreiskurs.core.editing import refuse_if_stale

from ..models import Comment, Consideration, Decision, Idea, Visibility
from ..selectors.consideration import change_choices, change_target
from ..text import clean_text
from .notifications import consideration_given

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor

#: the actions this module writes into the audit log (see ``kreiskurs.audit.labels``)
register_action_labels({"consider": gettext_lazy("Beitrag abgewogen")})


@transaction.atomic
def respond_to_contribution(
    *,
    by: Actor,
    contribution: Comment | Idea,
    decision: str,
    reason: str,
    change_key: str = "",
    expected_revision: int | None,
) -> Consideration:
    """Record (or revise) the team's response to one visible comment or idea; the author is told.

    ``change_key`` names the paragraph of the version being revised (``selectors.consideration.change_target``)
    that the contribution changed. A response that was revised since the form was opened is refused
    (``EditConflict``; a form opened before the first response sends ``expected_revision=0``).
    Registered authors with a confirmed address get an e-mail; everyone sees the response on the
    process's consideration page.
    """
    if isinstance(contribution, Comment):
        current: Comment | Idea = Comment.objects.select_for_update().get(pk=contribution.pk)
    else:
        current = Idea.objects.select_for_update().get(pk=contribution.pk)
    if current.visibility != Visibility.VISIBLE:
        raise ValidationError(
            _("Nur sichtbare Beiträge werden abgewogen; dieser ist ausgeblendet oder nicht freigegeben.")
        )
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Bitte eine Entscheidung wählen.")})
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Bitte die Entscheidung begründen.")})
    target = change_target(current.process) if change_key else None
    if change_key and change_key not in dict(change_choices(target)):
        raise ValidationError({"change_key": _("Diese Stelle gibt es in der überarbeiteten Fassung nicht.")})
    lookup: dict[str, Comment | Idea] = {"comment": current} if isinstance(current, Comment) else {"idea": current}
    row = Consideration.objects.select_for_update().filter(**lookup).first()
    if row is None:  # a form opened before any response sends revision 0
        row = Consideration(district=current.district, process=current.process, **lookup)
        old: dict[str, object] = {}
    else:
        refuse_if_stale(row, expected_revision)
        old = {"decision": row.decision, "reason": row.reason, "change_key": row.change_key}
        row.revision += 1
    row.decision = decision
    row.reason = reason
    row.change_key = change_key
    row.change_version = target
    row.responded_by = account_of(by)
    row.responded_at = timezone.now()
    row.full_clean()
    row.save()
    new = {"decision": decision, "reason": reason, "change_key": change_key}
    changes = {name: (old.get(name, ""), value) for name, value in new.items() if old.get(name, "") != value}
    record_change(by=by, district=row.district, action="consider", obj=row, changes=changes, revision=row.revision)
    consideration_given(row, current)
    return row
