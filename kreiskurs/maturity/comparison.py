"""Comparing municipalities fairly, in plain Python (no Django): size classes, medians, the gap rule.

**Size classes** by population (``territory.Municipality.population``, the
official GV100AD figure); lower bound inclusive, upper bound exclusive:

=====  ==========================
code   inhabitants
=====  ==========================
S1     under 2,000
S2     2,000 to under 5,000
S3     5,000 to under 10,000
S4     10,000 to under 20,000
S5     20,000 to under 50,000
S6     50,000 and more
=====  ==========================

Municipalities are compared with the median of their own size class and of
the district, never ranked against each other.

**Weak** means a dimension score below 2 of 4 (``WEAK_BELOW``): at level 2 a
municipality has basic, working practice; below it the topic is at most
being started.

**Gap**: a dimension is a gap when at least a third (``GAP_SHARE``) of the
assessed municipalities are weak in it, *or* the weak municipalities hold at
least a third of the assessed municipalities' population. Both shares count
only municipalities that submitted an assessment with a score in that
dimension; the page also shows how many that are.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kreiskurs.i18n import gettext as _

WEAK_BELOW = 2.0
GAP_SHARE = 1 / 3


@dataclass(frozen=True)
class SizeClass:
    code: str
    lower: int
    upper: int | None  # exclusive; None = open-ended

    def contains(self, population: int) -> bool:
        return population >= self.lower and (self.upper is None or population < self.upper)


SIZE_CLASSES: tuple[SizeClass, ...] = (
    SizeClass("S1", 0, 2_000),
    SizeClass("S2", 2_000, 5_000),
    SizeClass("S3", 5_000, 10_000),
    SizeClass("S4", 10_000, 20_000),
    SizeClass("S5", 20_000, 50_000),
    SizeClass("S6", 50_000, None),
)
SIZE_CLASS_CODES = tuple(c.code for c in SIZE_CLASSES)


def size_class(population: int) -> SizeClass:
    """The size class of a municipality with ``population`` inhabitants."""
    if population < 0:
        raise ValueError(_("Die Einwohnerzahl kann nicht negativ sein"))
    return next(c for c in SIZE_CLASSES if c.contains(population))


def median(values: Iterable[float | None]) -> float | None:
    """The median of the values that are not ``None`` (mean of the middle two for an even count); else ``None``."""
    present = [v for v in values if v is not None]
    return float(statistics.median(present)) if present else None


def is_weak(score: float | None) -> bool:
    return score is not None and score < WEAK_BELOW


@dataclass(frozen=True)
class GapFigures:
    """How weak the municipalities are in one dimension."""

    assessed: int  # municipalities with a score in the dimension
    weak: int
    population: int  # inhabitants of the assessed municipalities
    weak_population: int

    @property
    def weak_share(self) -> float | None:
        return self.weak / self.assessed if self.assessed else None

    @property
    def weak_population_share(self) -> float | None:
        return self.weak_population / self.population if self.population else None

    @property
    def is_gap(self) -> bool:
        shares = [s for s in (self.weak_share, self.weak_population_share) if s is not None]
        return any(s >= GAP_SHARE - 1e-9 for s in shares)


def gap_figures(scores: Sequence[tuple[float | None, int]]) -> GapFigures:
    """Gap figures from ``(dimension score or None, population)`` per municipality (``None``: not assessed)."""
    assessed = [(s, p) for s, p in scores if s is not None]
    weak = [(s, p) for s, p in assessed if is_weak(s)]
    return GapFigures(
        assessed=len(assessed),
        weak=len(weak),
        population=sum(p for _s, p in assessed),
        weak_population=sum(p for _s, p in weak),
    )
