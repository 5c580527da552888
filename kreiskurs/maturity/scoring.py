"""The scoring rule of the maturity self-assessment, in plain Python (no Django).

Scale: every question is answered with a level from 0 to 4, or "does not apply"
(``None``). Scores stay on that 0–4 scale everywhere (one decimal in the UI);
:func:`as_percent` converts for readers who prefer percent (4 = 100 %).

* **Dimension score** = weighted mean of the levels of the dimension's
  questions (question weights), over the questions that were answered with a
  level. "Does not apply" and unanswered questions are left out, so the
  remaining weights count in full. If none is left, the dimension has no score.
* **Overall score** = weighted mean of the dimension scores (dimension
  weights), over the dimensions that have a score.

Example: questions with weights 2, 1, 1 answered 4, 1 and "does not apply" →
(2·4 + 1·1) / (2 + 1) = 3.0.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kreiskurs.i18n import gettext as _

MIN_LEVEL = 0
MAX_LEVEL = 4
LEVELS = tuple(range(MIN_LEVEL, MAX_LEVEL + 1))


def check_level(level: int | None) -> int | None:
    """A level 0–4 or ``None`` ("does not apply"); anything else raises ``ValueError``."""
    if level is None:
        return None
    if isinstance(level, bool) or not isinstance(level, int) or not MIN_LEVEL <= level <= MAX_LEVEL:
        raise ValueError(
            _("„%(level)s“ ist keine Stufe von %(min)s bis %(max)s")
            % {"level": level, "min": MIN_LEVEL, "max": MAX_LEVEL}
        )
    return level


def weighted_mean(pairs: Iterable[tuple[float | None, float]]) -> float | None:
    """The mean of the values weighted by their weights; ``None`` values are left out.

    Returns ``None`` when nothing (or only zero weight) is left. Negative weights raise ``ValueError``. The result
    is rounded to six decimal places, so that float noise (1.9999999999999998) never decides whether a score is weak.
    """
    total = 0.0
    weights = 0.0
    for value, weight in pairs:
        if weight < 0:
            raise ValueError(_("Gewichte dürfen nicht negativ sein"))
        if value is None:
            continue
        total += value * weight
        weights += weight
    if weights == 0:
        return None
    return round(total / weights, 6)


def dimension_score(answers: Iterable[tuple[int | None, float]]) -> float | None:
    """The score of one dimension from ``(level or None, question weight)`` pairs."""
    return weighted_mean((check_level(level), weight) for level, weight in answers)


def overall_score(dimensions: Iterable[tuple[float | None, float]]) -> float | None:
    """The overall score from ``(dimension score or None, dimension weight)`` pairs."""
    return weighted_mean(dimensions)


@dataclass(frozen=True)
class QuestionSpec:
    key: Hashable
    weight: float = 1


@dataclass(frozen=True)
class DimensionSpec:
    code: str
    weight: float
    questions: Sequence[QuestionSpec]


@dataclass(frozen=True)
class Scores:
    """Scores of one assessment: per dimension code (``None`` = no score) and overall."""

    dimensions: dict[str, float | None] = field(default_factory=dict)
    overall: float | None = None


def score_assessment(model: Sequence[DimensionSpec], answers: Mapping[Any, int | None]) -> Scores:
    """Score an assessment: ``answers`` maps question keys to a level or ``None`` ("does not apply").

    Questions missing from ``answers`` are unanswered (a draft) and left out like "does not apply".
    """
    dimensions: dict[str, float | None] = {}
    for dimension in model:
        dimensions[dimension.code] = dimension_score(
            (answers[q.key], q.weight) for q in dimension.questions if q.key in answers
        )
    overall = overall_score((dimensions[d.code], d.weight) for d in model)
    return Scores(dimensions=dimensions, overall=overall)


def as_percent(score: float | None) -> float | None:
    """A 0–4 score as percent of the top level (2.0 → 50.0)."""
    return None if score is None else score / MAX_LEVEL * 100


def band(score: float | None) -> int | None:
    """The level band a score falls in, for colouring: 0 ≤ s < 1 → 0, …, 3 ≤ s < 4 → 3, 4 → 4."""
    if score is None:
        return None
    return max(MIN_LEVEL, min(MAX_LEVEL, int(score)))
