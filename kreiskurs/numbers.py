"""The number format of a whole file: decimal comma (German) or decimal point (international).

German files write ``1.234,5``, international ones ``1,234.5``. Many single values fit both: ``15.822`` is
fifteen thousand eight hundred twenty-two in a German file and fifteen point eight two two in an international
one. Reading each value on its own (as :func:`kreiskurs.tabular.parse_decimal` does) silently takes the wrong
one, so an importer decides the format once for the whole file:

1. Every value that can be read only one way is *evidence*: ``12,5``, ``0,822``, ``1.234,5`` and ``1.234.567``
   are German; ``12.5``, ``1,234.5`` and ``1,234,567`` are international. A value with exactly one separator
   followed by exactly three digits (``15.822``, ``1,500``) and not starting with ``0`` is *ambiguous*.
2. Evidence of both formats in one file is refused, naming a value of each.
3. Without evidence, a ``hint`` decides (the caller's knowledge of the file: a semicolon-separated CSV as
   German Excel writes it, a Regionalstatistik export). Without a hint, every ambiguous value is refused
   naming line, column and both readings; values without separators (``15822``) are always fine.

Spaces (also no-break and thin spaces) group thousands in either format. Plain Python, no Django.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from kreiskurs.i18n import gettext as _

__all__ = [
    "GERMAN",
    "INTERNATIONAL",
    "NumberFormat",
    "NumberFormatConflict",
    "Witness",
    "decide_format",
    "evidence",
    "parse_number",
]


@dataclass(frozen=True)
class NumberFormat:
    """How a file writes numbers: ``decimal`` is ``","`` or ``"."``; the other one groups thousands."""

    decimal: str

    @property
    def thousands(self) -> str:
        return "." if self.decimal == "," else ","

    @property
    def label(self) -> str:
        return _("Dezimalkomma (1.234,5)") if self.decimal == "," else _("Dezimalpunkt (1,234.5)")


GERMAN = NumberFormat(",")
INTERNATIONAL = NumberFormat(".")

_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})
_AMBIGUOUS = re.compile(r"[1-9][0-9]{0,2}[.,][0-9]{3}")


@dataclass(frozen=True)
class Witness:
    """Where a value was found (for messages): ``place`` such as ``"Zeile 4, Spalte value"``, and its text."""

    place: str
    text: str


class NumberFormatConflict(ValueError):
    """The file uses both formats; the message names one value of each."""

    def __init__(self, german: Witness, international: Witness) -> None:
        super().__init__(
            _(
                "Zahlenformat uneinheitlich: %(german_place)s „%(german)s“ hat ein Dezimalkomma, "
                "%(international_place)s „%(international)s“ einen Dezimalpunkt – bitte ein Format für die "
                "ganze Datei verwenden"
            )
            % {
                "german_place": german.place,
                "german": _short(german.text),
                "international_place": international.place,
                "international": _short(international.text),
            }
        )
        self.german, self.international = german, international


def _short(text: str) -> str:
    """A value as messages quote it: at most 40 characters."""
    return text if len(text) <= 40 else text[:40] + "…"


def _body(text: str) -> tuple[str, str]:
    """``(sign, digits and separators)`` of a value, spaces kept as thousands separators."""
    body = text.strip().translate(_SPACES)
    if body[:1] in ("+", "-"):
        return ("-" if body[0] == "-" else ""), body[1:]
    return "", body


def evidence(text: str) -> NumberFormat | None:
    """The format a value proves, or ``None`` (no separator, ambiguous, or not a number at all)."""
    _sign, body = _body(text)
    body = body.replace(" ", "")
    has_dot, has_comma = "." in body, "," in body
    if not (has_dot or has_comma) or _AMBIGUOUS.fullmatch(body):
        return None
    for candidate in (GERMAN, INTERNATIONAL):
        if _read(body, candidate) is not None:
            return candidate
    return None


def decide_format(values: Iterable[Witness], *, hint: NumberFormat | None = None) -> NumberFormat | None:
    """The format of a file from all its values (see the module docstring); ``None`` if nothing decides it.

    Raises :class:`NumberFormatConflict` if the values prove both formats.
    """
    found: dict[NumberFormat, Witness] = {}
    for witness in values:
        proven = evidence(witness.text)
        if proven is not None and proven not in found:
            found[proven] = witness
            if len(found) == 2:
                raise NumberFormatConflict(found[GERMAN], found[INTERNATIONAL])
    if found:
        return next(iter(found))
    return hint


def parse_number(text: str, number_format: NumberFormat | None) -> Decimal:
    """A value read in the file's format; ``ValueError`` with a German message otherwise.

    With ``number_format=None`` (the file did not decide), values without separators and values that can be read
    only one way are accepted; an ambiguous value is refused naming both readings.
    """
    raw = _short(text.strip())
    sign, body = _body(text)
    if number_format is None:
        compact = body.replace(" ", "")
        if _AMBIGUOUS.fullmatch(compact):
            german, international = _read(body, GERMAN), _read(body, INTERNATIONAL)
            raise ValueError(
                _(
                    "„%(raw)s“ ist mehrdeutig: %(german)s (Tausenderpunkt, deutsches "
                    "Format) oder %(international)s (Dezimalpunkt) – die Datei enthält keinen "
                    "Wert, der das Zahlenformat festlegt; bitte ohne Tausendertrennzeichen "
                    "schreiben"
                )
                % {"raw": raw, "german": _plain(sign, german), "international": _plain(sign, international)}
                if "." in compact
                else _(
                    "„%(raw)s“ ist mehrdeutig: %(german)s (Dezimalkomma, deutsches Format) "
                    "oder %(international)s (Tausenderkomma) – die Datei enthält keinen Wert, der "
                    "das Zahlenformat festlegt; bitte ohne Tausendertrennzeichen schreiben"
                )
                % {"raw": raw, "german": _plain(sign, german), "international": _plain(sign, international)}
            )
        number_format = evidence(body) or GERMAN  # no separator: both formats read it alike
    value = _read(body, number_format)
    if value is None:
        if evidence(body) not in (None, number_format):
            raise ValueError(
                _("„%(raw)s“ passt nicht zum Zahlenformat der Datei (%(label)s)")
                % {"raw": raw, "label": number_format.label}
            )
        raise ValueError(_("„%(raw)s“ ist keine Zahl") % {"raw": raw})
    return -value if sign == "-" else value


def _plain(sign: str, value: Decimal | None) -> str:
    """A reading as a German would read it in the message (``15822`` or ``15,822``)."""
    text = format(value, "f") if value is not None else "?"
    return sign + text.replace(".", ",")


#: thousands groups; the first group never starts with 0 (``0.822`` is a decimal, not 822)
_GROUPS = {sep: re.compile(r"[1-9][0-9]{0,2}(?:" + re.escape(sep) + r"[0-9]{3})+") for sep in (".", ",", " ")}
_DIGITS = re.compile(r"[0-9]+")


def _read(body: str, number_format: NumberFormat) -> Decimal | None:
    """The unsigned value of ``body`` in one format, or ``None`` if it is not written that way."""
    if not body or body.count(number_format.decimal) > 1:
        return None
    integer, _sep, fraction = body.partition(number_format.decimal)
    if _sep and not _DIGITS.fullmatch(fraction):
        return None
    if not integer:
        return Decimal(f"0.{fraction}") if fraction else None
    thousands = number_format.thousands
    if thousands in integer and " " in integer:
        return None
    for sep in (thousands, " "):
        if sep in integer:
            if not _GROUPS[sep].fullmatch(integer):
                return None
            integer = integer.replace(sep, "")
    if not _DIGITS.fullmatch(integer):
        return None
    return Decimal(f"{integer}.{fraction}" if fraction else integer)
