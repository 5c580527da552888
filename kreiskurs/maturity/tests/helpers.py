"""Small maturity models and answers for tests."""

from __future__ import annotations

from typing import Any

from kreiskurs.maturity import services
from kreiskurs.maturity.default_model import DimensionData, QuestionData
from kreiskurs.maturity.models import Assessment, AssessmentRound, MaturityModel, Question
from kreiskurs.territory.models import District, Municipality

LEVELS = ("nichts", "wenig", "einiges", "viel", "alles")


def question(code: str, weight: int = 1) -> QuestionData:
    return QuestionData(code, f"Frage {code}?", "", LEVELS, weight=weight)


#: dimension "a" (weight 2): a1 (weight 2), a2; dimension "b" (weight 1): b1
SMALL = (
    DimensionData("a", "Verwaltung A", "", ("Verwaltung",), (question("a1", 2), question("a2")), weight=2),
    DimensionData("b", "Gesundheit B", "", ("Gesundheit",), (question("b1"),), weight=1),
)


def small_model(district: District) -> MaturityModel:
    return services.install_default_model(by=None, district=district, dimensions=SMALL)


def open_round(model: MaturityModel, title: str = "Runde 2024", **kw: Any) -> AssessmentRound:
    return services.open_round(by=None, model=model, title=title, **kw)


def levels(round: AssessmentRound, answers: dict[str, int | None]) -> dict[int, int | None]:
    """Question codes → question ids of the round's model version."""
    ids = dict(Question.objects.filter(dimension__model=round.model).values_list("code", "pk"))
    return {ids[code]: level for code, level in answers.items()}


def assess(
    round: AssessmentRound,
    municipality: Municipality,
    answers: dict[str, int | None],
    *,
    submit: bool = True,
    by: Any = None,
) -> Assessment:
    return services.save_assessment(
        by=by, round=round, municipality=municipality, levels=levels(round, answers), submit=submit
    )


def uniform(level: int | None) -> dict[str, int | None]:
    return {"a1": level, "a2": level, "b1": level}
