"""Reads of the maturity model: its versions, their structure and the fields of action a dimension can be linked to."""

from __future__ import annotations

import uuid

from django.db.models import Count, Prefetch, QuerySet

from kreiskurs.strategy import selectors as strategy_selectors
from kreiskurs.strategy.models import FieldOfAction
from kreiskurs.territory.models import District

from ..models import Dimension, MaturityModel, Question


def models_of(district: District) -> QuerySet[MaturityModel]:
    return MaturityModel.objects.filter(district=district).annotate(round_count=Count("rounds")).order_by("-version")


def latest_model(district: District) -> MaturityModel | None:
    return MaturityModel.objects.filter(district=district).order_by("-version").first()


def model_structure(model: MaturityModel) -> list[Dimension]:
    """The model's dimensions in order, each with its questions prefetched."""
    return list(
        Dimension.objects.filter(model=model).prefetch_related(
            Prefetch("questions", queryset=Question.objects.order_by("position", "id"))
        )
    )


def question_count(model: MaturityModel) -> int:
    return Question.objects.filter(dimension__model=model).count()


def linkable_fields(district: District) -> list[FieldOfAction]:
    """Fields of action a dimension can be linked to: those of the current and the open version (one per lineage,
    the open version's wording first)."""
    found: dict[uuid.UUID, FieldOfAction] = {}
    for version in (strategy_selectors.open_version(district), strategy_selectors.current_version(district)):
        if version is not None:
            for f in FieldOfAction.objects.filter(version=version):
                found.setdefault(f.lineage, f)
    return sorted(found.values(), key=lambda f: (f.position, f.code))
