"""Numbers in charts: German notation, units, round tick values."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, localcontext

from kreiskurs.i18n import gettext as _

Number = float | Decimal

_MAX_AUTO_DECIMALS = 6


def format_number(value: Number, *, decimals: int | None = None) -> str:
    """A number in German notation: decimal comma, thousands dot, no trailing zeros (``1234.5`` → ``"1.234,5"``).

    Values are rounded half-up to ``decimals`` places; without ``decimals``, to two places, or to three significant
    digits for values between -1 and 1 (``0.00345`` → ``"0,00345"``), at most six places. Floats are taken by their
    shortest representation, so binary noise (``0.1 + 0.2``) disappears. Non-finite values raise ``ValueError``.
    """
    number = _to_decimal(value)
    if decimals is None:
        decimals = _auto_decimals(number)
    with localcontext() as context:
        context.prec = max(28, number.adjusted() + decimals + 4)
        rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded.is_zero():
        rounded = Decimal(0)
    text = format(rounded, "f")
    sign = "-" if text.startswith("-") else ""
    integer, _dot, fraction = text.lstrip("-").partition(".")
    fraction = fraction.rstrip("0")
    grouped = f"{int(integer):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def _to_decimal(value: Number) -> Decimal:
    """A finite value as a Decimal (floats by their shortest representation)."""
    number = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    if not number.is_finite():
        raise ValueError(_("„%(value)s“ ist keine endliche Zahl") % {"value": value})
    return number


def _auto_decimals(number: Decimal) -> int:
    """Two decimal places, or three significant digits for small values."""
    if number.is_zero() or abs(number) >= 1:
        return 2
    return min(_MAX_AUTO_DECIMALS, 2 - number.adjusted())


def _finite(value: Number, label: str) -> float:
    """A value as float; non-finite values are rejected with a German message."""
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(_("Der Wert für „%(label)s“ ist keine endliche Zahl") % {"label": label})
    return number


def _with_unit(text: str, unit: str) -> str:
    """A formatted number followed by its unit, if any (``"30 %"``)."""
    return f"{text} {unit}" if unit else text


def _nice_ticks(low: float, high: float) -> tuple[list[Decimal], int]:
    """4–6 evenly spaced round tick values covering ``low``–``high`` and the decimal places they need.

    Steps are 1, 2, 2.5 or 5 times a power of ten; among the steps giving 4–6 ticks, the one whose tick range
    wastes the least space wins (ties: the larger step).
    """
    span = high - low
    base = math.floor(math.log10(span / 5))
    best: tuple[float, float, list[Decimal], int] | None = None
    for exponent in range(base - 1, base + 3):
        for mantissa, extra_place in ((Decimal(1), 0), (Decimal(2), 0), (Decimal("2.5"), 1), (Decimal(5), 0)):
            step = mantissa.scaleb(exponent)
            size = float(step)
            first = math.floor(low / size + 1e-9)
            last = math.ceil(high / size - 1e-9)
            count = last - first + 1
            if not 4 <= count <= 6:
                continue
            waste = (last - first) * size - span
            candidate = (waste, -size, [step * k for k in range(first, last + 1)], max(0, extra_place - exponent))
            if best is None or candidate[:2] < best[:2]:
                best = candidate
    if best is None:  # not reachable for finite spans; kept as a safe fallback
        ticks = [_to_decimal(low + span * i / 4) for i in range(5)]
        return ticks, 2
    return best[2], best[3]
