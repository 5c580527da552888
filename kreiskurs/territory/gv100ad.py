"""Parser for the Destatis municipality directory GV100AD (fixed width).

Plain Python, no Django: it turns the lines of a file into typed records or
raises :class:`GV100ADError` naming the line and the field. Positions follow
the Destatis record description (1-based, inclusive) and count *characters*,
not bytes, because Sorbian names use letters outside Latin-1.

Keys: in record types 50 and 60 the 8-digit AGS stands in columns 11–18 and
the 4-digit association number (Verband) in columns 19–22, so
``ARS = AGS[0:5] + Verband + AGS[5:8]``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

RECORD_TYPES = {"10", "20", "30", "40", "50", "60"}


class GV100ADError(ValueError):
    """A malformed line: carries the 1-based line number and the field name."""

    def __init__(self, line_no: int, field: str, message: str) -> None:
        self.line_no = line_no
        self.field = field
        self.message = message
        super().__init__(f"Zeile {line_no}, Feld „{field}“: {message}")


@dataclass(frozen=True)
class Field:
    name: str
    start: int  # 1-based, inclusive
    end: int  # 1-based, inclusive

    def take(self, line: str) -> str:
        return line[self.start - 1 : self.end]

    @property
    def columns(self) -> str:
        return f"Spalten {self.start}–{self.end}"


RECORD_TYPE = Field("Satzart", 1, 2)
REFERENCE_DATE = Field("Gebietsstand", 3, 10)
LAND = Field("Land", 11, 12)
REGBEZ = Field("Regierungsbezirk", 11, 13)
DISTRICT_KEY = Field("Kreis", 11, 15)
AGS = Field("Gemeindeschlüssel", 11, 18)
ASSOCIATION = Field("Gemeindeverband", 19, 22)
NAME = Field("Name", 23, 72)
SEAT = Field("Sitz", 73, 122)
TYPE_CODE = Field("Textkennzeichen", 123, 124)
AREA = Field("Fläche (ha)", 129, 139)
POPULATION = Field("Bevölkerung", 140, 150)
POSTCODE = Field("Postleitzahl", 166, 170)

#: The last field each record type must contain; a shorter line is malformed.
REQUIRED_END = {"10": NAME, "20": NAME, "30": NAME, "40": TYPE_CODE, "50": TYPE_CODE, "60": POSTCODE}


@dataclass(frozen=True)
class LandRecord:
    line_no: int
    key: str
    name: str


@dataclass(frozen=True)
class DistrictRecord:
    line_no: int
    key: str
    name: str
    seat: str
    type_code: int
    reference_date: dt.date


@dataclass(frozen=True)
class AssociationRecord:
    line_no: int
    key: str  # 9 digits: district key + association number
    name: str
    seat: str
    type_code: int


@dataclass(frozen=True)
class MunicipalityRecord:
    line_no: int
    ags: str
    ars: str
    name: str
    type_code: int
    area_km2: Decimal
    population: int
    postcode: str
    reference_date: dt.date

    @property
    def district_key(self) -> str:
        return self.ags[:5]

    @property
    def association_key(self) -> str:
        return self.ars[:9]


Record = LandRecord | DistrictRecord | AssociationRecord | MunicipalityRecord


def _digits(line: str, line_no: int, field: Field, *, allow_blank: bool = False) -> str:
    raw = field.take(line)
    if allow_blank and not raw.strip():
        return ""
    if len(raw) != field.end - field.start + 1 or not raw.isascii() or not raw.isdigit():
        raise GV100ADError(line_no, field.name, f"„{raw}“ ist keine Zahl ({field.columns})")
    return raw


def _text(line: str, line_no: int, field: Field, *, required: bool = True) -> str:
    value = field.take(line).strip()
    if required and not value:
        raise GV100ADError(line_no, field.name, f"ist leer ({field.columns})")
    return value


def _date(line: str, line_no: int) -> dt.date:
    raw = _digits(line, line_no, REFERENCE_DATE)
    try:
        return dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:8]))
    except ValueError:
        raise GV100ADError(line_no, REFERENCE_DATE.name, f"„{raw}“ ist kein Datum JJJJMMTT") from None


def parse_line(line: str, line_no: int) -> Record | None:
    """Parse one line; Regierungsbezirk and Region records return ``None``."""
    line = line.rstrip("\r\n")
    kind = RECORD_TYPE.take(line)
    if kind not in RECORD_TYPES:
        raise GV100ADError(line_no, RECORD_TYPE.name, f"unbekannte Satzart „{kind}“ (erlaubt: 10, 20, 30, 40, 50, 60)")
    last = REQUIRED_END[kind]
    if len(line) < last.start:
        raise GV100ADError(
            line_no, last.name, f"Zeile zu kurz ({len(line)} Zeichen), das Feld beginnt in Spalte {last.start}"
        )
    line = line.ljust(last.end)
    if kind == "10":
        return LandRecord(line_no, _digits(line, line_no, LAND), _text(line, line_no, NAME))
    if kind in {"20", "30"}:
        _digits(line, line_no, REGBEZ)
        return None
    if kind == "40":
        return DistrictRecord(
            line_no,
            key=_digits(line, line_no, DISTRICT_KEY),
            name=_text(line, line_no, NAME),
            seat=_text(line, line_no, SEAT, required=False),
            type_code=int(_digits(line, line_no, TYPE_CODE)),
            reference_date=_date(line, line_no),
        )
    if kind == "50":
        return AssociationRecord(
            line_no,
            key=_digits(line, line_no, DISTRICT_KEY) + _digits(line, line_no, ASSOCIATION),
            name=_text(line, line_no, NAME),
            seat=_text(line, line_no, SEAT, required=False),
            type_code=int(_digits(line, line_no, TYPE_CODE)),
        )
    ags = _digits(line, line_no, AGS)
    association = _digits(line, line_no, ASSOCIATION)
    return MunicipalityRecord(
        line_no,
        ags=ags,
        ars=ags[:5] + association + ags[5:],
        name=_text(line, line_no, NAME),
        type_code=int(_digits(line, line_no, TYPE_CODE)),
        area_km2=Decimal(int(_digits(line, line_no, AREA))) / 100,
        population=int(_digits(line, line_no, POPULATION)),
        postcode=_digits(line, line_no, POSTCODE, allow_blank=True),
        reference_date=_date(line, line_no),
    )


def parse_lines(lines: Iterable[str]) -> Iterator[Record]:
    """Yield the records of a file's lines, skipping blank lines."""
    for line_no, line in enumerate(lines, start=1):
        if not line.strip(" \t\r\n\x1a"):  # blank, or the DOS end-of-file mark of old exports
            continue
        record = parse_line(line, line_no)
        if record is not None:
            yield record


def decode(data: bytes) -> str:
    """Decode a GV100AD file: UTF-8 (with or without BOM), else Windows-1252.

    Windows-1252 is a superset of the printable Latin-1 range, so a Latin-1
    file decodes the same way.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:  # bytes cp1252 leaves undefined: plain Latin-1
            return data.decode("latin-1")
