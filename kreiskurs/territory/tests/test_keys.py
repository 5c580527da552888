"""Territorial keys as files hold them (kreiskurs.territory.keys); no database needed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kreiskurs.territory.keys import normalize_ags, normalize_key


@pytest.mark.parametrize(
    ("value", "ags"),
    [
        ("05558004", "05558004"),
        (" 05558004 ", "05558004"),
        ("5558004", "05558004"),  # a spreadsheet dropped the leading zero
        (5558004, "05558004"),
        (5558004.0, "05558004"),
        ("5558004.0", "05558004"),
        (Decimal("5558004"), "05558004"),
        ("09162000", "09162000"),
        ("11000000", "11000000"),  # Berlin: Land 11 never loses a digit
        ("055580004004", "05558004"),  # ARS
        ("55580004004", "05558004"),  # ARS without its zero
    ],
)
def test_normalize_ags_repairs_the_lost_zero(value: object, ags: str) -> None:
    assert normalize_ags(value) == ags


@pytest.mark.parametrize(
    "value",
    ["", "555800", "555800412", "0555800", "05558OO4", "5558004.5", 5558004.5, None, True, float("nan"), "٠٥٥٥٨٠٠٤"],
)
def test_normalize_ags_refuses_what_it_cannot_repair(value: object) -> None:
    with pytest.raises(ValueError, match=r"Gebietsschlüssel|Ziffern"):
        normalize_ags(value)


def test_normalize_key_for_districts() -> None:
    assert normalize_key("5558", length=5) == "05558"
    assert normalize_key("05558", length=5) == "05558"
    with pytest.raises(ValueError, match="3 statt 5 Ziffern"):
        normalize_key("558", length=5)
    with pytest.raises(ValueError, match="4 statt 5 Ziffern"):
        normalize_key("0555", length=5)  # starts with 0: a zero was not lost, a digit was
