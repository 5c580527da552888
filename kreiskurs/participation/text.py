"""Cleaning what participants write (plain Python).

Participants write plain text. Templates escape it on output, so markup can
never become HTML; here the text itself is normalised: Unicode NFC, no
control or bidirectional-override characters (which can disguise text), no
runs of blank lines, no surrounding whitespace.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_BLANK_LINES = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t]+\n")


def clean_text(value: str) -> str:
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text)
    text = _SPACES.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def clean_line(value: str) -> str:
    """A one-line value (titles, names): like ``clean_text``, with line breaks turned into spaces."""
    return " ".join(clean_text(value).split())


CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: str) -> str:
    """A cell that spreadsheets will not run as a formula (CSV injection)."""
    return "'" + value if value.startswith(CSV_FORMULA_START) else value
