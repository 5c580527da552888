"""The Regionalstatistik / GENESIS table layout (kreiskurs.monitoring.layouts); no database needed."""

from __future__ import annotations

import pytest

from kreiskurs.monitoring.layouts import looks_wide, period_of_heading, read_wide
from kreiskurs.tabular import read_records


def records(text: str) -> list[tuple[int, list[str]]]:
    return list(read_records(text.encode("cp1252"), filename="t.csv"))


@pytest.mark.parametrize(
    ("heading", "period"),
    [
        ("2022", "2022"),
        ("31.12.2022", "2022"),
        ("2022-12-31", "2022"),
        ("30.06.2022", "2022-06"),
        ("1.1.2023", "2023-01"),
        ("2022-06", "2022-06"),
        ("2022-Q2", "2022-Q2"),
        ("Stichtag", None),
        ("31.02.2022", None),
        ("", None),
    ],
)
def test_period_of_heading(heading: str, period: str | None) -> None:
    assert period_of_heading(heading) == period


def test_title_header_rows_and_footer() -> None:
    table = read_wide(
        records(
            "GENESIS-Tabelle: 12411-01-01-5\n"  # 1
            "Bevölkerung: Gemeinden, Stichtag\n"  # 2
            ";;Stichtag\n"  # 3
            ";;31.12.2021;31.12.2022\n"  # 4
            "05558004;Ascheberg;15.822;15.911\n"  # 5
            "05558008;Billerbeck;11.655;-\n"  # 6
            "__________\n"  # 7
            "05558012;Nach dem Strich;1;2\n"  # 8: footer, ignored
        ),
        filename="t.csv",
    )
    assert table.header_line == 4
    assert table.periods == ((3, "2021"), (4, "2022"))
    assert [(row.line, row.key, row.name, row.cells) for row in table.rows] == [
        (5, "05558004", "Ascheberg", ((3, "2021", "15.822"), (4, "2022", "15.911"))),
        (6, "05558008", "Billerbeck", ((3, "2021", "11.655"), (4, "2022", "-"))),
    ]


def test_footer_without_underline_starts_at_the_first_row_without_values() -> None:
    table = read_wide(
        records(";;2021\n05558004;Ascheberg;1\nStand: 25.06.2024\n© Statistisches Bundesamt (Destatis), 2024\n"),
        filename="t.csv",
    )
    assert [row.line for row in table.rows] == [2]


def test_a_bad_key_among_the_areas_is_kept_for_the_importer_to_report() -> None:
    table = read_wide(records(";;2021\n05558004;A;1\n05558OO8;B;2\n05558012;C;3\n"), filename="t.csv")
    assert [row.key for row in table.rows] == ["05558004", "05558OO8", "05558012"]


def test_values_outside_the_period_columns_are_marked() -> None:
    table = read_wide(records(";;2021;;2022\n05558004;A;1;9;2\n"), filename="t.csv")
    assert table.rows[0].stray == (4,)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Titel\n05558004;A;1\n", "keine Kopfzeile mit Zeiträumen"),
        ("Titel\n;;2021;2022\nFußnote\n", "Zeile 2: unter der Kopfzeile steht keine Zeile"),
        (";;31.12.2021;2021\n05558004;A;1;2\n", "Zeitraum doppelt: 2021"),
    ],
)
def test_tables_that_are_not_genesis_shaped(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_wide(records(text), filename="t.csv")


def test_a_long_table_does_not_look_wide() -> None:
    assert not looks_wide(records("indicator_code;ags;period;value\nI1;;2021;3\n"))
    assert looks_wide(records("Titel\n;;2021;2022\n"))


def test_a_header_may_carry_labels_but_an_area_row_is_never_a_header() -> None:
    table = read_wide(records("Titel\nGemeinden;Name;2021;2022\n05558004;A;2021;2022\n"), filename="t.csv")
    assert (table.header_line, [row.line for row in table.rows]) == (2, [3])
    assert table.rows[0].cells == ((3, "2021", "2021"), (4, "2022", "2022"))
