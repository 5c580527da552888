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

The reader lives by noun in ``records`` (reading an upload), ``rows`` (header and rows), ``csv_files``,
``xlsx_files`` and ``values`` (numbers and dates); ``base`` holds the limits and types they share. This package
re-exports the public names.
"""

from .base import MAX_COLUMNS, MAX_ROWS, NumberText, Row, TableError, column_name, normalize_header
from .records import csv_delimiter, is_xlsx, read_records, read_table
from .rows import table_rows
from .values import parse_date, parse_decimal
from .xlsx_files import cell_text

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
