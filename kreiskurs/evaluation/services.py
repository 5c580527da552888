"""Writes of the evaluation app: rounds, assessments, findings, change proposals.

Accepting a proposal writes into the next draft of the strategy through the
strategy app's services, so the revision mechanism (lineage, comparison,
audit) carries the evaluation's consequences.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kreiskurs.accounts.types import account_of
from kreiskurs.audit.labels import register_action_labels
from kreiskurs.audit.services import record_change
from kreiskurs.core.editing import EditConflict, refuse_if_stale
from kreiskurs.strategy import selectors as strategy_selectors
from kreiskurs.strategy import services as strategy_services
from kreiskurs.strategy.models import FieldOfAction, Goal, Measure, StrategyVersion, VersionState
from kreiskurs.strategy.models.measures import Origin

from . import selectors
from .models import Assessment, ChangeProposal, ElementKind, EvaluationRound

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor

#: the actions this module writes into the audit log, in readable German (see ``kreiskurs.audit.labels``)
register_action_labels(
    {
        "assess": gettext_lazy("Bewertung erfasst"),
        "propose": gettext_lazy("Änderung vorgeschlagen"),
        "decide": gettext_lazy("über Vorschlag entschieden"),
        "publish": gettext_lazy("veröffentlicht"),
    }
)


ELEMENT_MODELS: dict[str, type[models.Model]] = {
    ElementKind.GOAL: Goal,
    ElementKind.FIELD: FieldOfAction,
    ElementKind.MEASURE: Measure,
}


@transaction.atomic
def open_round(
    *, by: Actor, version: StrategyVersion, title: str, period_start: dt.date, period_end: dt.date
) -> EvaluationRound:
    """Open a round on an adopted version: one assessment per goal, field and measure, set to its suggestion."""
    if version.state not in (VersionState.ADOPTED, VersionState.SUPERSEDED):
        raise ValidationError(_("Nur eine beschlossene Version kann evaluiert werden."))
    evaluation = EvaluationRound(
        district=version.district, version=version, title=title, period_start=period_start, period_end=period_end
    )
    evaluation.full_clean()
    evaluation.save()
    on = min(period_end, timezone.localdate())
    Assessment.objects.bulk_create(
        [
            Assessment(
                district=version.district,
                round=evaluation,
                kind=kind,
                lineage=lineage,
                rating=suggestion.rating,
                suggested=suggestion.rating,
                basis=suggestion.basis[:500],
            )
            for kind, lineage, suggestion in selectors.suggest(version, on)
        ]
    )
    record_change(by=by, district=version.district, action="create", obj=evaluation)
    return evaluation


def _lock_open(evaluation_id: int) -> EvaluationRound:
    evaluation = EvaluationRound.objects.select_for_update().get(pk=evaluation_id)
    if not evaluation.is_open:
        raise ValidationError(_("Die Runde ist veröffentlicht und wird nicht mehr geändert."))
    return evaluation


#: a rating that departs from the computed suggestion says why (the report shows both)
OVERRIDE_NEEDS_REASON = gettext_lazy("Sie weichen vom Vorschlag ab: Bitte begründen Sie die Bewertung.")


@transaction.atomic
def assess(
    *, by: Actor, assessment: Assessment, rating: str, rationale: str, expected_revision: int | None
) -> Assessment:
    """Rate one element of an open round (confirms the suggestion or overrides it; overriding needs a reason)."""
    _lock_open(assessment.round_id)
    current = Assessment.objects.select_for_update().get(pk=assessment.pk)
    refuse_if_stale(current, expected_revision)
    changes: dict[str, tuple[str, str]] = {}
    old_rating = current.get_rating_display()
    if current.rationale != rationale:
        changes["rationale"] = (current.rationale, rationale)
    if rating != current.suggested and not rationale.strip():
        raise ValidationError({"rationale": OVERRIDE_NEEDS_REASON})
    current.rating = rating
    current.rationale = rationale
    current.confirmed = True
    current.full_clean()
    if current.get_rating_display() != old_rating:
        changes["rating"] = (old_rating, current.get_rating_display())
    current.revision += 1
    current.save()
    record_change(
        by=by, district=current.district, action="assess", obj=current, changes=changes, revision=current.revision
    )
    return current


@dataclass(frozen=True)
class RatingEntry:
    """One row of the round page as submitted."""

    assessment_id: int
    rating: str
    rationale: str
    expected_revision: int | None = None


@transaction.atomic
def assess_round(*, by: Actor, evaluation: EvaluationRound, entries: Sequence[RatingEntry]) -> list[Assessment]:
    """Save all rating rows of the round page in one go: every row or none.

    Each row goes through :func:`assess` (override reason, lost-update check,
    audit entry). A row already confirmed and submitted unchanged is left as it
    is; any other row counts as reviewed. When a row is refused, nothing is
    saved and the ``ValidationError`` names every refused row: its error dict is
    keyed by the assessment id (as text).
    """
    _lock_open(evaluation.pk)
    rows = evaluation.assessments.in_bulk([e.assessment_id for e in entries])
    errors: dict[str, list[str]] = {}
    saved: list[Assessment] = []
    for entry in entries:
        row = rows.get(entry.assessment_id)
        if row is None:
            errors[str(entry.assessment_id)] = [_("Diese Bewertung gehört nicht zu der Runde.")]
            continue
        if row.confirmed and (row.rating, row.rationale) == (entry.rating, entry.rationale):
            continue
        try:
            saved.append(
                assess(
                    by=by,
                    assessment=row,
                    rating=entry.rating,
                    rationale=entry.rationale,
                    expected_revision=entry.expected_revision,
                )
            )
        except EditConflict as exc:
            errors[str(row.pk)] = [str(exc)]
        except ValidationError as exc:
            errors[str(row.pk)] = exc.messages
    if errors:
        raise ValidationError(errors)  # leaves the transaction: the rows saved above roll back
    return saved


@transaction.atomic
def update_findings(
    *, by: Actor, evaluation: EvaluationRound, findings: str, expected_revision: int | None
) -> EvaluationRound:
    current = _lock_open(evaluation.pk)
    refuse_if_stale(current, expected_revision)
    if current.findings != findings:
        old = current.findings
        current.findings = findings
        current.revision += 1
        current.save(update_fields=["findings", "revision"])
        record_change(
            by=by,
            district=current.district,
            action="update",
            obj=current,
            changes={"findings": (old, findings)},
            revision=current.revision,
        )
    return current


@transaction.atomic
def publish_round(*, by: Actor, evaluation: EvaluationRound) -> EvaluationRound:
    """Publish the round's report. From now on its ratings and findings stay as published."""
    current = _lock_open(evaluation.pk)
    if not current.findings.strip():
        raise ValidationError(_("Bitte vor der Veröffentlichung die Ergebnisse und Erkenntnisse beschreiben."))
    current.state = EvaluationRound.State.PUBLISHED
    current.published_at = timezone.now()
    # the participation of the period as published, counted once (the report never recounts it)
    current.figures = {**current.figures, "participation": selectors.participation_in_period(current)}
    current.figures["representativeness"] = selectors.representativeness_in_period(current).as_dict()
    current.save(update_fields=["state", "published_at", "figures"])
    record_change(by=by, district=current.district, action="publish", obj=current)
    return current


def _element(version: StrategyVersion, kind: str, lineage: Any) -> Any:
    model = ELEMENT_MODELS.get(kind)
    found = model._default_manager.filter(version=version, lineage=lineage).first() if model else None
    return found


@transaction.atomic
def propose_change(
    *,
    by: Actor,
    evaluation: EvaluationRound,
    kind: str,
    lineage: Any,
    action: str,
    title: str,
    change: str,
    reason: str,
) -> ChangeProposal:
    """Record a change the round's findings call for (about an element of the evaluated version, or a new measure)."""
    if kind and _element(evaluation.version, kind, lineage) is None:
        raise ValidationError({"element": _("Das Element gehört nicht zur bewerteten Version.")})
    if action == ChangeProposal.Action.NEW_MEASURE and kind == ElementKind.MEASURE:
        raise ValidationError({"element": _("Eine neue Maßnahme wird einem Ziel oder Handlungsfeld zugeordnet.")})
    proposal = ChangeProposal(
        district=evaluation.district,
        round=evaluation,
        kind=kind or "",
        lineage=lineage if kind else None,
        action=action,
        title=title,
        change=change,
        reason=reason,
        created_by=account_of(by),
    )
    proposal.full_clean()
    proposal.save()
    record_change(by=by, district=evaluation.district, action="propose", obj=proposal)
    return proposal


def _draft_for(by: Actor, evaluation: EvaluationRound) -> StrategyVersion:
    """The open draft, or a new revision of the latest adopted version."""
    district = evaluation.district
    draft = strategy_selectors.open_version(district)
    if draft is None:
        draft = strategy_services.start_revision(by=by, strategy=evaluation.version.strategy)
    if not draft.is_editable:
        raise ValidationError(
            _("Version %(n)s ist in der Beteiligung; nehmen Sie sie zuerst in den Entwurf zurück.")
            % {"n": draft.number}
        )
    return draft


def _apply(by: Actor, proposal: ChangeProposal, draft: StrategyVersion) -> None:
    target = _element(draft, proposal.kind, proposal.lineage) if proposal.kind else None
    if proposal.kind and target is None and proposal.action != ChangeProposal.Action.CHANGE:
        raise ValidationError(_("Das Element ist im Entwurf nicht mehr enthalten."))
    if proposal.action == ChangeProposal.Action.RETIRE and target is not None:
        strategy_services.delete_element(by=by, obj=target)
    elif proposal.action == ChangeProposal.Action.NEW_MEASURE:
        fields = [target] if isinstance(target, FieldOfAction) else []
        goals = [target] if isinstance(target, Goal) else []
        if isinstance(target, Goal) and target.field is not None:
            fields = [target.field]
        strategy_services.create_element(
            by=by,
            version=draft,
            model=Measure,
            values={
                "code": strategy_services.next_free_code(draft, "E"),
                "title": proposal.title,
                "summary": proposal.change,
                "origin": Origin.EVALUATION,
                "origin_note": str(proposal.round)[:300],
            },
            m2m={"fields_of_action": fields, "goals": goals},
        )
    line = f"• {proposal.title} ({proposal.round}): {proposal.change}"
    summary = f"{draft.change_summary}\n{line}".strip()
    strategy_services.update_version_text(
        by=by, version=draft, values={"change_summary": summary}, expected_revision=None
    )


@transaction.atomic
def decide_proposal(*, by: Actor, proposal: ChangeProposal, accept: bool, note: str = "") -> ChangeProposal:
    """Accept a proposal (applied to the next draft) or reject it, with a reason either way."""
    current = ChangeProposal.objects.select_for_update().select_related("round__version__strategy").get(pk=proposal.pk)
    if current.state != ChangeProposal.State.PROPOSED:
        raise ValidationError(_("Über diesen Vorschlag ist bereits entschieden."))
    if not accept and not note.strip():
        raise ValidationError({"decision_note": _("Bitte begründen Sie die Ablehnung.")})
    if accept:
        draft = _draft_for(by, current.round)
        _apply(by, current, draft)
        current.applied_version = draft
    current.state = ChangeProposal.State.ACCEPTED if accept else ChangeProposal.State.REJECTED
    current.decision_note = note
    current.decided_at = timezone.now()
    current.save()
    record_change(
        by=by,
        district=current.district,
        action="decide",
        obj=current,
        changes={"state": (ChangeProposal.State.PROPOSED.label, current.get_state_display())},
    )
    return current
