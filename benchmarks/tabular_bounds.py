"""Memory and time of reading hostile spreadsheets (issue 9): one value in column XFD, 200,000 header columns.

Prints the size of the XLSX and the peak memory (tracemalloc) of reading it the old way (openpyxl's row
iterator pads every row to its widest cell) and the new way (``kreiskurs.tabular.read_records``, streamed,
refused at the column cap), and the time of the header check for 200,000 columns. No Django, no database.

    .venv/bin/python benchmarks/tabular_bounds.py [--rows 4000]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook, load_workbook

from kreiskurs.tabular import TableError, read_records, read_table


def xfd_workbook(rows: int) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["name", "wert"])
    for number in range(2, rows + 2):
        sheet.cell(row=number, column=1, value="A")
        sheet.cell(row=number, column=16384, value=1)  # column XFD
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def padded(data: bytes) -> int:
    """The old reader: every row as wide as its widest cell, all rows kept."""
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheet = book.worksheets[0]
    sheet.reset_dimensions()  # type: ignore[union-attr]
    rows = [list(values) for values in sheet.iter_rows(values_only=True)]
    book.close()
    return len(rows)


def streamed(data: bytes) -> int:
    try:
        return sum(1 for _ in read_records(data, filename="xfd.xlsx"))  # number of rows
    except TableError:
        return -1  # refused at the first row beyond the column cap


def streamed_without_cap(data: bytes) -> int:
    """The new reader with the cap raised to XFD: rows are still only as wide as their own values."""
    return max(len(cells) for _line, cells in read_records(data, filename="xfd.xlsx", max_columns=16384))


def peak(function: Callable[[bytes], Any], data: bytes) -> tuple[float, float, Any]:
    tracemalloc.start()
    started = time.perf_counter()
    result = function(data)
    elapsed = time.perf_counter() - started
    _current, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return top / 2**20, elapsed, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=4000)
    args = parser.parse_args()
    data = xfd_workbook(args.rows)
    print(f"XLSX with {args.rows} rows, each with a value in column XFD: {len(data) / 1024:.0f} KiB")
    readers: list[tuple[str, Callable[[bytes], Any]]] = [
        ("openpyxl rows (padded, old)", padded),
        ("read_records (refused at cap)", streamed),
        ("read_records (cap at XFD)", streamed_without_cap),
    ]
    for label, function in readers:
        megabytes, seconds, result = peak(function, data)
        print(f"  {label:30} peak {megabytes:8.1f} MiB  {seconds:6.2f} s  result {result}")
    header = ";".join([f"s{n}" for n in range(100_000)] * 2)
    started = time.perf_counter()
    try:
        read_table(f"{header}\n".encode(), filename="kopf.csv", required=["name"], max_columns=300_000)
    except TableError as error:
        message = str(error)
    print(f"header check, 200,000 columns: {time.perf_counter() - started:.2f} s, message {len(message)} characters")


if __name__ == "__main__":
    main()
