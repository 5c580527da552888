"""The scoring rule (scoring.py), with hand-computed cases; no database."""

from __future__ import annotations

import pytest

from kreiskurs.maturity.scoring import (
    DimensionSpec,
    QuestionSpec,
    as_percent,
    band,
    check_level,
    dimension_score,
    overall_score,
    score_assessment,
    weighted_mean,
)


def test_dimension_score_is_the_weighted_mean_of_the_levels() -> None:
    # (2·4 + 1·1 + 1·2) / (2 + 1 + 1) = 11 / 4
    assert dimension_score([(4, 2), (1, 1), (2, 1)]) == 2.75


def test_does_not_apply_is_left_out_and_the_other_weights_count_in_full() -> None:
    # (2·4 + 1·1) / (2 + 1) = 3; the third question does not apply
    assert dimension_score([(4, 2), (1, 1), (None, 1)]) == 3.0


def test_a_dimension_where_nothing_applies_has_no_score() -> None:
    assert dimension_score([(None, 1), (None, 3)]) is None
    assert dimension_score([]) is None


def test_overall_score_weights_dimensions_and_skips_those_without_score() -> None:
    # dimensions 3.0 (weight 2), 1.5 (weight 1), none (weight 5): (6 + 1.5) / 3 = 2.5
    assert overall_score([(3.0, 2), (1.5, 1), (None, 5)]) == 2.5


def test_results_are_rounded_to_six_places_so_float_noise_never_decides_weakness() -> None:
    # 1/3 + 1/3 + 4/3 in floats is 1.9999999999999998 before rounding
    assert weighted_mean([(1 / 3, 1), (1 / 3, 1), (4 / 3, 1)]) == pytest.approx(2 / 3)
    assert overall_score([(7 / 3, 1), (5 / 3, 1)]) == 2.0
    assert dimension_score([(2, 1), (1, 1), (3, 1)]) == 2.0


def test_score_assessment_scores_a_whole_self_assessment() -> None:
    model = [
        DimensionSpec("verwaltung", 2, [QuestionSpec("V1", 2), QuestionSpec("V2", 1)]),
        DimensionSpec("daten", 1, [QuestionSpec("D1", 1), QuestionSpec("D2", 1)]),
        DimensionSpec("bildung", 1, [QuestionSpec("B1", 1)]),
    ]
    scores = score_assessment(model, {"V1": 3, "V2": 0, "D1": 1, "D2": 4, "B1": None})
    # verwaltung (2·3 + 0) / 3 = 2; daten (1 + 4) / 2 = 2.5; bildung does not apply
    assert scores.dimensions == {"verwaltung": 2.0, "daten": 2.5, "bildung": None}
    # overall (2·2 + 1·2.5) / 3 = 6.5 / 3
    assert scores.overall == pytest.approx(2.166667)


def test_unanswered_questions_of_a_draft_are_left_out() -> None:
    model = [DimensionSpec("a", 1, [QuestionSpec(1), QuestionSpec(2)]), DimensionSpec("b", 1, [QuestionSpec(3)])]
    scores = score_assessment(model, {1: 2})
    assert scores.dimensions == {"a": 2.0, "b": None}
    assert scores.overall == 2.0
    assert score_assessment(model, {}).overall is None


@pytest.mark.parametrize("level", [-1, 5, 2.5, "3", True])
def test_levels_outside_0_to_4_are_refused(level: object) -> None:
    with pytest.raises(ValueError, match="keine Stufe"):
        check_level(level)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        dimension_score([(level, 1)])  # type: ignore[list-item]


def test_negative_weights_are_refused() -> None:
    with pytest.raises(ValueError, match="negativ"):
        weighted_mean([(2.0, -1)])


def test_percent_and_bands() -> None:
    assert as_percent(2.0) == 50.0
    assert as_percent(3.4) == pytest.approx(85.0)
    assert as_percent(None) is None
    assert [band(s) for s in (0.0, 0.99, 1.0, 1.999999, 2.0, 3.5, 4.0, None)] == [0, 0, 1, 1, 2, 3, 4, None]
