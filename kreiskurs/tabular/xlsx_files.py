"""XLSX uploads: the first worksheet row by row, cells as text."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet._reader import WorkSheetParser

from kreiskurs.i18n import gettext as _

from .base import NumberText, TableError, _too_wide


def _xlsx_records(data: bytes, filename: str, max_columns: int) -> Iterator[tuple[int, list[str]]]:
    """Every row of the first worksheet with its sheet row number; cells converted to text.

    The sheet is parsed row by row from the cells that are really stored (openpyxl's row iterator would pad every
    row to the widest one: one value in column XFD makes each row 16,384 cells). A value beyond ``max_columns``
    is refused before the row is built.
    """
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of errors for broken files
        raise TableError(_("%(filename)s: keine gültige XLSX-Datei") % {"filename": filename}) from error
    try:
        if not workbook.worksheets:
            raise TableError(_("%(filename)s: Datei ist leer") % {"filename": filename})
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
            raise TableError(_("%(filename)s: keine gültige XLSX-Datei") % {"filename": filename}) from error
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
