"""Parser for the Destatis municipality directory GV100AD (fixed width).

Plain Python, no Django: it turns the lines of a file into typed records and
a list of :class:`GV100ADError` (every malformed line, not just the first).
Positions follow the Destatis record description (1-based, inclusive) and
count *characters*, not bytes, because Sorbian names use letters outside
Latin-1.

Keys: in record types 50 and 60 the 8-digit AGS stands in columns 11–18 and
the 4-digit association number (Verband) in columns 19–22, so
``ARS = AGS[0:5] + Verband + AGS[5:8]``.

Record length: every record type is exactly 220 characters long
(:data:`RECORD_LENGTHS`; the published file pads each record with blanks).
A line of any other length is refused: a character lost or added in the
middle shifts every later field, and blank padding cannot tell that apart
from blanks an editor stripped (see ``docs/territory.md``).

Messages are German templates with ``%(name)s`` parameters, marked with
:func:`gettext_noop`; the importer translates them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


def gettext_noop(message: str) -> str:
    """Mark a message for translation without translating it (no Django here)."""
    return message


#: Record length in characters per record type (Destatis layout of GV100AD:
#: one fixed length for all types; checked against the 2023 file).
RECORD_LENGTHS = {"10": 220, "20": 220, "30": 220, "40": 220, "50": 220, "60": 220}
RECORD_TYPES = set(RECORD_LENGTHS)

#: Gemeindetyp (Textkennzeichen of record type 60) of gemeindefreie Gebiete:
#: 65 inhabited, 66 uninhabited. They are areas, not municipalities.
UNINCORPORATED_TYPES = frozenset({65, 66})


class GV100ADError(ValueError):
    """A malformed line: line number, record type, field and what is wrong.

    ``key`` holds the leading digits of the record's key as far as they can be
    read (Land, Regierungsbezirk or Kreis); an import restricted to some
    districts ignores errors whose key belongs to other districts. An empty
    key means the error may touch any district.
    """

    def __init__(
        self,
        line_no: int,
        field: str,
        message: str,
        params: dict[str, Any] | None = None,
        *,
        kind: str = "",
        key: str = "",
    ) -> None:
        self.line_no = line_no
        self.field = field
        self.template = message
        self.params = params or {}
        self.kind = kind
        self.key = key
        super().__init__(self.render())

    @property
    def message(self) -> str:
        return self.template % self.params if self.params else self.template

    def render(self, translate: Any = None) -> str:
        """One line naming line, record type, field and the fault (German unless ``translate``)."""
        t = translate or (lambda s: s)
        params = {
            "line": self.line_no,
            "kind": self.kind or "?",
            "field": t(self.field),
            "message": t(self.template) % self.params if self.params else t(self.template),
        }
        return t("Zeile %(line)s, Satzart %(kind)s, Feld „%(field)s“: %(message)s") % params

    def touches(self, district_key: str) -> bool:
        """Whether this error can concern the district with this key."""
        return district_key.startswith(self.key[:5])


@dataclass(frozen=True)
class Field:
    name: str
    start: int  # 1-based, inclusive
    end: int  # 1-based, inclusive

    def take(self, line: str) -> str:
        return line[self.start - 1 : self.end]

    @property
    def width(self) -> int:
        return self.end - self.start + 1


RECORD_TYPE = Field(gettext_noop("Satzart"), 1, 2)
REFERENCE_DATE = Field(gettext_noop("Gebietsstand"), 3, 10)
LAND = Field(gettext_noop("Land"), 11, 12)
REGBEZ = Field(gettext_noop("Regierungsbezirk"), 11, 13)
DISTRICT_KEY = Field(gettext_noop("Kreis"), 11, 15)
AGS = Field(gettext_noop("Gemeindeschlüssel"), 11, 18)
ASSOCIATION = Field(gettext_noop("Gemeindeverband"), 19, 22)
NAME = Field(gettext_noop("Name"), 23, 72)
SEAT = Field(gettext_noop("Sitz"), 73, 122)
TYPE_CODE = Field(gettext_noop("Textkennzeichen"), 123, 124)
AREA = Field(gettext_noop("Fläche (ha)"), 129, 139)
POPULATION = Field(gettext_noop("Bevölkerung"), 140, 150)
POSTCODE = Field(gettext_noop("Postleitzahl"), 166, 170)
LENGTH = gettext_noop("Satzlänge")


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

    @property
    def district_key(self) -> str:
        return self.key[:5]


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

    @property
    def is_unincorporated(self) -> bool:
        """A gemeindefreies Gebiet (Gemeindetyp 65 or 66), not a municipality."""
        return self.type_code in UNINCORPORATED_TYPES


Record = LandRecord | DistrictRecord | AssociationRecord | MunicipalityRecord


def is_outside_districts_key(district_key: str, ags: str = "") -> bool:
    """Keys Destatis gives to areas that belong to no Kreis.

    The Land-level areas have the Kreis digits ``000`` (``07000999``
    Gemeinsames deutsch-luxemburgisches Hoheitsgebiet, ``13000999``
    Küstengewässer); areas numbered ``999`` (an earlier ``03901999``
    Küstengewässer) are the same kind. Any other record without its Kreis
    is a broken file.
    """
    return district_key[2:5] == "000" or (len(ags) == 8 and ags[5:] == "999")


class _LineParser:
    """Reads the fields of one line, collecting every fault instead of stopping."""

    def __init__(self, line: str, line_no: int, kind: str) -> None:
        self.line = line
        self.line_no = line_no
        self.kind = kind
        self.errors: list[GV100ADError] = []

    def fail(self, field: Field, message: str, params: dict[str, Any]) -> None:
        key = _readable_key(self.line)
        self.errors.append(GV100ADError(self.line_no, field.name, message, params, kind=self.kind, key=key))

    def digits(self, field: Field, *, allow_blank: bool = False) -> str:
        raw = field.take(self.line)
        if allow_blank and not raw.strip():
            return ""
        if not raw.isascii() or not raw.isdigit():
            self.fail(
                field,
                gettext_noop("„%(value)s“ ist keine Zahl (Spalten %(start)s–%(end)s)"),
                {"value": raw, "start": field.start, "end": field.end},
            )
            return "0" * field.width
        return raw

    def text(self, field: Field, *, required: bool = True) -> str:
        value = field.take(self.line).strip()
        if required and not value:
            self.fail(
                field, gettext_noop("ist leer (Spalten %(start)s–%(end)s)"), {"start": field.start, "end": field.end}
            )
        return value

    def date(self) -> dt.date:
        raw = self.digits(REFERENCE_DATE)
        try:
            return dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:8]))
        except ValueError:
            if raw != "0" * REFERENCE_DATE.width:  # not already reported as not a number
                self.fail(REFERENCE_DATE, gettext_noop("„%(value)s“ ist kein Datum JJJJMMTT"), {"value": raw})
            return dt.date(1, 1, 1)


def _readable_key(line: str) -> str:
    """The leading digits of columns 11–15 (Land, Regierungsbezirk, Kreis)."""
    raw = DISTRICT_KEY.take(line)
    n = 0
    while n < len(raw) and raw[n].isascii() and raw[n].isdigit():
        n += 1
    return raw[:n]


def _length_error(line: str, line_no: int, kind: str, key: str) -> GV100ADError:
    expected = RECORD_LENGTHS[kind]
    actual = len(line)
    params: dict[str, Any] = {"kind": kind, "expected": expected, "actual": actual}
    if actual > expected:
        extra = line[expected:]
        if extra.strip():
            params["extra"] = extra.strip()[:40]
            message = gettext_noop(
                "Satzart %(kind)s hat %(expected)s Zeichen, die Zeile %(actual)s; "
                "nach Spalte %(expected)s steht noch „%(extra)s“"
            )
        else:
            message = gettext_noop(
                "Satzart %(kind)s hat %(expected)s Zeichen, die Zeile %(actual)s "
                "(ein Zeichen zu viel verschiebt alle folgenden Felder)"
            )
    elif not line.endswith(" "):
        message = gettext_noop(
            "Satzart %(kind)s hat %(expected)s Zeichen, die Zeile nur %(actual)s "
            "(Leerzeichen am Zeilenende entfernt? Bitte die Datei unverändert verwenden)"
        )
    else:
        message = gettext_noop(
            "Satzart %(kind)s hat %(expected)s Zeichen, die Zeile nur %(actual)s "
            "(ein fehlendes Zeichen verschiebt alle folgenden Felder)"
        )
    return GV100ADError(line_no, LENGTH, message, params, kind=kind, key=key)


def parse_line(line: str, line_no: int) -> tuple[Record | None, list[GV100ADError]]:
    """Parse one line (without its line break).

    Returns the record (``None`` for Regierungsbezirk and Region records and
    for a malformed line) and the faults found in the line.
    """
    kind = line[:2]
    if kind not in RECORD_TYPES:
        error = GV100ADError(
            line_no,
            RECORD_TYPE.name,
            gettext_noop("unbekannte Satzart „%(kind)s“ (erlaubt: 10, 20, 30, 40, 50, 60)"),
            {"kind": kind},
            kind=kind,
            key=_readable_key(line),
        )
        return None, [error]
    if len(line) != RECORD_LENGTHS[kind]:
        return None, [_length_error(line, line_no, kind, _readable_key(line))]
    p = _LineParser(line, line_no, kind)
    record: Record | None = None
    if kind == "10":
        record = LandRecord(line_no, p.digits(LAND), p.text(NAME))
    elif kind in {"20", "30"}:
        p.digits(REGBEZ)
    elif kind == "40":
        record = DistrictRecord(
            line_no,
            key=p.digits(DISTRICT_KEY),
            name=p.text(NAME),
            seat=p.text(SEAT, required=False),
            type_code=int(p.digits(TYPE_CODE)),
            reference_date=p.date(),
        )
    elif kind == "50":
        record = AssociationRecord(
            line_no,
            key=p.digits(DISTRICT_KEY) + p.digits(ASSOCIATION),
            name=p.text(NAME),
            seat=p.text(SEAT, required=False),
            type_code=int(p.digits(TYPE_CODE)),
        )
    else:
        ags = p.digits(AGS)
        association = p.digits(ASSOCIATION)
        record = MunicipalityRecord(
            line_no,
            ags=ags,
            ars=ags[:5] + association + ags[5:],
            name=p.text(NAME),
            type_code=int(p.digits(TYPE_CODE)),
            area_km2=Decimal(int(p.digits(AREA))) / 100,
            population=int(p.digits(POPULATION)),
            postcode=p.digits(POSTCODE, allow_blank=True),
            reference_date=p.date(),
        )
    if p.errors:
        return None, p.errors
    return record, []


def parse_lines(lines: Iterable[str]) -> tuple[list[Record], list[GV100ADError]]:
    """Parse a file's lines (line breaks removed), skipping blank lines.

    Returns all well-formed records and every fault of the malformed lines.
    """
    records: list[Record] = []
    errors: list[GV100ADError] = []
    for line_no, line in enumerate(lines, start=1):
        if not line.strip(" \t\r\n\x1a"):  # blank, or the DOS end-of-file mark of old exports
            continue
        record, faults = parse_line(line, line_no)
        if faults:
            errors.extend(faults)
        elif record is not None:
            records.append(record)
    return records, errors


def decode(data: bytes) -> tuple[str, str]:
    """Decode a GV100AD file: UTF-8 (with or without BOM), else Windows-1252.

    Returns the text and the encoding used. Windows-1252 is a superset of the
    printable Latin-1 range, so a Latin-1 file decodes the same way.
    """
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:  # bytes cp1252 leaves undefined: plain Latin-1
            return data.decode("latin-1"), "latin-1"
