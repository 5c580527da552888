"""The number format of a whole file (kreiskurs.numbers); every expectation checked by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kreiskurs.numbers import (
    GERMAN,
    INTERNATIONAL,
    NumberFormatConflict,
    Witness,
    decide_format,
    evidence,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "proven"),
    [
        ("12", None),
        ("-3", None),
        ("15 822", None),
        ("15.822", None),  # ambiguous: 15822 or 15.822
        ("1,500", None),  # ambiguous: 1.5 or 1500
        ("-1.500", None),
        ("12,5", GERMAN),
        ("0,822", GERMAN),  # a thousands group never starts with 0
        (",5", GERMAN),
        ("1234,567", GERMAN),  # four digits before: no thousands group
        ("1.234,5", GERMAN),
        ("1.234.567", GERMAN),
        ("1 234,5", GERMAN),
        ("12.5", INTERNATIONAL),
        ("0.822", INTERNATIONAL),
        ("15.8220", INTERNATIONAL),
        ("1,234.5", INTERNATIONAL),
        ("1,234,567", INTERNATIONAL),
        ("abc", None),
        ("1.2.3", None),
    ],
)
def test_evidence_of_single_values(text: str, proven: object) -> None:
    assert evidence(text) == proven


def witnesses(*texts: str) -> list[Witness]:
    return [Witness(f"Zeile {line}", text) for line, text in enumerate(texts, start=2)]


def test_the_whole_file_decides() -> None:
    # 15.822 alone could be either; the 3,5 further down makes the file German
    assert decide_format(witnesses("15.822", "15.911", "3,5")) == GERMAN
    assert decide_format(witnesses("15.822", "3.5")) == INTERNATIONAL
    assert decide_format(witnesses("15.822", "15.911")) is None
    assert decide_format(witnesses("15.822", "15.911"), hint=GERMAN) == GERMAN
    # evidence beats the hint
    assert decide_format(witnesses("1,500", "70.2"), hint=GERMAN) == INTERNATIONAL


def test_mixed_formats_are_refused_naming_one_value_of_each() -> None:
    with pytest.raises(NumberFormatConflict) as error:
        decide_format(witnesses("12,5", "7", "12.5"))
    assert str(error.value) == (
        "Zahlenformat uneinheitlich: Zeile 2 „12,5“ hat ein Dezimalkomma, Zeile 4 „12.5“ einen Dezimalpunkt – "
        "bitte ein Format für die ganze Datei verwenden"
    )


@pytest.mark.parametrize(
    ("text", "german", "international"),
    [
        ("15.822", "15822", "15.822"),
        ("1,500", "1.5", "1500"),
        ("-1.500,25", "-1500.25", None),
        ("1.234.567", "1234567", None),
        ("1,234,567.5", None, "1234567.5"),
        ("1 234", "1234", "1234"),
        ("1 234,5", "1234.5", None),
        ("1 234.5", None, "1234.5"),
        ("0", "0", "0"),
        ("+7", "7", "7"),
        (",5", "0.5", None),
        (".5", None, "0.5"),
        ("007", "7", "7"),
    ],
)
def test_parse_number_in_each_format(text: str, german: str | None, international: str | None) -> None:
    for number_format, expected in ((GERMAN, german), (INTERNATIONAL, international)):
        if expected is None:
            with pytest.raises(ValueError, match=r"passt nicht zum Zahlenformat|keine Zahl"):
                parse_number(text, number_format)
        else:
            assert parse_number(text, number_format) == Decimal(expected)


def test_an_undecided_file_refuses_ambiguous_values_with_both_readings() -> None:
    with pytest.raises(ValueError) as error:
        parse_number("15.822", None)
    assert str(error.value).startswith("„15.822“ ist mehrdeutig: 15822 (Tausenderpunkt, deutsches Format) oder 15,822")
    with pytest.raises(ValueError) as error:
        parse_number("-1,500", None)
    assert str(error.value).startswith("„-1,500“ ist mehrdeutig: -1,500 (Dezimalkomma, deutsches Format) oder -1500")
    # values that only one format can read are fine without a decision
    assert parse_number("15822", None) == Decimal(15822)
    assert parse_number("12,5", None) == Decimal("12.5")
    assert parse_number("0.822", None) == Decimal("0.822")


@pytest.mark.parametrize(
    "text", ["", "-", "abc", "1e3", "NaN", "inf", "12,", "12.", "1.2.3,4", "1 23", "1_000", "٣", "0x10", "12 %"]
)
def test_not_numbers(text: str) -> None:
    for number_format in (GERMAN, INTERNATIONAL, None):
        with pytest.raises(ValueError, match=r"keine Zahl|passt nicht"):
            parse_number(text, number_format)


def test_conflicting_value_says_which_format_the_file_has() -> None:
    with pytest.raises(ValueError) as error:
        parse_number("12.5", GERMAN)
    assert str(error.value) == "„12.5“ passt nicht zum Zahlenformat der Datei (Dezimalkomma (1.234,5))"
