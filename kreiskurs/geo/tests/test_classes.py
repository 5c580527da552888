"""Class breaks: equal intervals on the values' grid, every value in exactly one class."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kreiskurs.geo.classes import ValueClass, class_index, decimals, equal_intervals


def D(*values: str | int) -> list[Decimal]:
    return [Decimal(v) for v in values]


def bounds(classes: list[ValueClass]) -> list[tuple[str, str]]:
    return [(str(c.lower), str(c.upper)) for c in classes]


def test_gigabit_shares_of_the_demo_fall_into_five_equal_classes() -> None:
    values = D(71, 58, 88, 84, 62, 79, 55, 66, 73, 49, 81)
    classes = equal_intervals(values)
    assert bounds(classes) == [("49", "56"), ("57", "64"), ("65", "72"), ("73", "80"), ("81", "88")]
    assert [class_index(v, classes) for v in D(49, 56, 57, 88)] == [0, 0, 1, 4]


def test_decimal_values_get_bounds_on_their_own_precision() -> None:
    classes = equal_intervals(D("12.3", "78.9", "40"))
    assert bounds(classes) == [("12.3", "34.5"), ("34.6", "56.8"), ("56.9", "78.9")]


def test_counts_with_ties_give_fewer_classes_never_empty_ranges() -> None:
    classes = equal_intervals(D(0, 0, 0, 1, 1, 2, 7, 7))
    # four distinct values → four classes of two steps each over 0..7
    assert bounds(classes) == [("0", "1"), ("2", "3"), ("4", "5"), ("6", "7")]
    assert equal_intervals(D(0, 1, 2)) == [ValueClass(Decimal(n), Decimal(n)) for n in range(3)]


def test_one_value_is_one_class_and_no_values_no_class() -> None:
    assert bounds(equal_intervals(D(5, 5, 5))) == [("5", "5")]
    assert equal_intervals([]) == []


@pytest.mark.parametrize(
    "values",
    [D(49, 88, 71), D("0.25", "3.75", "2", "1.5", "3.1"), D(-5, 3, 0), D("1500", "4200", "1800.5"), D(*range(100))],
)
def test_every_value_lies_in_exactly_one_class(values: list[Decimal]) -> None:
    classes = equal_intervals(values)
    assert 1 <= len(classes) <= 5
    for value in values:
        assert sum(value in c for c in classes) == 1
    assert classes[0].lower == min(values) and classes[-1].upper == max(values)
    widths = {c.upper - c.lower for c in classes[:-1]}
    assert len(widths) <= 1  # equal intervals (the last may be narrower)


def test_decimals_counts_significant_places() -> None:
    assert [decimals(v) for v in D("70.2000", "100", "0.05", "1E+2")] == [1, 0, 2, 0]
