"""Numbers and dates as people type them in German and international spreadsheets."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from kreiskurs.i18n import gettext as _

_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})
_GROUPED = {sep: re.compile(r"[0-9]{1,3}(?:" + re.escape(sep) + r"[0-9]{3})+") for sep in (".", ",", " ")}
_DIGITS = re.compile(r"[0-9]*")
_FRACTION = re.compile(r"[0-9]+")


def parse_decimal(text: str) -> Decimal:
    """A number as people type it: ``12``, ``-3``, ``12.5``, ``12,5``, ``1.234,5``, ``1,234.5``, ``1 234,5``.

    If both ``.`` and ``,`` occur, the last one is the decimal separator and the other one groups thousands. A
    single ``,`` or ``.`` is a decimal separator; if it occurs several times it groups thousands (``1.234.567``).
    Spaces also group thousands. Thousands groups must have three digits. Anything else raises ``ValueError``.
    """
    raw = text.strip()
    error = ValueError(_("„%(raw)s“ ist keine Zahl") % {"raw": raw})
    body = raw.translate(_SPACES)
    sign = ""
    if body and body[0] in "+-":
        sign, body = ("-" if body[0] == "-" else ""), body[1:]
    if not body:
        raise error
    decimal_sep: str | None = None
    thousands_sep: str | None = None
    if "." in body and "," in body:
        decimal_sep = "." if body.rfind(".") > body.rfind(",") else ","
        thousands_sep = "," if decimal_sep == "." else "."
    elif "," in body or "." in body:
        sep = "," if "," in body else "."
        if body.count(sep) > 1:
            thousands_sep = sep
        else:
            decimal_sep = sep
    if " " in body:
        if thousands_sep is not None:
            raise error
        thousands_sep = " "
    if decimal_sep is not None:
        if body.count(decimal_sep) != 1:
            raise error
        integer, fraction = body.split(decimal_sep)
        if not _FRACTION.fullmatch(fraction):
            raise error
    else:
        integer, fraction = body, ""
    if thousands_sep is not None:
        if not _GROUPED[thousands_sep].fullmatch(integer):
            raise error
        integer = integer.replace(thousands_sep, "")
    elif not _DIGITS.fullmatch(integer) or not (integer or fraction):
        raise error
    return Decimal(f"{sign}{integer or '0'}.{fraction}" if fraction else f"{sign}{integer}")


_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_GERMAN_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")


def parse_date(text: str) -> datetime.date:
    """A date as ``2024-03-31`` (ISO) or ``31.03.2024`` / ``1.3.2024`` (German); otherwise ``ValueError``."""
    raw = text.strip()
    if match := _ISO_DATE.fullmatch(raw):
        year, month, day = (int(part) for part in match.groups())
    elif match := _GERMAN_DATE.fullmatch(raw):
        day, month, year = (int(part) for part in match.groups())
    else:
        raise ValueError(_("„%(raw)s“ ist kein Datum (JJJJ-MM-TT oder TT.MM.JJJJ)") % {"raw": raw})
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(_("„%(raw)s“ ist kein Datum (JJJJ-MM-TT oder TT.MM.JJJJ)") % {"raw": raw}) from None
