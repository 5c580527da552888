"""German formatting of dates, numbers and free text for the documents (plain functions, no Django models)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.utils import formats


def date(value: dt.date | dt.datetime | None) -> str:
    """``31.12.2025`` (the active language's short date; German by default); empty for no date."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def number(value: Decimal | int | float | None) -> str:
    """``310.000,5``: trailing zeros dropped, grouped thousands, the active language's separators."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        value = value.normalize()
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def money(value: Decimal | None) -> str:
    return f"{formats.number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)} €" if value else ""


def span(start: dt.date | None, end: dt.date | None) -> str:
    """``01.01.2025 – 31.12.2026`` with an en dash (German typography); one side may be open."""
    if not start and not end:
        return ""
    return f"{date(start)} – {date(end)}".strip(" –") if not (start and end) else f"{date(start)} – {date(end)}"


_BLANK_LINES = re.compile(r"\n\s*\n")
_MARKUP = re.compile(r"^\s{0,3}(#{1,6}\s+|[-*+]\s+)")


def paragraphs(text: str) -> list[str]:
    """Free text (plain or light Markdown) as paragraphs: blank lines separate them, list and
    heading marks are dropped, single line breaks become spaces."""
    result = []
    for chunk in _BLANK_LINES.split(text.replace("\r\n", "\n").strip()):
        lines = [_MARKUP.sub("", line).strip() for line in chunk.splitlines()]
        joined = " ".join(line for line in lines if line)
        if joined:
            result.append(joined)
    return result
