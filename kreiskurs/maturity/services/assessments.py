"""Writes of self-assessments: save answers, submit, reopen.

A submitted self-assessment is frozen until the strategy team reopens it (while its round is open).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kreiskurs.accounts.types import account_of
from kreiskurs.audit.services import record_change
from kreiskurs.core.editing import refuse_if_stale
from kreiskurs.territory.models import Municipality

from .. import scoring
from ..models import Answer, Assessment, AssessmentRound, Dimension, Question
from .base import _lock_round

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor


def _model_spec(questions: Iterable[Question]) -> list[scoring.DimensionSpec]:
    dimensions: dict[int, tuple[Dimension, list[scoring.QuestionSpec]]] = {}
    for q in questions:
        dimensions.setdefault(q.dimension_id, (q.dimension, []))[1].append(scoring.QuestionSpec(q.pk, q.weight))
    ordered = sorted(dimensions.values(), key=lambda item: (item[0].position, item[0].pk))
    return [scoring.DimensionSpec(d.code, d.weight, specs) for d, specs in ordered]


def _level_label(level: int | None) -> str:
    return _("trifft nicht zu") if level is None else str(level)


@transaction.atomic
def save_assessment(
    *,
    by: Actor,
    round: AssessmentRound,
    municipality: Municipality | None,
    levels: Mapping[int, int | None],
    comment: str = "",
    expected_revision: int | None = None,
    submit: bool = False,
) -> Assessment:
    """Save a municipality's answers as a draft (and, with ``submit``, submit them in the same step);
    ``municipality`` None saves the district administration's own self-assessment.

    ``levels`` maps question ids of the round's model version to a level 0–4, or ``None`` for "does not
    apply"; questions left out are unanswered (allowed in a draft, not when submitting). The scores are
    recomputed with ``scoring.py``. Refused when the round is closed or the assessment is submitted.
    """
    current_round = _lock_round(round.pk)
    if not current_round.is_open:
        raise ValidationError(_("Die Runde ist abgeschlossen; die Selbsteinschätzung wird nicht mehr geändert."))
    if municipality is not None and municipality.district_id != current_round.district_id:
        raise ValidationError(_("Die Gemeinde gehört nicht zu diesem Kreis."))
    assessment, created = Assessment.objects.select_for_update().get_or_create(
        round=current_round, municipality=municipality, defaults={"district": current_round.district}
    )
    if not created:
        refuse_if_stale(assessment, expected_revision)
    if assessment.is_submitted:
        raise ValidationError(
            _(
                "Die Selbsteinschätzung ist abgegeben; ändern lässt sie sich erst, "
                "wenn das Strategieteam sie wieder öffnet."
            )
        )
    questions = {
        q.pk: q for q in Question.objects.filter(dimension__model=current_round.model).select_related("dimension")
    }
    if set(levels) - set(questions):
        raise ValidationError(_("Die Antwort gehört zu einer Frage einer anderen Modellversion."))
    for level in levels.values():
        try:
            scoring.check_level(level)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None

    existing = {a.question_id: a for a in assessment.answers.all()}
    changes: dict[str, tuple[Any, Any]] = {}
    for question_id in set(existing) - set(levels):
        changes[questions[question_id].code] = (_level_label(existing[question_id].level), None)
    Answer.objects.filter(pk__in=[existing[q].pk for q in set(existing) - set(levels)]).delete()
    create, update = [], []
    for question_id, level in levels.items():
        answer = existing.get(question_id)
        if answer is None:
            create.append(
                Answer(district=assessment.district, assessment=assessment, question_id=question_id, level=level)
            )
            changes[questions[question_id].code] = (None, _level_label(level))
        elif answer.level != level:
            changes[questions[question_id].code] = (_level_label(answer.level), _level_label(level))
            answer.level = level
            update.append(answer)
    Answer.objects.bulk_create(create)
    Answer.objects.bulk_update(update, ["level"])
    if assessment.comment != comment:
        changes["comment"] = (assessment.comment, comment)
        assessment.comment = comment
    scores = scoring.score_assessment(_model_spec(questions.values()), dict(levels))
    assessment.dimension_scores = scores.dimensions
    assessment.overall = scores.overall
    assessment.answered = len(levels)
    assessment.full_clean()
    if created or changes:
        assessment.revision = 1 if created else assessment.revision + 1
        assessment.save()
        record_change(
            by=by,
            district=assessment.district,
            action="create" if created else "update",
            obj=assessment,
            changes=changes,
            revision=assessment.revision,
        )
    if submit:
        _submit(by, assessment, len(questions), questions.values())
    return assessment


def _submit(by: Actor, assessment: Assessment, total: int, questions: Iterable[Question]) -> None:
    answered = set(assessment.answers.values_list("question_id", flat=True))
    missing = sorted(
        (q.dimension.position, q.dimension_id, q.position, q.pk, q.code) for q in questions if q.pk not in answered
    )
    if missing or total == 0:
        codes = ", ".join(item[-1] for item in missing)
        raise ValidationError(
            _(
                "Zum Abgeben muss jede Frage beantwortet sein (auch „trifft nicht zu“ ist eine Antwort). "
                "Offen: %(codes)s."
            )
            % {"codes": codes}
        )
    assessment.state = Assessment.State.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = account_of(by)
    assessment.revision += 1
    assessment.save()
    record_change(
        by=by,
        district=assessment.district,
        action="state",
        obj=assessment,
        changes={"state": (str(Assessment.State.DRAFT.label), str(Assessment.State.SUBMITTED.label))},
        revision=assessment.revision,
    )


@transaction.atomic
def submit_assessment(*, by: Actor, assessment: Assessment, expected_revision: int | None = None) -> Assessment:
    """Submit a complete draft. From now on it is frozen (the strategy team may reopen it)."""
    current_round = _lock_round(assessment.round_id)
    if not current_round.is_open:
        raise ValidationError(_("Die Runde ist abgeschlossen; die Selbsteinschätzung wird nicht mehr geändert."))
    current = Assessment.objects.select_for_update().get(pk=assessment.pk)
    refuse_if_stale(current, expected_revision)
    if current.is_submitted:
        raise ValidationError(_("Die Selbsteinschätzung ist schon abgegeben."))
    questions = list(Question.objects.filter(dimension__model=current_round.model).select_related("dimension"))
    _submit(by, current, len(questions), questions)
    return current


@transaction.atomic
def reopen_assessment(*, by: Actor, assessment: Assessment, reason: str = "") -> Assessment:
    """Give a submitted self-assessment back to the municipality as a draft (only while its round is open)."""
    current_round = _lock_round(assessment.round_id)
    if not current_round.is_open:
        raise ValidationError(_("Die Runde ist abgeschlossen; öffnen Sie zuerst die Runde wieder."))
    current = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not current.is_submitted:
        raise ValidationError(_("Die Selbsteinschätzung ist nicht abgegeben."))
    current.state = Assessment.State.DRAFT
    current.submitted_at = None
    current.submitted_by = None
    current.revision += 1
    current.save()
    changes: dict[str, tuple[Any, Any]] = {
        "state": (str(Assessment.State.SUBMITTED.label), str(Assessment.State.DRAFT.label))
    }
    if reason:
        changes["Begründung"] = (None, reason)
    record_change(
        by=by, district=current.district, action="state", obj=current, changes=changes, revision=current.revision
    )
    return current
