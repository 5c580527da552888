"""Writes of the maturity model: versions, dimensions, questions and the links to fields of action.

A model version that a round uses is frozen: edits are refused with
:class:`~.base.ModelFrozen`; a change starts a new version (:func:`start_model_version`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kreiskurs.audit.services import record_change
from kreiskurs.core import rows
from kreiskurs.strategy import selectors as strategy_selectors
from kreiskurs.strategy.models import FieldOfAction
from kreiskurs.territory.models import District

from .. import default_model, scoring
from ..models import Dimension, FieldLink, MaturityModel, Question
from .base import _editable_model

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor

QUESTION_FIELDS = ("code", "text", "help_text", "weight", "position", *(f"level_{n}" for n in scoring.LEVELS))

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
    *, by: Actor, district: District, dimensions: Sequence[default_model.DimensionData] = default_model.DIMENSIONS
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
def start_model_version(*, by: Actor, model: MaturityModel) -> MaturityModel:
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
    *, by: Actor, model: MaturityModel, values: dict[str, Any], expected_revision: int | None
) -> MaturityModel:
    """Title and description of a model version that no round uses yet."""
    locked = _editable_model(model.pk)
    return rows.save_district_row(
        by=by, district=locked.district, obj=locked, values=values, expected_revision=expected_revision
    )


@transaction.atomic
def save_dimension(
    *, by: Actor, model: MaturityModel, dimension: Dimension, values: dict[str, Any], expected_revision: int | None
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
    *, by: Actor, dimension: Dimension, question: Question, values: dict[str, Any], expected_revision: int | None
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
def delete_dimension(*, by: Actor, dimension: Dimension) -> None:
    """Remove a dimension (with its questions) from a model version that no round uses yet."""
    locked = _editable_model(dimension.model_id)
    rows.delete_district_row(by=by, district=locked.district, obj=dimension)


@transaction.atomic
def delete_question(*, by: Actor, question: Question) -> None:
    """Remove a question from a model version that no round uses yet."""
    locked = _editable_model(question.dimension.model_id)
    rows.delete_district_row(by=by, district=locked.district, obj=question)


@transaction.atomic
def set_field_links(*, by: Actor, district: District, dimension_code: str, field_lineages: Iterable[uuid.UUID]) -> None:
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
def set_field_link_table(*, by: Actor, district: District, links: Mapping[str, Iterable[uuid.UUID]]) -> int:
    """The whole table "dimension → fields of action" in one step: all rows land, or none.

    Returns the number of dimensions in the table.
    """
    for code, lineages in links.items():
        set_field_links(by=by, district=district, dimension_code=code, field_lineages=lineages)
    return len(links)


# --- rounds ------------------------------------------------------------------------------------
