"""What every part of the demo loader shares: the demo district's key, the territory excerpt, dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

DISTRICT_KEY = "05558"
GV100AD_EXCERPT = Path(__file__).resolve().parents[1] / "data" / "GV100AD_301123_excerpt.txt"


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
