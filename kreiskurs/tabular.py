"""Reading CSV and XLSX uploads for all-or-nothing imports.

``read_table`` turns an uploaded file into a list of :class:`Row` objects (one per non-empty record), checks the
header against the columns an import expects and reports every problem as a :class:`TableError` with a German
message that names the file and, where it helps, the line. ``parse_decimal`` and ``parse_date`` read numbers and
dates the way people type them in German and international spreadsheets.

The module is plain Python (no Django) so that importers, management commands and tests can share it.

Uploads are bounded: :func:`read_records` streams the records (an XLSX sheet row by row, without padding rows to the
widest column) and refuses a file with more than ``max_rows`` data records or a value beyond ``max_columns``
before it holds more than one record of that size. NUL characters are refused with line and column (PostgreSQL
cannot store them). Numbers read from XLSX number cells are :class:`NumberText`: their text is canonical
(``12.5``), so the number format of the file does not apply to them.
"""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet._reader import WorkSheetParser

__all__ = [
    "MAX_COLUMNS",
    "MAX_ROWS",
    "NumberText",
    "Row",
    "TableError",
    "cell_text",
    "column_name",
    "csv_delimiter",
    "is_xlsx",
    "normalize_header",
    "parse_date",
    "parse_decimal",
    "read_records",
    "read_table",
    "table_rows",
]

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary Excel format (OLE2 compound file)
#: default caps; importers may pass their own
MAX_ROWS = 100_000
MAX_COLUMNS = 200


class NumberText(str):
    """The text of a spreadsheet number cell (``12.5``): canonical, whatever number format the file uses."""

    __slots__ = ()


@dataclass(frozen=True)
class Row:
    """One data record of an uploaded table.

    ``line`` is the physical line where the record starts in a CSV file (the header is line 1, quoted fields may
    span several lines) or the sheet row number in an XLSX file. ``values`` maps every header column (normalized:
    stripped, lower-case, without BOM) to the stripped cell text; empty cells are ``""``.
    """

    line: int
    values: dict[str, str]


class TableError(ValueError):
    """An uploaded table cannot be imported; the message (German) names the file and, if useful, the line."""


def normalize_header(name: str) -> str:
    """A column name as it is compared: without BOM, stripped, lower-case."""
    return name.replace("\ufeff", "").strip().lower()


def read_table(
    data: bytes,
    *,
    filename: str,
    required: Sequence[str],
    optional: Sequence[str] = (),
    max_rows: int = MAX_ROWS,
    max_columns: int = MAX_COLUMNS,
) -> list[Row]:
    """Read a CSV or XLSX upload and return its data rows.

    XLSX is recognised by the file name (``.xlsx``) or the ZIP signature; everything else is read as CSV (UTF-8
    with or without BOM, otherwise Windows-1252; ``;`` or ``,`` as delimiter). The header must contain every
    ``required`` column, may contain ``optional`` ones and nothing else. Completely empty rows are skipped. A file
    with only a header yields ``[]``; a file without any header raises :class:`TableError`.
    """
    records = read_records(data, filename=filename, max_rows=max_rows, max_columns=max_columns)
    return table_rows(records, filename=filename, required=required, optional=optional)


def is_xlsx(data: bytes, filename: str) -> bool:
    """Whether an upload is read as XLSX (by its name or its ZIP signature)."""
    return filename.lower().endswith(".xlsx") or data.startswith(XLSX_MAGIC)


def csv_delimiter(data: bytes, filename: str) -> str | None:
    """The delimiter a CSV upload is read with (``;`` or ``,``); ``None`` for XLSX and old Excel files."""
    if data.startswith(XLS_MAGIC) or is_xlsx(data, filename):
        return None
    return _delimiter(_decode(data))


def read_records(
    data: bytes, *, filename: str, max_rows: int = MAX_ROWS, max_columns: int = MAX_COLUMNS
) -> Iterator[tuple[int, list[str]]]:
    """Every non-empty record of a CSV or XLSX upload as ``(line, cells)``, streamed and bounded.

    Cells are stripped text; trailing empty cells are dropped. More than ``max_rows`` non-empty records, a value
    beyond column ``max_columns`` or a NUL character raise :class:`TableError` naming the place.
    """
    if data.startswith(XLS_MAGIC):
        raise TableError(f"{filename}: alte Excel-Datei (.xls) – bitte als .xlsx oder CSV speichern")
    if is_xlsx(data, filename):
        records: Iterable[tuple[int, list[str]]] = _xlsx_records(data, filename, max_columns)
    else:
        records = _csv_records(data, filename)
    count = 0
    for line, cells in records:
        width = _used_width(cells)
        if not width:
            continue
        if width > max_columns:
            raise _too_wide(filename, line, width, max_columns)
        if width < len(cells):
            cells = cells[:width]
        if "\x00" in "\t".join(cells):  # one pass in C; the loop below runs only for a bad row
            position = next(n for n, cell in enumerate(cells, start=1) if "\x00" in cell)
            raise TableError(
                f"{filename}, Zeile {line}, Spalte {column_name(position)}: enthält ein NUL-Zeichen "
                "(Steuerzeichen \\0) – bitte entfernen"
            )
        count += 1
        if count > max_rows:
            raise TableError(f"{filename}, Zeile {line}: mehr als {max_rows} Zeilen – bitte die Datei aufteilen")
        yield line, cells


def _too_wide(filename: str, line: int, width: int, max_columns: int) -> TableError:
    return TableError(
        f"{filename}, Zeile {line}: Wert in Spalte {column_name(width)} (Nr. {width}) – "
        f"höchstens {max_columns} Spalten sind erlaubt"
    )


def column_name(position: int) -> str:
    """The spreadsheet name of a 1-based column number: 1 → ``A``, 27 → ``AA``, 16384 → ``XFD``."""
    name = ""
    while position > 0:
        position, rest = divmod(position - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def table_rows(
    records: Iterable[tuple[int, list[str]]], *, filename: str, required: Sequence[str], optional: Sequence[str] = ()
) -> list[Row]:
    """Check the header (the first non-empty record) and build the rows from the remaining records."""
    iterator = iter(records)
    header: list[str] | None = None
    for _line, cells in iterator:
        if any(cells):
            header = cells
            break
    if header is None:
        raise TableError(f"{filename}: Datei ist leer")
    columns = _check_header(header, filename=filename, required=required, optional=optional)
    rows: list[Row] = []
    for line, cells in iterator:
        if not any(cells):
            continue
        used = _used_width(cells)
        if used > len(columns):
            raise TableError(f"{filename}, Zeile {line}: {used} Werte, aber {len(columns)} Spalten")
        padded = cells + [""] * (len(columns) - len(cells))
        rows.append(Row(line=line, values=dict(zip(columns, padded, strict=False))))
    return rows


def _used_width(cells: Sequence[str]) -> int:
    """The number of cells up to and including the last non-empty one."""
    width = len(cells)
    while width and not cells[width - 1]:
        width -= 1
    return width


def _check_header(header: list[str], *, filename: str, required: Sequence[str], optional: Sequence[str]) -> list[str]:
    """The normalized column names; raise :class:`TableError` for empty, duplicate, missing or unknown columns.

    Linear in the number of columns (a header of many thousand columns is answered at once).
    """
    columns = [normalize_header(cell) for cell in header[: _used_width(header)]]
    blank = [str(position) for position, name in enumerate(columns, start=1) if not name]
    if blank:
        raise TableError(f"{filename}: Spalte(n) ohne Überschrift: Nr. {_listed(blank)}")
    counts = Counter(columns)
    duplicates = [name for name, count in counts.items() if count > 1]  # in order of first occurrence
    if duplicates:
        raise TableError(f"{filename}: Spalte(n) doppelt: {_listed(duplicates)}")
    wanted_required = [normalize_header(name) for name in required]
    allowed = list(dict.fromkeys([*wanted_required, *(normalize_header(name) for name in optional)]))
    allowed_set = set(allowed)
    missing = [name for name in dict.fromkeys(wanted_required) if name not in counts]
    unknown = [name for name in columns if name not in allowed_set]
    problems = []
    if missing:
        problems.append(f"Spalte(n) fehlen: {', '.join(missing)}")
    if unknown:
        problems.append(f"unbekannte Spalte(n): {_listed(unknown)} (erlaubt: {', '.join(allowed)})")
    if problems:
        raise TableError(f"{filename}: {'; '.join(problems)}")
    return columns


def _listed(names: Sequence[str], limit: int = 20) -> str:
    """At most ``limit`` names, then how many more (a message stays short whatever the file holds)."""
    shown = ", ".join(name[:60] for name in names[:limit])
    return f"{shown} und {len(names) - limit} weitere" if len(names) > limit else shown


# --- CSV ---------------------------------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    """UTF-8 (a BOM is dropped), otherwise Windows-1252, otherwise Latin-1 (which never fails)."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _delimiter(text: str) -> str:
    """``;`` or ``,``, whichever occurs more often in the header line (the first non-blank line); ties give ``;``.

    A first line without either (the title of a statistics export such as ``GENESIS-Tabelle: 12411-01-01-5``)
    does not decide: then the first 30 lines vote, each line that holds at least two of one delimiter for the
    one it holds more of; ties give ``;`` again.
    """
    lines = [line for line in itertools.islice(io.StringIO(text), 200) if line.strip()][:30]
    header = lines[0] if lines else ""
    if header.count(",") or header.count(";"):
        return "," if header.count(",") > header.count(";") else ";"
    votes = Counter(
        "," if line.count(",") > line.count(";") else ";"
        for line in lines
        if max(line.count(","), line.count(";")) >= 2
    )
    return "," if votes[","] > votes[";"] else ";"


def _csv_records(data: bytes, filename: str) -> Iterator[tuple[int, list[str]]]:
    """Every CSV record with the physical line where it starts; cells stripped."""
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), quotechar='"', strict=True)
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise TableError(
                f"{filename}, Zeile {start}: ungültiges CSV (Anführungszeichen oder Sonderzeichen prüfen)"
            ) from error
        yield start, [cell.strip() for cell in cells]


# --- XLSX --------------------------------------------------------------------------------------------------------


def _xlsx_records(data: bytes, filename: str, max_columns: int) -> Iterator[tuple[int, list[str]]]:
    """Every row of the first worksheet with its sheet row number; cells converted to text.

    The sheet is parsed row by row from the cells that are really stored (openpyxl's row iterator would pad every
    row to the widest one: one value in column XFD makes each row 16,384 cells). A value beyond ``max_columns``
    is refused before the row is built.
    """
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of errors for broken files
        raise TableError(f"{filename}: keine gültige XLSX-Datei") from error
    try:
        if not workbook.worksheets:
            raise TableError(f"{filename}: Datei ist leer")
        sheet = workbook.worksheets[0]
        try:
            # the read-only sheet's own parser, without the padding of ReadOnlyWorksheet._cells_by_row
            with sheet._get_source() as source:  # type: ignore[union-attr]
                parser = WorkSheetParser(
                    source,
                    sheet._shared_strings,  # type: ignore[union-attr]
                    data_only=True,
                    epoch=workbook.epoch,
                    date_formats=workbook._date_formats,
                    timedelta_formats=workbook._timedelta_formats,
                )
                for number, cells in parser.parse():
                    yield number, _sheet_row(cells, number, filename, max_columns)
        except TableError:
            raise
        except Exception as error:
            raise TableError(f"{filename}: keine gültige XLSX-Datei") from error
    finally:
        workbook.close()


def _sheet_row(cells: list[dict[str, Any]], number: int, filename: str, max_columns: int) -> list[str]:
    """The texts of one parsed sheet row, from column A to its last value."""
    stored = [(int(cell["column"]), cell["value"]) for cell in cells if cell.get("value") not in (None, "")]
    if not stored:
        return []
    widest = max(column for column, _value in stored)
    if widest > max_columns:
        raise _too_wide(filename, number, widest, max_columns)
    texts = [""] * widest
    for column, value in stored:
        if column >= 1:
            texts[column - 1] = cell_text(value)
    return texts


def cell_text(value: Any) -> str:
    """A spreadsheet cell value as text.

    ``None`` is ``""``; whole numbers have no decimals (``12.0`` → ``"12"``); other floats are rounded to the
    15 significant digits a spreadsheet shows and written without exponent (``12.5`` → ``"12.5"``); dates and
    date-times become ISO dates (``"2024-03-31"``); booleans become ``"1"``/``"0"``; text is stripped.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return NumberText(value)
    if isinstance(value, float):
        return NumberText(_float_text(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _float_text(value: float) -> str:
    """A float without binary noise and without exponent."""
    try:
        number = Decimal(format(value, ".15g"))
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


# --- Numbers and dates -------------------------------------------------------------------------------------------

_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})
_GROUPED = {sep: re.compile(r"[0-9]{1,3}(?:" + re.escape(sep) + r"[0-9]{3})+") for sep in (".", ",", " ")}
_DIGITS = re.compile(r"[0-9]*")
_FRACTION = re.compile(r"[0-9]+")


def parse_decimal(text: str) -> Decimal:
    """A number as people type it: ``12``, ``-3``, ``12.5``, ``12,5``, ``1.234,5``, ``1,234.5``, ``1 234,5``.

    If both ``.`` and ``,`` occur, the last one is the decimal separator and the other one groups thousands. A
    single ``,`` or ``.`` is a decimal separator; if it occurs several times it groups thousands (``1.234.567``).
    Spaces also group thousands. Thousands groups must have three digits. Anything else raises ``ValueError``.
    """
    raw = text.strip()
    error = ValueError(f"„{raw}“ ist keine Zahl")
    body = raw.translate(_SPACES)
    sign = ""
    if body and body[0] in "+-":
        sign, body = ("-" if body[0] == "-" else ""), body[1:]
    if not body:
        raise error
    decimal_sep: str | None = None
    thousands_sep: str | None = None
    if "." in body and "," in body:
        decimal_sep = "." if body.rfind(".") > body.rfind(",") else ","
        thousands_sep = "," if decimal_sep == "." else "."
    elif "," in body or "." in body:
        sep = "," if "," in body else "."
        if body.count(sep) > 1:
            thousands_sep = sep
        else:
            decimal_sep = sep
    if " " in body:
        if thousands_sep is not None:
            raise error
        thousands_sep = " "
    if decimal_sep is not None:
        if body.count(decimal_sep) != 1:
            raise error
        integer, fraction = body.split(decimal_sep)
        if not _FRACTION.fullmatch(fraction):
            raise error
    else:
        integer, fraction = body, ""
    if thousands_sep is not None:
        if not _GROUPED[thousands_sep].fullmatch(integer):
            raise error
        integer = integer.replace(thousands_sep, "")
    elif not _DIGITS.fullmatch(integer) or not (integer or fraction):
        raise error
    return Decimal(f"{sign}{integer or '0'}.{fraction}" if fraction else f"{sign}{integer}")


_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_GERMAN_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")


def parse_date(text: str) -> datetime.date:
    """A date as ``2024-03-31`` (ISO) or ``31.03.2024`` / ``1.3.2024`` (German); otherwise ``ValueError``."""
    raw = text.strip()
    if match := _ISO_DATE.fullmatch(raw):
        year, month, day = (int(part) for part in match.groups())
    elif match := _GERMAN_DATE.fullmatch(raw):
        day, month, year = (int(part) for part in match.groups())
    else:
        raise ValueError(f"„{raw}“ ist kein Datum (JJJJ-MM-TT oder TT.MM.JJJJ)")
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(f"„{raw}“ ist kein Datum (JJJJ-MM-TT oder TT.MM.JJJJ)") from None
