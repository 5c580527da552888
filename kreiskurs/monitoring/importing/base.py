"""What every import shares: limits, the error list, the plan and summary, reading and numbers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Any, Protocol

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kreiskurs.numbers import GERMAN, NumberFormat, NumberFormatConflict, Witness, decide_format, parse_number
from kreiskurs.tabular import (
    MAX_COLUMNS,
    MAX_ROWS,
    NumberText,
    Row,
    TableError,
    csv_delimiter,
    read_records,
    table_rows,
)
from kreiskurs.uploads import max_upload_bytes

from .. import layouts
from ..models import Indicator

INDICATOR_COLUMNS = (
    "code",
    "name",
    "unit",
    "direction",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "level",
    "scope",
    "source",
    "description",
)
MEASUREMENT_COLUMNS = ("indicator_code", "ags", "period", "value", "source", "note")
#: a report shows at most this many errors, then how many more there are
MAX_ERRORS = 100
#: and each error in at most this many characters
MAX_MESSAGE = 500
_STEP = Decimal("0.0001")  # the stored precision (decimal_places=4)
_LIMIT = Decimal(10) ** 14  # max_digits=18 with 4 decimals


def too_large_message(size: int | None = None) -> str:
    """The message for a file over the limit; ``size`` where it is known (an upload is cut off at the limit)."""
    limit = filesizeformat(max_upload_bytes())
    if size is None:
        return _("Die Datei ist größer als erlaubt: höchstens %(limit)s.") % {"limit": limit}
    return _("Die Datei ist %(size)s groß; erlaubt sind höchstens %(limit)s.") % {
        "size": filesizeformat(size),
        "limit": limit,
    }


class ErrorList:
    """The errors of one file: the first :data:`MAX_ERRORS` kept, all counted."""

    def __init__(self) -> None:
        self.shown: list[tuple[int | None, str]] = []
        self.total = 0

    def add(self, line: int | None, message: str) -> None:
        self.total += 1
        if len(self.shown) < MAX_ERRORS:
            # a message quotes the bad value; a value of a megabyte must not make a megabyte page
            self.shown.append((line, message if len(message) <= MAX_MESSAGE else message[:MAX_MESSAGE] + " …"))

    def __bool__(self) -> bool:
        return self.total > 0


@dataclass
class ImportRejected(Exception):
    """The file was refused; ``errors`` are (line, message) for the first bad rows, ``total`` counts all."""

    filename: str
    errors: list[tuple[int | None, str]] = field(default_factory=list)
    total: int = 0

    def __post_init__(self) -> None:
        self.total = max(self.total, len(self.errors))

    @property
    def more(self) -> int:
        return self.total - len(self.errors)

    def __str__(self) -> str:
        lines = [_("%(file)s: %(n)d Fehler, nichts wurde importiert.") % {"file": self.filename, "n": self.total}]
        lines += [
            "  " + (_("Zeile %(line)d: %(msg)s") % {"line": line, "msg": msg} if line else msg)
            for line, msg in self.errors
        ]
        if self.more:
            lines.append("  " + _("… und %(n)d weitere Fehler") % {"n": self.more})
        return "\n".join(lines)


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    markers: Counter[str] = field(default_factory=Counter)
    other_areas: int = 0

    @property
    def marker_list(self) -> list[tuple[str, int]]:
        """``(marker, count)``, most frequent first (templates cannot call ``Counter.most_common``)."""
        return self.markers.most_common()

    def __str__(self) -> str:
        text = _("%(created)d neu, %(updated)d aktualisiert, %(unchanged)d unverändert") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
        if self.markers:
            text += "; " + _("ohne Wert übersprungen: %(markers)s") % {"markers": marker_counts(self.markers)}
        if self.other_areas:
            text += "; " + ngettext(
                "%(n)d Zeile anderer Gebiete übersprungen",
                "%(n)d Zeilen anderer Gebiete übersprungen",
                self.other_areas,
            ) % {"n": self.other_areas}
        return text


def marker_counts(markers: Counter[str]) -> str:
    """``2 × „.“, 1 × „x“`` (most frequent first)."""
    return ", ".join(f"{count} × „{marker}“" for marker, count in markers.most_common())


class Progress(Protocol):
    def __call__(self, stage: str, done: int = 0, total: int = 0) -> None: ...


#: progress is reported every this many rows
PROGRESS_STEP = 200


@dataclass
class ImportPlan:
    """A checked file: what an import would write, what it skips, and every error."""

    filename: str
    layout: str = "table"  # "table" (one row per value) or "genesis" (Regionalstatistik, one column per period)
    number_format: NumberFormat | None = None
    indicator: Indicator | None = None
    summary: ImportSummary = field(default_factory=ImportSummary)
    errors: ErrorList = field(default_factory=ErrorList)
    create: list[Any] = field(default_factory=list)
    update: list[Any] = field(default_factory=list)
    values: list[Any] = field(default_factory=list)
    progress: Progress | None = None

    def report(self, done: int, total: int) -> None:
        """Tell ``progress`` how many rows are checked (every :data:`PROGRESS_STEP` rows and at the end)."""
        if self.progress is not None and (done % PROGRESS_STEP == 0 or done == total):
            self.progress(_("Datei prüfen"), done, total)

    def rejected(self) -> ImportRejected:
        return ImportRejected(self.filename, list(self.errors.shown), self.errors.total)


# --- reading ---------------------------------------------------------------------------------


def _records(data: bytes, filename: str) -> list[tuple[int, list[str]]]:
    if len(data) > max_upload_bytes():
        raise ImportRejected(filename, [(None, too_large_message(len(data)))])
    try:
        return list(
            read_records(
                data,
                filename=filename,
                max_rows=int(getattr(settings, "KREISKURS_IMPORT_MAX_ROWS", MAX_ROWS)),
                max_columns=int(getattr(settings, "KREISKURS_IMPORT_MAX_COLUMNS", MAX_COLUMNS)),
            )
        )
    except TableError as exc:
        raise ImportRejected(filename, [(None, str(exc))]) from None


def _table(
    records: list[tuple[int, list[str]]], filename: str, required: tuple[str, ...], optional: tuple[str, ...]
) -> list[Row]:
    try:
        return table_rows(records, filename=filename, required=required, optional=optional)
    except TableError as exc:
        raise ImportRejected(filename, [(None, str(exc))]) from None


def _decide(witnesses: Iterable[Witness], hint: NumberFormat | None, filename: str) -> NumberFormat | None:
    """The file's number format; a file mixing both is refused at once (every value would be in doubt)."""
    try:
        return decide_format(
            (w for w in witnesses if w.text and not isinstance(w.text, NumberText) and not _marker(w.text)),
            hint=hint,
        )
    except NumberFormatConflict as exc:
        raise ImportRejected(filename, [(None, str(exc))]) from None


def _marker(text: str) -> bool:
    return text in layouts.ZERO_MARKERS or text in layouts.NO_VALUE_MARKERS


def _number(text: str, number_format: NumberFormat | None) -> Decimal:
    """A value in the file's format (XLSX number cells as they are), rounded to the stored precision."""
    try:
        value = Decimal(text) if isinstance(text, NumberText) else parse_number(text, number_format)
    except InvalidOperation:
        raise ValueError(_("„%(text)s“ ist keine Zahl") % {"text": text}) from None
    if not value.is_finite():
        raise ValueError(_("„%(text)s“ ist keine Zahl") % {"text": text})
    if abs(value) >= _LIMIT:
        raise ValueError(_("„%(text)s“ ist zu groß (höchstens 14 Stellen vor dem Komma)") % {"text": text})
    return value.quantize(_STEP, rounding=ROUND_HALF_EVEN)


def _hint(data: bytes, filename: str) -> NumberFormat | None:
    """German Excel writes CSV with semicolons because the comma is its decimal separator."""
    return GERMAN if csv_delimiter(data, filename) == ";" else None
