"""The representativeness comparison (plain Python) on constructed data: flags, the 5-person rule, no data."""

from __future__ import annotations

import pytest

from kreiskurs.participation.representativeness import (
    Cell,
    compare,
    flag_for,
    score_z,
    shares,
    table_from_dict,
)

TOWNS = {"a": "Altstadt", "b": "Bergdorf", "c": "Celle am See", "d": "Dorfen"}
POPULATION = {"a": 40_000, "b": 30_000, "c": 20_000, "d": 10_000}


def cell(table_cells: list[Cell], key: str) -> Cell:
    return next(c for c in table_cells if c.key == key)


def test_a_clearly_over_represented_municipality_is_flagged_and_a_missing_one_under() -> None:
    """Altstadt holds 40 % of the people but 80 % of the participants; Dorfen 10 % but none of them."""
    table = compare({"a": 80, "b": 12, "c": 8}, TOWNS, expected_weights=POPULATION, undeclared=7)
    a, b, c, d = (cell(table.cells, k) for k in "abcd")
    assert (table.declared, table.undeclared, table.has_expected) == (100, 7, True)
    assert (a.count, a.share, a.expected) == (80, 0.8, 0.4) and a.ratio == pytest.approx(2.0)
    assert a.flag == "over"
    assert b.flag == "under" and b.ratio == pytest.approx(0.4)  # 12 % where 30 % live
    # 8 % where 20 % live (ratio 0.4, z = -3); hidden as well, or Dorfen's 0 would follow from the total
    assert c.secondary and c.count is None and c.flag == "under"  # under for every value from 5 to 8
    assert d.suppressed and d.count is None and d.share is None and d.ratio is None
    assert d.flag == "under"  # even 4 of 100 would be too few where 10 % live: the flag tells nothing more
    assert [c.key for c in table.flagged] == ["a", "b", "c", "d"]


def test_the_ratio_and_the_test_must_both_agree() -> None:
    # ratio 2 but only 6 of 30 people where 10 % are expected: z = 1.83, not significant
    assert score_z(6, 30, 0.1) == pytest.approx(1.826, abs=1e-3) and flag_for(6, 30, 0.1) == ""
    # 11,000 of 100,000 where 10 % are expected: z ≈ 10.5 but ratio 1.1
    assert flag_for(11_000, 100_000, 0.1) == ""
    assert flag_for(9, 30, 0.1) == "over"  # ratio 3, z = 3.65
    assert flag_for(0, 100, None) == "" and score_z(3, 0, 0.5) is None


def test_cells_under_five_are_suppressed_and_a_single_one_also_by_its_neighbour() -> None:
    """One cell under 5 could be recovered from the total: the smallest shown cell is suppressed too."""
    table = compare({"a": 40, "b": 30, "c": 6, "d": 3}, TOWNS, expected_weights=POPULATION, undeclared=0)
    a, b, c, d = (cell(table.cells, k) for k in "abcd")
    assert d.suppressed and not d.secondary and d.count is None
    assert c.suppressed and c.secondary and c.count is None and c.share is None and c.ratio is None
    assert a.count == 40 and b.count == 30 and table.declared == 79
    assert c.expected == pytest.approx(0.2)  # what the population says is shown, it tells nothing about people


def test_two_cells_under_five_need_no_secondary_suppression_unless_their_sum_gives_them_away() -> None:
    two = compare({"a": 40, "b": 30, "c": 2, "d": 3}, TOWNS, expected_weights=POPULATION, undeclared=0)
    assert [c.key for c in two.cells if c.suppressed] == ["c", "d"] and not any(c.secondary for c in two.cells)
    # 4 + 4 = 8 can only be 4 and 4 (a suppressed cell holds at most 4), so one more is hidden
    full = compare({"a": 40, "b": 30, "c": 4, "d": 4}, TOWNS, expected_weights=POPULATION, undeclared=0)
    assert [c.key for c in full.cells if c.secondary] == ["b"]
    # nobody from two towns: 0 + 0 would give them away just as well
    empty = compare({"a": 40, "b": 30}, TOWNS, expected_weights=POPULATION, undeclared=0)
    assert [c.key for c in empty.cells if c.suppressed] == ["b", "c", "d"]


def test_age_bands_without_population_data_have_counts_only() -> None:
    bands = {"u18": "unter 18", "18-29": "18–29", "30-44": "30–44", "45-64": "45–64", "65+": "65 und älter"}
    table = compare({"18-29": 50, "30-44": 10, "45-64": 8, "65+": 7}, bands, expected_weights=None, undeclared=3)
    assert not table.has_expected and not table.flagged
    assert cell(table.cells, "18-29").count == 50 and cell(table.cells, "18-29").expected is None
    assert cell(table.cells, "18-29").ratio is None and cell(table.cells, "18-29").share == pytest.approx(50 / 75)
    assert cell(table.cells, "u18").suppressed and cell(table.cells, "65+").secondary  # 0 alone: 65+ hidden too
    assert compare({}, bands, expected_weights={"u18": 0}, undeclared=0).has_expected is False


def test_shares_leave_out_cells_without_a_positive_weight_and_the_table_survives_json() -> None:
    assert shares({"a": 3, "b": 1, "c": 0, "d": None}) == {"a": 0.75, "b": 0.25}
    table = compare({"a": 80, "b": 12, "c": 8}, TOWNS, expected_weights=POPULATION, undeclared=7, source="GV100AD")
    assert table_from_dict(table.as_dict()) == table
