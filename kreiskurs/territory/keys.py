"""Official territorial keys as files hold them: one normaliser for every importer (plain Python).

A spreadsheet that took an AGS for a number dropped the leading zero of the Länder 01–09: ``05558004`` became
``5558004`` (JSON numbers and XLSX number cells do the same, sometimes with ``.0``). Such a key is one digit
short and starts with 1–9; putting the zero back is the only reading, so it is repaired. Any other length is
refused, never guessed.
"""

from __future__ import annotations

import math
from decimal import Decimal

from kreiskurs.i18n import gettext as _

__all__ = ["AGS_LENGTH", "ARS_LENGTH", "DISTRICT_KEY_LENGTH", "ars_to_ags", "normalize_ags", "normalize_key"]

DISTRICT_KEY_LENGTH = 5
AGS_LENGTH = 8
ARS_LENGTH = 12


def normalize_key(value: object, *, length: int) -> str:
    """A key of ``length`` digits (5 district, 8 AGS, 9 association, 12 ARS) from text or a number.

    Surrounding spaces go; a whole number written as ``5558004.0`` is read as ``5558004``; a key one digit short
    gets its leading zero back. ``ValueError`` (German message) for anything else.
    """
    digits = _digits(value)
    if len(digits) == length - 1 and digits[:1] != "0":
        digits = "0" + digits
    if len(digits) != length:
        raise ValueError(
            _("„%(digits)s“ hat %(count)s statt %(length)s Ziffern")
            % {"digits": digits[:40], "count": len(digits), "length": length}
        )
    return digits


def normalize_ags(value: object) -> str:
    """An 8-digit AGS from an AGS (also without its leading zero) or a 12-digit ARS (also without it)."""
    digits = _digits(value)
    if len(digits) in (ARS_LENGTH - 1, ARS_LENGTH):
        return ars_to_ags(normalize_key(digits, length=ARS_LENGTH))
    if len(digits) in (AGS_LENGTH - 1, AGS_LENGTH):
        return normalize_key(digits, length=AGS_LENGTH)
    raise ValueError(
        _("„%(digits)s“ ist weder ein AGS (8 Ziffern) noch ein ARS (12 Ziffern)") % {"digits": digits[:40]}
    )


def ars_to_ags(ars: str) -> str:
    """The AGS of a 12-digit ARS: Land, Regierungsbezirk and Kreis, then the Gemeinde."""
    if len(ars) != ARS_LENGTH or not ars.isascii() or not ars.isdigit():
        raise ValueError(_("„%(ars)s“ ist kein ARS (12 Ziffern)") % {"ars": ars[:40]})
    return ars[:5] + ars[9:]


def _digits(value: object) -> str:
    """The ASCII digits of a key given as text, int or integral float; ``ValueError`` otherwise."""
    if isinstance(value, bool) or value is None:
        raise ValueError(_("„%(value)s“ ist kein Gebietsschlüssel") % {"value": value})
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        if not value.is_finite() if isinstance(value, Decimal) else not math.isfinite(value):
            raise ValueError(_("„%(value)s“ ist kein Gebietsschlüssel") % {"value": value})
        if value != int(value):
            raise ValueError(_("„%(value)s“ ist kein Gebietsschlüssel") % {"value": value})
        return str(int(value))
    if not isinstance(value, str):
        raise ValueError(_("„%(value)s“ ist kein Gebietsschlüssel") % {"value": str(value)[:40]})
    text = value.strip()
    if text.endswith(".0") and text[:-2].isascii() and text[:-2].isdigit():
        text = text[:-2]
    if not text or not text.isascii() or not text.isdigit():
        raise ValueError(_("„%(text)s“ ist kein Gebietsschlüssel (nur Ziffern erlaubt)") % {"text": text[:40]})
    return text
