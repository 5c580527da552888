"""Reading CSV and XLSX uploads (kreiskurs.tabular); no database needed."""

from __future__ import annotations

import datetime
import inspect
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook

from kreiskurs.tabular import (
    Row,
    TableError,
    cell_text,
    csv_delimiter,
    parse_date,
    parse_decimal,
    read_records,
    read_table,
)


def csv_rows(text: str) -> list[Row]:
    """Read a CSV text with the columns name, wert (required) and notiz (optional)."""
    return read_table(text.encode(), filename="daten.csv", required=["name", "wert"], optional=["notiz"])


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(row=number, column=column, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- CSV ---------------------------------------------------------------------------------------------------------


def test_semicolon_csv() -> None:
    rows = csv_rows("Name;Wert;Notiz\nAlpha;12,5;erste\nBeta;3;\n")
    assert rows == [
        Row(line=2, values={"name": "Alpha", "wert": "12,5", "notiz": "erste"}),
        Row(line=3, values={"name": "Beta", "wert": "3", "notiz": ""}),
    ]


def test_comma_csv_and_whitespace_is_stripped() -> None:
    rows = csv_rows(" name , wert \n  Alpha ,  12.5 \n")
    assert rows == [Row(line=2, values={"name": "Alpha", "wert": "12.5"})]


def test_delimiter_is_chosen_by_the_header_line() -> None:
    # the header has more semicolons, so the commas in the data are part of the values
    rows = csv_rows("name;wert\nMüller, Anna;1,5\n")
    assert rows[0].values == {"name": "Müller, Anna", "wert": "1,5"}
    # a header without any delimiter: a tie, so ";" is used and commas stay inside the value
    rows = read_table(b"name\nA,B\n", filename="x.csv", required=["name"])
    assert rows[0].values == {"name": "A,B"}


def test_utf8_with_bom() -> None:
    data = "\ufeffName;Wert\nStraße;ä\n".encode()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = read_table(data, filename="bom.csv", required=["name", "wert"])
    assert rows == [Row(line=2, values={"name": "Straße", "wert": "ä"})]


def test_windows_1252() -> None:
    data = "name;wert\nGrößenänderung;„Maß“ – 5 €\n".encode("cp1252")
    rows = read_table(data, filename="excel.csv", required=["name", "wert"])
    assert rows[0].values == {"name": "Größenänderung", "wert": "„Maß“ – 5 €"}


def test_latin1_fallback_for_bytes_undefined_in_windows_1252() -> None:
    data = b"name;wert\nStra\xdfe;\x81\n"
    rows = read_table(data, filename="alt.csv", required=["name", "wert"])
    assert rows[0].values == {"name": "Straße", "wert": "\x81"}


def test_quoted_fields_with_delimiters_newlines_and_quotes_keep_line_numbers() -> None:
    text = (
        "name;wert;notiz\n"  # line 1
        '"Alpha";"1;5";"a; b"\n'  # line 2
        'Beta;2;"erste Zeile\n'  # line 3
        "zweite Zeile\n"  # line 4
        'dritte Zeile"\n'  # line 5
        'Gamma;3;"sagte ""hallo"""\n'  # line 6
        "\n"  # line 7 (empty)
        ";;\n"  # line 8 (only delimiters)
        "Delta;4;\n"  # line 9
    )
    rows = csv_rows(text)
    assert [row.line for row in rows] == [2, 3, 6, 9]
    assert rows[0].values == {"name": "Alpha", "wert": "1;5", "notiz": "a; b"}
    assert rows[1].values["notiz"] == "erste Zeile\nzweite Zeile\ndritte Zeile"
    assert rows[2].values["notiz"] == 'sagte "hallo"'


def test_crlf_line_endings_with_a_multiline_field() -> None:
    text = 'name,wert,notiz\r\nA,1,"x\r\ny"\r\nB,2,z\r\n'
    rows = csv_rows(text)
    assert [(row.line, row.values["notiz"]) for row in rows] == [(2, "x\r\ny"), (4, "z")]


def test_blank_lines_before_the_header_are_skipped() -> None:
    rows = csv_rows("\n\nname;wert\nA;1\n")
    assert rows == [Row(line=4, values={"name": "A", "wert": "1"})]


def test_header_only_gives_no_rows() -> None:
    assert csv_rows("name;wert;notiz\n") == []
    assert csv_rows("name;wert") == []


@pytest.mark.parametrize("data", [b"", b"\n\n", b"\xef\xbb\xbf", b" ; ;\n"])
def test_empty_file(data: bytes) -> None:
    with pytest.raises(TableError, match=r"^leer\.csv: Datei ist leer$"):
        read_table(data, filename="leer.csv", required=["name"])


def test_missing_columns() -> None:
    with pytest.raises(TableError) as error:
        read_table(b"notiz\nx\n", filename="daten.csv", required=["a", "b"], optional=["notiz"])
    assert str(error.value) == "daten.csv: Spalte(n) fehlen: a, b"


def test_unknown_columns() -> None:
    with pytest.raises(TableError) as error:
        csv_rows("name;wert;x;Farbe\nA;1;2;3\n")
    assert str(error.value) == "daten.csv: unbekannte Spalte(n): x, farbe (erlaubt: name, wert, notiz)"


def test_missing_and_unknown_columns_are_reported_together() -> None:
    with pytest.raises(TableError) as error:
        csv_rows("nmae;wert\nA;1\n")
    assert str(error.value) == (
        "daten.csv: Spalte(n) fehlen: name; unbekannte Spalte(n): nmae (erlaubt: name, wert, notiz)"
    )


def test_duplicate_columns() -> None:
    with pytest.raises(TableError, match=r"^daten\.csv: Spalte\(n\) doppelt: name$"):
        csv_rows("Name;wert;NAME \nA;1;B\n")


def test_column_without_name() -> None:
    with pytest.raises(TableError, match=r"daten\.csv: Spalte\(n\) ohne Überschrift: Nr\. 2"):
        csv_rows("name;;wert\nA;x;1\n")


def test_trailing_empty_header_cells_are_ignored() -> None:
    rows = csv_rows("name;wert;;\nA;1;;\n")
    assert rows == [Row(line=2, values={"name": "A", "wert": "1"})]


def test_too_many_cells() -> None:
    header = "a;b;c;d;e;f\n"
    rows = "1;2;3;4;5;6\n" * 5
    with pytest.raises(TableError) as error:
        read_table((header + rows + "1;2;3;4;5;6;7\n").encode(), filename="breit.csv", required=list("abcdef"))
    assert str(error.value) == "breit.csv, Zeile 7: 7 Werte, aber 6 Spalten"


def test_fewer_cells_are_filled_with_empty_strings() -> None:
    assert csv_rows("name;wert;notiz\nA\n")[0].values == {"name": "A", "wert": "", "notiz": ""}


def test_unterminated_quote_names_the_line() -> None:
    with pytest.raises(TableError, match=r"^daten\.csv, Zeile 3: ungültiges CSV"):
        csv_rows('name;wert\nA;1\nB;"2\nC;3\n')


def test_required_and_optional_names_are_normalized_too() -> None:
    rows = read_table(b"name;wert\nA;1\n", filename="x.csv", required=[" Name "], optional=["WERT"])
    assert rows[0].values == {"name": "A", "wert": "1"}


def test_old_excel_format_is_rejected() -> None:
    with pytest.raises(TableError, match=r"^alt\.xls: alte Excel-Datei"):
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, filename="alt.xls", required=["name"])


# --- XLSX --------------------------------------------------------------------------------------------------------


def test_xlsx_values_rows_and_row_numbers() -> None:
    data = xlsx_bytes(
        [
            [],  # row 1: empty, the header is the first non-empty row
            [" Name ", "Wert", "Datum", "Notiz"],  # row 2
            ["Alpha", 12, datetime.date(2024, 3, 31), None],  # row 3
            [],  # row 4: skipped
            ["  Beta ", 12.5, datetime.datetime(2024, 1, 2, 13, 45), "  text "],  # row 5
            ["Gamma", 3.0, None, True],  # row 6
            [None, None, None, None],  # row 7: skipped
            ["Delta", 0.1 + 0.2, "31.12.2024", 1e-05],  # row 8
        ]
    )
    rows = read_table(data, filename="Upload.XLSX", required=["name", "wert"], optional=["datum", "notiz"])
    assert rows == [
        Row(line=3, values={"name": "Alpha", "wert": "12", "datum": "2024-03-31", "notiz": ""}),
        Row(line=5, values={"name": "Beta", "wert": "12.5", "datum": "2024-01-02", "notiz": "text"}),
        Row(line=6, values={"name": "Gamma", "wert": "3", "datum": "", "notiz": "1"}),
        Row(line=8, values={"name": "Delta", "wert": "0.3", "datum": "31.12.2024", "notiz": "0.00001"}),
    ]


def test_xlsx_is_recognised_by_its_signature() -> None:
    data = xlsx_bytes([["name"], ["A"]])
    assert read_table(data, filename="upload", required=["name"]) == [Row(line=2, values={"name": "A"})]


def test_xlsx_header_only_and_empty_sheet() -> None:
    assert read_table(xlsx_bytes([["name"]]), filename="a.xlsx", required=["name"]) == []
    with pytest.raises(TableError, match=r"^b\.xlsx: Datei ist leer$"):
        read_table(xlsx_bytes([]), filename="b.xlsx", required=["name"])


def test_xlsx_header_problems() -> None:
    with pytest.raises(TableError, match=r"^a\.xlsx: Spalte\(n\) fehlen: wert$"):
        read_table(xlsx_bytes([["name"], ["A"]]), filename="a.xlsx", required=["name", "wert"])
    with pytest.raises(TableError, match=r"^a\.xlsx: Spalte\(n\) doppelt: name$"):
        read_table(xlsx_bytes([["name", "Name"], ["A", "B"]]), filename="a.xlsx", required=["name"])


def test_xlsx_value_outside_the_header_names_the_row() -> None:
    data = xlsx_bytes([["name", "wert"], ["A", 1], ["B", 2, "zu viel"]])
    with pytest.raises(TableError) as error:
        read_table(data, filename="a.xlsx", required=["name", "wert"])
    assert str(error.value) == "a.xlsx, Zeile 3: 3 Werte, aber 2 Spalten"


def test_not_a_workbook() -> None:
    with pytest.raises(TableError) as error:
        read_table(b"name;wert\nA;1\n", filename="falsch.xlsx", required=["name"])
    assert str(error.value) == "falsch.xlsx: keine gültige XLSX-Datei"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hallo.txt", "kein Excel")
    with pytest.raises(TableError, match=r"^archiv\.zip: keine gültige XLSX-Datei$"):
        read_table(buffer.getvalue(), filename="archiv.zip", required=["name"])
    with pytest.raises(TableError, match=r"keine gültige XLSX-Datei"):
        read_table(b"PK\x03\x04kaputt", filename="kaputt.xlsx", required=["name"])


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (7, "7"),
        (-7, "-7"),
        (7.0, "7"),
        (12.5, "12.5"),
        (-0.25, "-0.25"),
        (1e20, "100000000000000000000"),
        (1.5e-7, "0.00000015"),
        (2.9999999999999996, "3"),
        (datetime.date(2024, 2, 29), "2024-02-29"),
        (datetime.datetime(2024, 2, 29, 23, 59), "2024-02-29"),
        (False, "0"),
        ("  x  ", "x"),
    ],
)
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text


# --- numbers and dates -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12", "12"),
        ("-3", "-3"),
        ("+3", "3"),
        ("0", "0"),
        ("12.5", "12.5"),
        ("12,5", "12.5"),
        (" 12,5 ", "12.5"),
        ("-0,75", "-0.75"),
        (",5", "0.5"),
        ("1.234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("1 234,5", "1234.5"),
        ("1\u00a0234,5", "1234.5"),
        ("1 234 567", "1234567"),
        ("1.234.567", "1234567"),
        ("1,234,567", "1234567"),
        ("1.234.567,89", "1234567.89"),
        ("1,234,567.89", "1234567.89"),
        ("1,234", "1.234"),
        ("1.234", "1.234"),
        ("-1.234,5", "-1234.5"),
        ("007", "7"),
    ],
)
def test_parse_decimal_good(text: str, number: str) -> None:
    assert parse_decimal(text) == Decimal(number)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "abc",
        "NaN",
        "nan",
        "inf",
        "-Infinity",
        "1e3",
        "12,",
        "12.",
        "-",
        "+-1",
        "1.2.3",
        "12.34.567",
        "1,2,3",
        "1.234,5,6",
        "1,234.5.6",
        "1 23,5",
        "1  234",
        "1 234.567,5",
        "12 %",
        "٣",
        "0x10",
        "1_000",
    ],
)
def test_parse_decimal_bad(text: str) -> None:
    with pytest.raises(ValueError, match=r"ist keine Zahl$") as error:
        parse_decimal(text)
    assert str(error.value) == f"„{text.strip()}“ ist keine Zahl"


def test_parse_decimal_message() -> None:
    with pytest.raises(ValueError) as error:
        parse_decimal("abc")
    assert str(error.value) == "„abc“ ist keine Zahl"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024-03-31", datetime.date(2024, 3, 31)),
        (" 2024-03-31 ", datetime.date(2024, 3, 31)),
        ("31.03.2024", datetime.date(2024, 3, 31)),
        ("1.3.2024", datetime.date(2024, 3, 1)),
        ("29.02.2024", datetime.date(2024, 2, 29)),
    ],
)
def test_parse_date_good(text: str, day: datetime.date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(
    "text",
    ["", "morgen", "31.03.24", "2024/03/31", "03/31/2024", "2024-13-01", "31.02.2024", "29.02.2023", "2024-03-31T12"],
)
def test_parse_date_bad(text: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_date(text)
    assert str(error.value) == f"„{text}“ ist kein Datum (JJJJ-MM-TT oder TT.MM.JJJJ)"


# --- bounds (issue 9) --------------------------------------------------------------------------------------------


def test_xlsx_rows_are_not_padded_to_the_widest_column() -> None:
    """One value in column XFD must not make every row 16,384 cells wide (a 59 KiB file grew a worker by 1 GB)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["name", "wert", "notiz"])
    for number in range(2, 302):
        sheet.cell(row=number, column=1, value=f"A{number}")
        sheet.cell(row=number, column=3, value=number)
    sheet.cell(row=150, column=16384, value="fern")
    buffer = io.BytesIO()
    workbook.save(buffer)
    records = read_records(buffer.getvalue(), filename="breit.xlsx", max_columns=16384)
    assert inspect.isgenerator(records)  # streamed, not a list of the whole sheet
    widths = [len(cells) for _line, cells in records]
    assert widths[:3] == [3, 3, 3] and max(widths[:149]) == 3  # each row as wide as its own last value
    assert widths[149] == 16384 and widths[150] == 3
    # with the default cap the file is refused at that row, naming the column, before later rows are read
    with pytest.raises(TableError) as error:
        read_table(buffer.getvalue(), filename="breit.xlsx", required=["name", "wert"], optional=["notiz"])
    assert (
        str(error.value) == "breit.xlsx, Zeile 150: Wert in Spalte XFD (Nr. 16384) – höchstens 200 Spalten sind erlaubt"
    )


def test_a_wide_csv_header_is_refused_by_the_column_cap() -> None:
    header = ";".join(f"s{n}" for n in range(200_000))
    with pytest.raises(TableError) as error:
        read_table(f"{header}\n".encode(), filename="kopf.csv", required=["name"])
    assert (
        str(error.value) == "kopf.csv, Zeile 1: Wert in Spalte KIVH (Nr. 200000) – höchstens 200 Spalten sind erlaubt"
    )


def test_the_header_check_is_linear_and_its_message_short() -> None:
    """200,000 header columns are answered at once (``list.count`` per column took minutes) in a short message."""
    names = [f"s{n}" for n in range(100_000)] * 2
    header = ";".join(names)
    with pytest.raises(TableError) as error:
        read_table(f"{header}\n".encode(), filename="kopf.csv", required=["name"], max_columns=300_000)
    message = str(error.value)
    assert message.startswith("kopf.csv: Spalte(n) doppelt: s0, s1, s2,")
    assert message.endswith("s19 und 99980 weitere")
    unknown = ";".join(names[:100_000])
    with pytest.raises(TableError) as error:
        read_table(f"{unknown}\n".encode(), filename="k.csv", required=["s0"], max_columns=300_000)
    assert len(str(error.value)) < 500 and "s20 und 99979 weitere (erlaubt: s0)" in str(error.value)


def test_row_cap() -> None:
    data = "name;wert\n" + "A;1\n" * 5
    assert len(read_table(data.encode(), filename="a.csv", required=["name", "wert"], max_rows=6)) == 5
    with pytest.raises(TableError) as error:
        read_table(data.encode(), filename="a.csv", required=["name", "wert"], max_rows=5)
    assert str(error.value) == "a.csv, Zeile 6: mehr als 5 Zeilen – bitte die Datei aufteilen"


def test_nul_bytes_are_refused_with_line_and_column() -> None:
    with pytest.raises(TableError) as error:
        csv_rows("name;wert\nA;1\nB\x00x;2\n")
    assert (
        str(error.value)
        == "daten.csv, Zeile 3, Spalte A: enthält ein NUL-Zeichen (Steuerzeichen \\0) – bitte entfernen"
    )
    with pytest.raises(TableError, match=r"^daten\.csv, Zeile 2, Spalte B: enthält ein NUL-Zeichen"):
        csv_rows('name;wert\nA;"1\x00"\n')


def test_a_title_line_without_delimiter_does_not_decide_it() -> None:
    """Statistics exports start with a title line; the lines below decide (each with two or more delimiters)."""
    text = (
        "GENESIS-Tabelle: 12411-01-01-5\n"
        "Bevölkerung: Gemeinden, Stichtag\n"
        ";;2021;2022\n"
        "05558004;Ascheberg;15.822;15.911\n"
    )
    records = list(read_records(text.encode("cp1252"), filename="t.csv"))
    assert records[-1] == (4, ["05558004", "Ascheberg", "15.822", "15.911"])
    assert csv_delimiter(text.encode(), "t.csv") == ";"
    assert csv_delimiter(b"Titel\nname,wert,notiz\nA,1,2\n", "t.csv") == ","
    assert csv_delimiter(b"x", "t.xlsx") is None
