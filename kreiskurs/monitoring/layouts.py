"""Statistics exports as statisticians have them: the Regionalstatistik / GENESIS table layout (plain Python).

A GENESIS table (regionalstatistik.de, destatis.de, the Länder's statistics offices) saved as CSV or XLSX looks
like this::

    GENESIS-Tabelle: 12411-01-01-5                  title lines (any number)
    Bevölkerung: Gemeinden, Stichtag
    ;;31.12.2021;31.12.2022                         the header: two empty cells (or labels), then one period each
    05558004;Ascheberg;15.822;15.911                one row per area: key (AGS), name, one value per period
    05558008;Billerbeck;11.655;-
    __________                                      footer lines (any number)
    © Statistisches Bundesamt (Destatis), 2024

:func:`read_wide` finds the header (the last record before the first area row whose cells after the first two
are all periods), the area rows below it and the footer. A footer starts at a line of underscores or at the
first record after the areas that holds no value under a period. Its markers are kept as text for the importer:
``-`` is exactly zero; ``.``, ``x``, ``...`` and ``/`` mean no value (see :data:`NO_VALUE_MARKERS`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kreiskurs.i18n import gettext as _

__all__ = [
    "NO_VALUE_MARKERS",
    "ZERO_MARKERS",
    "WideRow",
    "WideTable",
    "looks_wide",
    "period_of_heading",
    "read_wide",
]

#: GENESIS "Zeichenerklärung": a dash is exactly zero
ZERO_MARKERS = frozenset({"-", "–"})
#: GENESIS markers for "no value": not available (.), secret (x), unknown or not yet (...), not meaningful (/)
NO_VALUE_MARKERS = frozenset({".", "x", "X", "...", "…", "/"})

_YEAR = re.compile(r"([0-9]{4})")
_DAY = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")
_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_MONTH_OR_QUARTER = re.compile(r"[0-9]{4}-(?:[0-9]{1,2}|[Qq][1-4])")
_KEY = re.compile(r"[0-9]{1,12}|DG")
_UNDERLINE = re.compile(r"_{3,}")


def period_of_heading(text: str) -> str | None:
    """The period a column heading names, as ``parse_period`` reads it; ``None`` if it names none.

    ``2021`` and ``2021-Q1``/``2021-03`` stand for themselves; a reference date (``31.12.2021``, ``2021-12-31``)
    stands for its year when it is the 31 December and for its month otherwise.
    """
    raw = text.strip()
    if _YEAR.fullmatch(raw) or _MONTH_OR_QUARTER.fullmatch(raw):
        return raw
    if match := _DAY.fullmatch(raw):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO_DAY.fullmatch(raw):
        year, month, day = (int(part) for part in match.groups())
    else:
        return None
    try:
        datetime.date(year, month, day)
    except ValueError:
        return None
    return str(year) if (month, day) == (12, 31) else f"{year}-{month:02d}"


@dataclass(frozen=True)
class WideRow:
    """One area row: its line, the key and name as written, and ``(period, text)`` for every period column."""

    line: int
    key: str
    name: str
    cells: tuple[tuple[int, str, str], ...]  # (column number, period, text)
    stray: tuple[int, ...] = ()  # columns with a value but no period above it


@dataclass(frozen=True)
class WideTable:
    header_line: int
    periods: tuple[tuple[int, str], ...]  # (column number, period)
    rows: tuple[WideRow, ...]


def _header_periods(cells: Sequence[str]) -> list[tuple[int, str]] | None:
    """``(column, period)`` if the record is a period header: from the third cell on periods (or empty cells).

    The first two cells are empty or labels (``Gemeinden;;2021``), never an area key: a row of an area whose
    values happen to look like years stays a row.
    """
    if len(cells) < 3 or _KEY.fullmatch(cells[0]):
        return None
    periods = []
    for column, text in enumerate(cells[2:], start=3):
        if not text:
            continue
        period = period_of_heading(text)
        if period is None:
            return None
        periods.append((column, period))
    return periods or None


def looks_wide(records: Iterable[tuple[int, list[str]]]) -> bool:
    """Whether some record of the file is a period header (the sign of the GENESIS layout)."""
    return any(_header_periods(cells) for _line, cells in records)


def read_wide(records: Iterable[tuple[int, list[str]]], *, filename: str) -> WideTable:
    """The header, periods and area rows of a GENESIS-shaped table; ``ValueError`` if there are none."""
    header: tuple[int, list[tuple[int, str]]] | None = None
    rows: list[WideRow] = []
    for line, cells in records:
        first = cells[0] if cells else ""
        if rows:  # below the areas: area rows continue until the footer starts
            if _UNDERLINE.fullmatch(first) or not _has_values(cells, header):
                break
            rows.append(_row(line, cells, header))
            continue
        periods = _header_periods(cells)
        if periods:
            header = (line, periods)
            continue
        if header is not None and _KEY.fullmatch(first) and _has_values(cells, header):
            rows.append(_row(line, cells, header))
    if header is None:
        raise ValueError(
            _("%(filename)s: keine Kopfzeile mit Zeiträumen (z. B. „;;31.12.2021;31.12.2022“) gefunden")
            % {"filename": filename}
        )
    if not rows:
        raise ValueError(
            _(
                "%(filename)s, Zeile %(line)s: unter der Kopfzeile steht keine Zeile "
                "mit Gebietsschlüssel (AGS) und Werten"
            )
            % {"filename": filename, "line": header[0]}
        )
    duplicates = [period for position, (_c, period) in enumerate(header[1]) if period in _before(header[1], position)]
    if duplicates:
        raise ValueError(
            _("%(filename)s, Zeile %(line)s: Zeitraum doppelt: %(periods)s")
            % {"filename": filename, "line": header[0], "periods": ", ".join(duplicates)}
        )
    return WideTable(header_line=header[0], periods=tuple(header[1]), rows=tuple(rows))


def _before(periods: list[tuple[int, str]], position: int) -> set[str]:
    return {period for _column, period in periods[:position]}


def _has_values(cells: Sequence[str], header: tuple[int, list[tuple[int, str]]] | None) -> bool:
    if header is None:
        return False
    return any(column <= len(cells) and cells[column - 1] for column, _period in header[1])


def _row(line: int, cells: list[str], header: tuple[int, list[tuple[int, str]]] | None) -> WideRow:
    assert header is not None
    name = cells[1] if len(cells) > 1 else ""
    values = tuple((column, period, cells[column - 1] if column <= len(cells) else "") for column, period in header[1])
    periodic = {column for column, _period in header[1]}
    stray = tuple(column for column in range(3, len(cells) + 1) if cells[column - 1] and column not in periodic)
    return WideRow(line=line, key=cells[0] if cells else "", name=name, cells=values, stray=stray)
