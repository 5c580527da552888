"""Writes of the maturity app: model versions, rounds, self-assessments, links to the strategy.

Every function is keyword-only, atomic, validates with ``full_clean()`` and
writes the audit entry in the same transaction. A model version that a round
uses is frozen: edits are refused with :class:`ModelFrozen`; a change starts
a new version (:func:`start_model_version`). A submitted self-assessment is
frozen too until the strategy team reopens it (while its round is open).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kreiskurs.audit.services import record_change
from kreiskurs.core import rows
from kreiskurs.core.editing import refuse_if_stale
from kreiskurs.strategy import selectors as strategy_selectors
from kreiskurs.strategy import services as strategy_services
from kreiskurs.strategy.models import FieldOfAction, Measure
from kreiskurs.strategy.models.measures import Origin
from kreiskurs.territory.models import District, Municipality

from . import default_model, scoring
from .models import (
    Answer,
    Assessment,
    AssessmentRound,
    Dimension,
    FieldLink,
    GapMeasure,
    MaturityModel,
    Question,
)

QUESTION_FIELDS = ("code", "text", "help_text", "weight", "position", *(f"level_{n}" for n in scoring.LEVELS))


class ModelFrozen(ValidationError):
    """The model version is used by a round: it is not changed any more."""

    def __init__(self, model: MaturityModel) -> None:
        super().__init__(
            _(
                "Version %(n)s des Reifegradmodells wird in einer Runde verwendet und ist eingefroren. "
                "Für Änderungen legen Sie eine neue Version an."
            )
            % {"n": model.version},
            code="model_frozen",
        )


def _editable_model(model_id: int) -> MaturityModel:
    """Lock the model version and require that no round uses it (serialises with :func:`open_round`)."""
    model = MaturityModel.objects.select_for_update().get(pk=model_id)
    if model.is_frozen:
        raise ModelFrozen(model)
    return model


# --- the model ---------------------------------------------------------------------------------


def _field_titles(district: District) -> dict[uuid.UUID, str]:
    """Fields of action of the current and the open version, by lineage."""
    titles: dict[uuid.UUID, str] = {}
    for version in (strategy_selectors.current_version(district), strategy_selectors.open_version(district)):
        if version is not None:
            titles.update(FieldOfAction.objects.filter(version=version).values_list("lineage", "title"))
    return titles


@transaction.atomic
def install_default_model(
    *, by: Any, district: District, dimensions: Sequence[default_model.DimensionData] = default_model.DIMENSIONS
) -> MaturityModel:
    """Install the shipped model as version 1 and link its dimensions to matching fields of action.

    Refused if the district already has a maturity model. Links are proposed by the dimensions'
    keywords in the titles of the fields of action (``default_model.matching_titles``); they stay editable.
    """
    if MaturityModel.objects.filter(district=district).exists():
        raise ValidationError(_("Der Kreis hat schon ein Reifegradmodell."))
    model = MaturityModel(
        district=district, version=1, title=default_model.TITLE, description=default_model.DESCRIPTION
    )
    model.full_clean()
    model.save()
    count = 0
    for position, data in enumerate(dimensions):
        dimension = Dimension(
            district=district,
            model=model,
            code=data.code,
            title=data.title,
            description=data.description,
            weight=data.weight,
            position=position,
        )
        dimension.full_clean()
        dimension.save()
        questions = []
        for q_position, q in enumerate(data.questions):
            levels = {f"level_{n}": text for n, text in enumerate(q.levels)}
            question = Question(
                district=district,
                dimension=dimension,
                code=q.code,
                text=q.text,
                help_text=q.help,
                weight=q.weight,
                position=q_position,
                **levels,
            )
            question.full_clean(validate_constraints=False)
            questions.append(question)
        Question.objects.bulk_create(questions)
        count += len(questions)
    record_change(
        by=by,
        district=district,
        action="create",
        obj=model,
        changes={"Dimensionen": (None, len(dimensions)), "Fragen": (None, count)},
        revision=1,
    )
    titles = {str(lineage): title for lineage, title in _field_titles(district).items()}
    links = [
        FieldLink(district=district, dimension_code=data.code, field_lineage=uuid.UUID(lineage))
        for data in dimensions
        for lineage in default_model.matching_titles(data, titles)
    ]
    FieldLink.objects.bulk_create(links)
    if links:
        record_change(
            by=by,
            district=district,
            action="update",
            obj=model,
            changes={"Zuordnungen zu Handlungsfeldern": (0, len(links))},
        )
    return model


@transaction.atomic
def start_model_version(*, by: Any, model: MaturityModel) -> MaturityModel:
    """A new, editable version as a copy of the latest one (which a round has frozen). Codes stay the same."""
    latest = MaturityModel.objects.select_for_update().filter(district_id=model.district_id).order_by("-version")[0]
    if latest.pk != model.pk:
        raise ValidationError(_("Nur die neueste Version des Modells kann fortgeschrieben werden."))
    if not latest.is_frozen:
        raise ValidationError(
            _("Version %(n)s wird noch in keiner Runde verwendet; Sie können sie direkt bearbeiten.")
            % {"n": latest.version}
        )
    new = MaturityModel(
        district=latest.district,
        version=latest.version + 1,
        title=latest.title,
        description=latest.description,
        based_on=latest,
    )
    new.full_clean()
    new.save()
    questions = []
    for dimension in latest.dimensions.prefetch_related("questions"):
        copy = Dimension(
            district=dimension.district,
            model=new,
            code=dimension.code,
            title=dimension.title,
            description=dimension.description,
            weight=dimension.weight,
            position=dimension.position,
        )
        copy.full_clean()
        copy.save()
        for q in dimension.questions.all():
            questions.append(
                Question(district=q.district, dimension=copy, **{name: getattr(q, name) for name in QUESTION_FIELDS})
            )
    Question.objects.bulk_create(questions)
    record_change(
        by=by,
        district=new.district,
        action="create",
        obj=new,
        changes={"abgeleitet von": (None, str(latest))},
        revision=1,
    )
    return new


@transaction.atomic
def update_model(
    *, by: Any, model: MaturityModel, values: dict[str, Any], expected_revision: int | None
) -> MaturityModel:
    """Title and description of a model version that no round uses yet."""
    locked = _editable_model(model.pk)
    return rows.save_district_row(
        by=by, district=locked.district, obj=locked, values=values, expected_revision=expected_revision
    )


@transaction.atomic
def save_dimension(
    *, by: Any, model: MaturityModel, dimension: Dimension, values: dict[str, Any], expected_revision: int | None
) -> Dimension:
    """Create or edit a dimension of a model version that no round uses yet."""
    locked = _editable_model(model.pk)
    if dimension.pk is None:
        dimension.model = locked
    elif dimension.model_id != locked.pk:
        raise ValidationError(_("Die Dimension gehört nicht zu dieser Modellversion."))
    return rows.save_district_row(
        by=by, district=locked.district, obj=dimension, values=values, expected_revision=expected_revision
    )


@transaction.atomic
def save_question(
    *, by: Any, dimension: Dimension, question: Question, values: dict[str, Any], expected_revision: int | None
) -> Question:
    """Create or edit a question of a model version that no round uses yet."""
    locked = _editable_model(dimension.model_id)
    if question.pk is None:
        question.dimension = dimension
    elif question.dimension.model_id != locked.pk:
        raise ValidationError(_("Die Frage gehört nicht zu dieser Modellversion."))
    return rows.save_district_row(
        by=by, district=locked.district, obj=question, values=values, expected_revision=expected_revision
    )


@transaction.atomic
def delete_dimension(*, by: Any, dimension: Dimension) -> None:
    """Remove a dimension (with its questions) from a model version that no round uses yet."""
    locked = _editable_model(dimension.model_id)
    rows.delete_district_row(by=by, district=locked.district, obj=dimension)


@transaction.atomic
def delete_question(*, by: Any, question: Question) -> None:
    """Remove a question from a model version that no round uses yet."""
    locked = _editable_model(question.dimension.model_id)
    rows.delete_district_row(by=by, district=locked.district, obj=question)


@transaction.atomic
def set_field_links(*, by: Any, district: District, dimension_code: str, field_lineages: Iterable[uuid.UUID]) -> None:
    """Say which fields of action (by lineage) a dimension addresses; replaces the previous links."""
    latest = MaturityModel.objects.filter(district=district).order_by("-version").first()
    if latest is None or not Dimension.objects.filter(model__district=district, code=dimension_code).exists():
        raise ValidationError(_("Diese Dimension gibt es im Reifegradmodell des Kreises nicht."))
    known = set(_field_titles(district))
    wanted = set(field_lineages)
    if wanted - known:
        raise ValidationError(_("Das Handlungsfeld gehört nicht zur Strategie dieses Kreises."))
    current = {
        link.field_lineage: link for link in FieldLink.objects.filter(district=district, dimension_code=dimension_code)
    }
    if wanted == set(current):
        return
    FieldLink.objects.filter(pk__in=[current[lineage].pk for lineage in set(current) - wanted]).delete()
    FieldLink.objects.bulk_create(
        [
            FieldLink(district=district, dimension_code=dimension_code, field_lineage=lineage)
            for lineage in wanted - set(current)
        ]
    )
    titles = _field_titles(district)
    record_change(
        by=by,
        district=district,
        action="update",
        obj=latest,
        changes={
            f"Handlungsfelder {dimension_code}": (
                sorted(titles.get(lineage, str(lineage)) for lineage in current),
                sorted(titles.get(lineage, str(lineage)) for lineage in wanted),
            )
        },
    )


@transaction.atomic
def set_field_link_table(*, by: Any, district: District, links: Mapping[str, Iterable[uuid.UUID]]) -> int:
    """The whole table "dimension → fields of action" in one step: all rows land, or none.

    Returns the number of dimensions in the table.
    """
    for code, lineages in links.items():
        set_field_links(by=by, district=district, dimension_code=code, field_lineages=lineages)
    return len(links)


# --- rounds ------------------------------------------------------------------------------------


@transaction.atomic
def open_round(
    *,
    by: Any,
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


def _lock_round(round_id: int) -> AssessmentRound:
    return AssessmentRound.objects.select_for_update().select_related("model", "district").get(pk=round_id)


@transaction.atomic
def close_round(*, by: Any, round: AssessmentRound) -> AssessmentRound:
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
def reopen_round(*, by: Any, round: AssessmentRound) -> AssessmentRound:
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


# --- self-assessments --------------------------------------------------------------------------


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
    by: Any,
    round: AssessmentRound,
    municipality: Municipality,
    levels: Mapping[int, int | None],
    comment: str = "",
    expected_revision: int | None = None,
    submit: bool = False,
) -> Assessment:
    """Save a municipality's answers as a draft (and, with ``submit``, submit them in the same step).

    ``levels`` maps question ids of the round's model version to a level 0–4, or ``None`` for "does not
    apply"; questions left out are unanswered (allowed in a draft, not when submitting). The scores are
    recomputed with ``scoring.py``. Refused when the round is closed or the assessment is submitted.
    """
    current_round = _lock_round(round.pk)
    if not current_round.is_open:
        raise ValidationError(_("Die Runde ist abgeschlossen; die Selbsteinschätzung wird nicht mehr geändert."))
    if municipality.district_id != current_round.district_id:
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


def _submit(by: Any, assessment: Assessment, total: int, questions: Iterable[Question]) -> None:
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
    assessment.submitted_by = by if getattr(by, "is_authenticated", False) else None
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
def submit_assessment(*, by: Any, assessment: Assessment, expected_revision: int | None = None) -> Assessment:
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
def reopen_assessment(*, by: Any, assessment: Assessment, reason: str = "") -> Assessment:
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


# --- gaps → measures ---------------------------------------------------------------------------


@transaction.atomic
def create_measure_from_gap(
    *, by: Any, round: AssessmentRound, dimension_code: str, title: str, summary: str
) -> Measure:
    """Create a measure in the open draft that addresses a gap of ``round`` (origin: evaluation).

    The measure goes into the fields of action linked to the dimension (those present in the draft);
    the trail round → dimension → measure is kept as a :class:`GapMeasure`.
    """
    dimension = Dimension.objects.filter(model_id=round.model_id, code=dimension_code).first()
    if dimension is None:
        raise ValidationError(_("Diese Dimension gehört nicht zur Runde."))
    draft = strategy_selectors.open_version(round.district)
    lineages = FieldLink.objects.filter(district_id=round.district_id, dimension_code=dimension_code).values(
        "field_lineage"
    )
    fields = list(FieldOfAction.objects.filter(version=draft, lineage__in=lineages)) if draft else []
    note = _("Reife-Lücke „%(d)s“ (%(r)s)") % {"d": dimension.title, "r": round.title}
    measure = strategy_services.create_measure_in_draft(
        by=by,
        district=round.district,
        prefix="R",
        values={"title": title, "summary": summary, "origin": Origin.EVALUATION, "origin_note": note[:300]},
        fields_of_action=fields,
    )
    gap = GapMeasure(
        district=round.district,
        round=round,
        dimension_code=dimension_code,
        version=measure.version,
        measure_lineage=measure.lineage,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    gap.full_clean()
    gap.save()
    record_change(by=by, district=round.district, action="create", obj=gap, changes={"Maßnahme": (None, str(measure))})
    return measure
