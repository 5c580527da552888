"""Class breaks for the map's legend: equal intervals on the values' own precision.

Plain Python, no Django. Why equal intervals and not quantiles
(docs/decisions/0010-boundaries.md): a district has a dozen to a few dozen
municipalities, values often tie (measure counts), and a legend of equal
steps ("49–56, 57–64, …") reads the same for every layer, while quantile
breaks shift with each data set and collapse on ties.

The rule: with *d* the most decimal places among the values and *u* = 10^−d
their step, the range from the smallest to the largest value is cut into
``k = min(max_classes, number of distinct values)`` intervals of equal width
(a whole number of steps, rounded up; the last class ends at the largest
value, so it may be narrower and fewer than *k* classes may result). Bounds
are inclusive and lie on the values' grid, so a label such as "12,3–25,6"
says exactly which values a class holds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

MAX_CLASSES = 5


@dataclass(frozen=True)
class ValueClass:
    """Values from ``lower`` to ``upper``, both inclusive."""

    lower: Decimal
    upper: Decimal

    def __contains__(self, value: object) -> bool:
        return isinstance(value, Decimal | int) and self.lower <= value <= self.upper


def decimals(value: Decimal) -> int:
    """Decimal places a value needs: 70.2000 → 1, 100 → 0."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def equal_intervals(values: Iterable[Decimal], max_classes: int = MAX_CLASSES) -> list[ValueClass]:
    """Equal-width classes covering ``values`` (none for no values)."""
    distinct = sorted(set(values))
    if not distinct:
        return []
    places = max(decimals(v) for v in distinct)
    step = Decimal(1).scaleb(-places)
    low, high = distinct[0], distinct[-1]
    count = min(max_classes, len(distinct))
    units = int((high - low) / step)  # number of steps from the smallest to the largest value
    width = math.ceil((units + 1) / count)  # steps per class
    classes = []
    lower = low
    while lower <= high:
        upper = min(lower + (width - 1) * step, high)
        classes.append(ValueClass(lower, upper))
        lower = upper + step
    return classes


def class_index(value: Decimal, classes: list[ValueClass]) -> int | None:
    """Index of the class that holds ``value``; ``None`` when it lies outside all of them."""
    for index, value_class in enumerate(classes):
        if value in value_class:
            return index
    return None
