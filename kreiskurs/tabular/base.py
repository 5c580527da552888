"""What the table readers share: limits, the row and error types, column names and widths."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kreiskurs.i18n import gettext as _

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


def _too_wide(filename: str, line: int, width: int, max_columns: int) -> TableError:
    return TableError(
        _(
            "%(filename)s, Zeile %(line)s: Wert in Spalte %(column)s (Nr. "
            "%(width)s) – höchstens %(max_columns)s Spalten sind erlaubt"
        )
        % {"filename": filename, "line": line, "column": column_name(width), "width": width, "max_columns": max_columns}
    )


def column_name(position: int) -> str:
    """The spreadsheet name of a 1-based column number: 1 → ``A``, 27 → ``AA``, 16384 → ``XFD``."""
    name = ""
    while position > 0:
        position, rest = divmod(position - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _used_width(cells: Sequence[str]) -> int:
    """The number of cells up to and including the last non-empty one."""
    width = len(cells)
    while width and not cells[width - 1]:
        width -= 1
    return width
