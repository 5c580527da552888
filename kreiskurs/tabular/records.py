"""Reading an upload: CSV or XLSX recognised, records streamed and bounded, rows built."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from kreiskurs.i18n import gettext as _

from .base import MAX_COLUMNS, MAX_ROWS, XLS_MAGIC, XLSX_MAGIC, Row, TableError, _too_wide, _used_width, column_name
from .csv_files import _csv_records, _decode, _delimiter
from .rows import table_rows
from .xlsx_files import _xlsx_records


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
        raise TableError(
            _("%(filename)s: alte Excel-Datei (.xls) – bitte als .xlsx oder CSV speichern") % {"filename": filename}
        )
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
                _(
                    "%(filename)s, Zeile %(line)s, Spalte %(column)s: enthält ein "
                    "NUL-Zeichen (Steuerzeichen \\0) – bitte entfernen"
                )
                % {"filename": filename, "line": line, "column": column_name(position)}
            )
        count += 1
        if count > max_rows:
            raise TableError(
                _("%(filename)s, Zeile %(line)s: mehr als %(max_rows)s Zeilen – bitte die Datei aufteilen")
                % {"filename": filename, "line": line, "max_rows": max_rows}
            )
        yield line, cells
