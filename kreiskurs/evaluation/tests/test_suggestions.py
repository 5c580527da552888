"""The suggestion rule, with hand-computed cases (docs/evaluation.md)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kreiskurs.evaluation import suggestions as s

D = dt.date


@pytest.mark.parametrize(
    ("phase", "progress", "start", "end", "on", "expected"),
    [
        ("completed", 40, None, None, D(2025, 1, 1), s.ACHIEVED),
        ("discontinued", 80, D(2024, 1, 1), D(2026, 1, 1), D(2025, 1, 1), s.OFF_TRACK),
        ("operating", 100, None, None, D(2025, 1, 1), s.ACHIEVED),
        ("pilot", 30, None, D(2026, 1, 1), D(2025, 1, 1), s.NOT_ASSESSABLE),
        # 2024-01-01 … 2025-01-01 is 366 days; on 2024-07-01 182 days have passed: expected 49.7 %
        ("pilot", 40, D(2024, 1, 1), D(2025, 1, 1), D(2024, 7, 1), s.ON_TRACK),  # gap −9.7
        ("pilot", 39, D(2024, 1, 1), D(2025, 1, 1), D(2024, 7, 1), s.AT_RISK),  # gap −10.7
        ("pilot", 25, D(2024, 1, 1), D(2025, 1, 1), D(2024, 7, 1), s.AT_RISK),  # gap −24.7
        ("pilot", 24, D(2024, 1, 1), D(2025, 1, 1), D(2024, 7, 1), s.OFF_TRACK),  # gap −25.7
        ("idea", 0, D(2026, 1, 1), D(2027, 1, 1), D(2025, 1, 1), s.ON_TRACK),  # not started yet: expected 0
        ("rollout", 80, D(2020, 1, 1), D(2021, 1, 1), D(2025, 1, 1), s.AT_RISK),  # period over: expected 100
        ("rollout", 70, D(2020, 1, 1), D(2021, 1, 1), D(2025, 1, 1), s.OFF_TRACK),
    ],
)
def test_measure_rule(phase: str, progress: int, start: D, end: D, on: D, expected: str) -> None:
    assert s.for_measure(phase=phase, progress=progress, start=start, end=end, on=on).rating == expected


def test_measure_basis_names_the_numbers() -> None:
    suggestion = s.for_measure(phase="pilot", progress=40, start=D(2024, 1, 1), end=D(2025, 1, 1), on=D(2024, 7, 1))
    assert suggestion.basis == "Fortschritt 40 % bei erwarteten 50 % der Laufzeit."


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ([], s.NOT_ASSESSABLE),
        ([s.NOT_ASSESSABLE, s.NOT_ASSESSABLE], s.NOT_ASSESSABLE),
        ([s.ACHIEVED, s.ACHIEVED, s.NOT_ASSESSABLE], s.ACHIEVED),
        ([s.ACHIEVED, s.ON_TRACK, s.ON_TRACK, s.AT_RISK], s.ON_TRACK),  # 3/4 = 75 %
        ([s.ON_TRACK, s.AT_RISK, s.ON_TRACK, s.ACHIEVED, s.OFF_TRACK], s.AT_RISK),  # 3/5 = 60 %
        ([s.ON_TRACK, s.AT_RISK, s.ON_TRACK, s.AT_RISK, s.OFF_TRACK], s.OFF_TRACK),  # 2/5 = 40 %
    ],
)
def test_field_rule(ratings: list[str], expected: str) -> None:
    assert s.for_field(ratings).rating == expected


def test_field_rule_boundaries() -> None:
    assert s.for_field([s.ON_TRACK, s.OFF_TRACK]).rating == s.AT_RISK  # exactly 50 %
    assert s.for_field([s.ON_TRACK, s.OFF_TRACK, s.OFF_TRACK]).rating == s.OFF_TRACK  # 33 %
    assert s.for_field([s.ON_TRACK, s.OFF_TRACK]).basis == "1 von 2 Maßnahmen erreicht oder im Plan."


def state(latest: str | None, *, baseline: str = "20", target: str = "80", code: str = "I1") -> s.IndicatorState:
    return s.IndicatorState(
        code=code,
        baseline=Decimal(baseline),
        baseline_date=D(2020, 1, 1),
        target=Decimal(target),
        target_date=D(2030, 1, 1),
        latest=Decimal(latest) if latest is not None else None,
    )


def test_goal_rule_from_indicators() -> None:
    on = D(2025, 1, 1)  # 1827 of 3653 days: expected 50.01 %
    # 20 → 80, now 50: attainment 50 % → gap −0.01 → on track
    assert s.for_goal(indicators=[state("50")], measure_ratings=[], on=on).rating == s.ON_TRACK
    # now 36: attainment 26.67 % → gap −23.35 → at risk; now 34: 23.33 % → gap −26.68 → off track
    assert s.for_goal(indicators=[state("36")], measure_ratings=[], on=on).rating == s.AT_RISK
    assert s.for_goal(indicators=[state("34")], measure_ratings=[], on=on).rating == s.OFF_TRACK
    # lower is better: 100 → 40, now 70 = half way → on track
    down = state("70", baseline="100", target="40")
    assert s.for_goal(indicators=[down], measure_ratings=[], on=on).rating == s.ON_TRACK
    # moving the wrong way: 100 → 40, now 110 → attainment −16.7 % → off track
    wrong = state("110", baseline="100", target="40")
    assert s.for_goal(indicators=[wrong], measure_ratings=[], on=on).rating == s.OFF_TRACK
    # mean of the gaps: (−0.01 + (1.67 − 50.01)) / 2 = −24.18 → at risk
    both = [state("50"), state("21", code="I2")]
    suggestion = s.for_goal(indicators=both, measure_ratings=[], on=on)
    assert suggestion.rating == s.AT_RISK
    assert suggestion.basis == "Indikatoren I1, I2: im Mittel -24 Punkte gegenüber dem Zeitplan."
    # every target reached → achieved
    assert s.for_goal(indicators=[state("85"), state("80")], measure_ratings=[], on=on).rating == s.ACHIEVED


def test_goal_rule_falls_back_to_measures() -> None:
    unusable = [state(None), state("50", baseline="50", target="50")]
    suggestion = s.for_goal(indicators=unusable, measure_ratings=[s.ON_TRACK, s.OFF_TRACK], on=D(2025, 1, 1))
    assert suggestion.rating == s.AT_RISK
    assert suggestion.basis.startswith("Aus den Maßnahmen:")
