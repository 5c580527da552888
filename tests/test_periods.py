"""Reporting periods (kreiskurs.monitoring.periods); no database needed."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from kreiskurs.monitoring.periods import Period, parse_period, period_end


@pytest.mark.parametrize(
    ("text", "start", "label", "kind"),
    [
        ("2024", datetime.date(2024, 1, 1), "2024", "year"),
        (" 2024 ", datetime.date(2024, 1, 1), "2024", "year"),
        ("1900", datetime.date(1900, 1, 1), "1900", "year"),
        ("2100", datetime.date(2100, 1, 1), "2100", "year"),
        ("2024-03", datetime.date(2024, 3, 1), "2024-03", "month"),
        ("2024-3", datetime.date(2024, 3, 1), "2024-03", "month"),
        ("2024-12", datetime.date(2024, 12, 1), "2024-12", "month"),
        ("2024-Q1", datetime.date(2024, 1, 1), "2024-Q1", "quarter"),
        ("2024-q2", datetime.date(2024, 4, 1), "2024-Q2", "quarter"),
        ("2024-Q3", datetime.date(2024, 7, 1), "2024-Q3", "quarter"),
        ("2024-Q4", datetime.date(2024, 10, 1), "2024-Q4", "quarter"),
    ],
)
def test_parse_period(text: str, start: datetime.date, label: str, kind: str) -> None:
    period = parse_period(text)
    assert period == Period(start=start, label=label, kind=kind)
    assert str(period) == label
    assert parse_period(period.label) == period  # the label is canonical


@pytest.mark.parametrize(
    "text",
    [
        "",
        "24",
        "02024",
        "2024-13",
        "2024-00",
        "2024-0",
        "2024-Q0",
        "2024-Q5",
        "2024-Q",
        "2024-",
        "2024/03",
        "Q1-2024",
        "2024-03-01",
        "März 2024",
        "2024 - 03",
        "2024-H1",
        "١٢٣٤",
    ],
)
def test_parse_period_rejects(text: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_period(text)
    assert str(error.value) == f"„{text.strip()}“ ist kein Zeitraum (JJJJ, JJJJ-MM oder JJJJ-Qn)"


def test_parse_period_message_for_2024_13() -> None:
    with pytest.raises(ValueError, match=r"^„2024-13“ ist kein Zeitraum \(JJJJ, JJJJ-MM oder JJJJ-Qn\)$"):
        parse_period("2024-13")


@pytest.mark.parametrize("text", ["1899", "2101", "1899-12", "2101-Q1", "0000"])
def test_parse_period_year_range(text: str) -> None:
    with pytest.raises(ValueError, match=f"^„{text}“ ist kein Zeitraum \\(Jahr zwischen 1900 und 2100\\)$"):
        parse_period(text)


def test_periods_order_by_start() -> None:
    texts = ["2025", "2024-Q2", "2024-03", "2023-12", "2024-02", "2024"]
    ordered = sorted(parse_period(text) for text in texts)
    assert [period.label for period in ordered] == ["2023-12", "2024", "2024-02", "2024-03", "2024-Q2", "2025"]
    assert parse_period("2024-q1") > parse_period("2024")  # same start: the label decides, deterministically


def test_period_is_frozen_and_hashable() -> None:
    period = parse_period("2024-Q1")
    with pytest.raises(dataclasses.FrozenInstanceError):
        period.label = "x"  # type: ignore[misc]
    assert len({period, parse_period("2024-q1")}) == 1


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("2024", datetime.date(2024, 12, 31)),
        ("2024-01", datetime.date(2024, 1, 31)),
        ("2024-02", datetime.date(2024, 2, 29)),
        ("2023-02", datetime.date(2023, 2, 28)),
        ("1900-02", datetime.date(1900, 2, 28)),
        ("2000-02", datetime.date(2000, 2, 29)),
        ("2024-04", datetime.date(2024, 4, 30)),
        ("2024-12", datetime.date(2024, 12, 31)),
        ("2024-Q1", datetime.date(2024, 3, 31)),
        ("2024-Q2", datetime.date(2024, 6, 30)),
        ("2024-Q3", datetime.date(2024, 9, 30)),
        ("2024-Q4", datetime.date(2024, 12, 31)),
    ],
)
def test_period_end(text: str, end: datetime.date) -> None:
    assert period_end(parse_period(text)) == end


def test_period_end_rejects_unknown_kinds() -> None:
    with pytest.raises(ValueError):
        period_end(Period(datetime.date(2024, 1, 1), "2024-W01", "week"))
