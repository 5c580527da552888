"""Moderation and the accountability of ideas: staff actions, all audited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kreiskurs.audit.labels import register_action_labels
from kreiskurs.audit.services import record_change
from kreiskurs.strategy import selectors as strategy_selectors
from kreiskurs.strategy import services as strategy_services
from kreiskurs.strategy.models import FieldOfAction, Measure
from kreiskurs.strategy.models.measures import Origin

from ..models import AbuseReport, Comment, Idea, IdeaStatus, Statement, StatementVote, Support, Visibility
from ..text import clean_line, clean_text
from . import analysis, notifications, opinion

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor


#: the actions this module writes into the audit log, in readable German (see ``kreiskurs.audit.labels``)
register_action_labels(
    {
        "moderate": gettext_lazy("Beitrag moderiert"),
        "idea_status": gettext_lazy("Status der Idee geändert"),
        "dismiss_report": gettext_lazy("Meldung verworfen"),
    }
)


@transaction.atomic
def moderate(*, by: Actor, obj: models.Model, visibility: str, reason: str = "") -> models.Model:
    """Release, hide (with a reason shown publicly) or show again an idea, comment or statement."""
    current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    reason = clean_line(reason)
    if visibility == Visibility.HIDDEN and not reason:
        raise ValidationError({"reason": _("Bitte geben Sie den Grund an; er wird öffentlich angezeigt.")})
    if visibility not in (Visibility.VISIBLE, Visibility.HIDDEN):
        raise ValidationError(_("Unbekannte Moderationsentscheidung."))
    old = current.get_visibility_display()  # type: ignore[attr-defined]
    current.visibility = visibility  # type: ignore[attr-defined]
    current.hidden_reason = reason if visibility == Visibility.HIDDEN else ""  # type: ignore[attr-defined]
    current.save(update_fields=["visibility", "hidden_reason"])
    if isinstance(current, Idea | Comment):
        # a hidden idea leaves the themes and duplicates, a comment its index (a released one joins it)
        analysis.request_analysis(process_id=current.process_id, district_id=current.district_id)
    if isinstance(current, Statement) and StatementVote.objects.filter(statement=current).exists():
        # its votes leave (or rejoin) the opinion map
        opinion.note_votes_changed(process=current.process)
    AbuseReport.objects.filter(
        process_id=current.process_id,  # type: ignore[attr-defined]
        kind=current._meta.model_name,
        object_id=current.pk,
        resolved_at__isnull=True,
    ).update(resolved_at=timezone.now())
    record_change(
        by=by,
        district=current.district,  # type: ignore[attr-defined]
        action="moderate",
        obj=current,
        changes={"visibility": (old, current.get_visibility_display())},  # type: ignore[attr-defined]
    )
    return current


@transaction.atomic
def dismiss_report(*, by: Actor, report: AbuseReport) -> AbuseReport:
    """The report is unfounded: the contribution stays as it is."""
    report.resolved_at = timezone.now()
    report.save(update_fields=["resolved_at"])
    record_change(by=by, district=report.district, action="dismiss_report", obj=report)
    return report


@transaction.atomic
def set_idea_status(
    *,
    by: Actor,
    idea: Idea,
    status: str,
    reason: str,
    measure: Measure | None = None,
    merged_into: Idea | None = None,
) -> Idea:
    """Tell the public what became of an idea; the author is notified."""
    current = Idea.objects.select_for_update().get(pk=idea.pk)
    reason = clean_text(reason)
    if status in (IdeaStatus.DECLINED, IdeaStatus.MERGED, IdeaStatus.TAKEN) and not reason:
        raise ValidationError({"reason": _("Bitte begründen Sie den Status öffentlich.")})
    if status == IdeaStatus.TAKEN:
        if measure is None or measure.district_id != current.district_id:
            raise ValidationError({"measure": _("Bitte die Maßnahme angeben, in die die Idee aufgenommen wurde.")})
        current.measure_lineage = measure.lineage
    else:
        current.measure_lineage = None
    if status == IdeaStatus.MERGED:
        if merged_into is None or merged_into.pk == current.pk or merged_into.process_id != current.process_id:
            raise ValidationError({"merged_into": _("Bitte eine andere Idee desselben Verfahrens wählen.")})
        current.merged_into = merged_into
        _carry_over(current, merged_into)
    else:
        current.merged_into = None
    old = current.get_status_display()
    current.status = status
    current.status_reason = reason
    current.status_changed_at = timezone.now()
    current.full_clean()
    current.save()
    if status == IdeaStatus.MERGED:  # the merged idea leaves the themes and duplicates
        analysis.request_analysis(process_id=current.process_id, district_id=current.district_id)
    record_change(
        by=by,
        district=current.district,
        action="idea_status",
        obj=current,
        changes={"status": (old, current.get_status_display())},
    )
    notifications.idea_status_changed(current)
    return current


def _carry_over(idea: Idea, target: Idea) -> None:
    """Merging keeps what people gave the idea: its comments move to the target, and its supports too,
    once per participant (who already supports the target, or wrote it, is not counted twice)."""
    Comment.objects.filter(idea=idea).update(idea=target)
    taken = set(Support.objects.filter(idea=target).values_list("participant_id", flat=True))
    if target.author_id is not None:
        taken.add(target.author_id)
    Support.objects.filter(idea=idea, participant_id__in=taken).delete()
    Support.objects.filter(idea=idea).update(idea=target)


@transaction.atomic
def idea_to_measure(*, by: Actor, idea: Idea, field: FieldOfAction | None = None) -> Measure:
    """One step: the idea becomes a measure in the open draft (origin: participation), and its status says so."""
    idea = Idea.objects.select_for_update().select_related("process").get(pk=idea.pk)
    if idea.measure_lineage:
        raise ValidationError(_("Die Idee ist bereits in eine Maßnahme aufgenommen."))
    draft = strategy_selectors.open_version(idea.district)
    if field is None and idea.field_lineage and draft is not None:
        field = FieldOfAction.objects.filter(version=draft, lineage=idea.field_lineage).first()
    measure = strategy_services.create_measure_in_draft(
        by=by,
        district=idea.district,
        prefix="B",
        values={
            "title": idea.title[:300],
            "summary": idea.text,
            "origin": Origin.PARTICIPATION,
            "origin_note": (_("Idee „%(t)s“ aus „%(p)s“") % {"t": idea.title, "p": idea.process.title})[:300],
        },
        fields_of_action=[field] if field else [],
    )
    set_idea_status(
        by=by,
        idea=idea,
        status=IdeaStatus.TAKEN,
        reason=_("Als Maßnahme %(c)s in den Entwurf der Strategie aufgenommen.") % {"c": measure.code},
        measure=measure,
    )
    return measure
