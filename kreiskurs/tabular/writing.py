"""Writing a table as CSV (German spreadsheet dialect) or XLSX for download.

Every cell is text; a cell that a spreadsheet would run as a formula is prefixed with an apostrophe
(CSV injection). Plain Python and openpyxl, no Django.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """A cell that spreadsheets will not run as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """UTF-8 with BOM, semicolon-separated, CRLF: what German spreadsheet programs open directly."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(str(c)) for c in header])
    for row in rows:
        writer.writerow([safe_cell(str(c)) for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(header: Sequence[str], rows: Sequence[Sequence[str]], *, title: str) -> bytes:
    """One sheet named ``title`` (cut to Excel's 31 characters) with a bold header row."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=_sheet_title(title))
    bold = Font(bold=True)
    cells = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=safe_cell(str(name)))
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for row in rows:
        sheet.append([safe_cell(str(c)) for c in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_title(title: str) -> str:
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()
    return (cleaned or "Tabelle")[:31]
