"""Size classes, medians and the gap rule (comparison.py); no database."""

from __future__ import annotations

import pytest

from kreiskurs.maturity.comparison import GAP_SHARE, WEAK_BELOW, gap_figures, is_weak, median, size_class


@pytest.mark.parametrize(
    ("population", "code"),
    [
        (0, "S1"),
        (200, "S1"),
        (1_999, "S1"),
        (2_000, "S2"),
        (4_999, "S2"),
        (5_000, "S3"),
        (9_999, "S3"),
        (10_000, "S4"),
        (19_999, "S4"),
        (20_000, "S5"),
        (49_999, "S5"),
        (50_000, "S6"),
        (3_700_000, "S6"),
    ],
)
def test_size_classes_include_the_lower_and_exclude_the_upper_bound(population: int, code: str) -> None:
    assert size_class(population).code == code


def test_negative_population_is_refused() -> None:
    with pytest.raises(ValueError):
        size_class(-1)


def test_median_ignores_missing_scores_and_averages_the_middle_pair() -> None:
    assert median([3.0, None, 1.0, 2.0]) == 2.0
    assert median([1.0, 4.0, 2.0, 3.0]) == 2.5
    assert median([None, None]) is None
    assert median([]) is None


def test_weak_means_below_two() -> None:
    assert WEAK_BELOW == 2.0
    assert is_weak(1.999999)
    assert not is_weak(2.0)
    assert not is_weak(None)


def test_gap_by_share_of_municipalities() -> None:
    # 3 of 9 assessed are weak (exactly one third) → gap; the unassessed one does not count
    scores = [(1.0, 1000), (1.5, 1000), (0.5, 1000)] + [(3.0, 10_000)] * 6 + [(None, 500_000)]
    figures = gap_figures(scores)
    assert (figures.assessed, figures.weak) == (9, 3)
    assert figures.weak_share == pytest.approx(GAP_SHARE)
    assert figures.weak_population_share == pytest.approx(3000 / 63_000)
    assert figures.is_gap


def test_gap_by_share_of_population() -> None:
    # 1 of 4 municipalities is weak (25 %), but it holds 60,000 of 90,000 inhabitants (2/3) → gap
    figures = gap_figures([(1.9, 60_000), (2.5, 10_000), (3.0, 10_000), (2.0, 10_000)])
    assert figures.weak_share == 0.25
    assert figures.weak_population_share == pytest.approx(2 / 3)
    assert figures.is_gap


def test_no_gap_below_both_thresholds() -> None:
    figures = gap_figures([(1.0, 1_000), (2.0, 10_000), (3.0, 10_000), (2.5, 10_000)])
    assert figures.weak_share == 0.25
    assert figures.weak_population_share == pytest.approx(1 / 31)
    assert not figures.is_gap


def test_nothing_assessed_is_no_gap() -> None:
    figures = gap_figures([(None, 1000)])
    assert figures.weak_share is None and figures.weak_population_share is None
    assert not figures.is_gap
