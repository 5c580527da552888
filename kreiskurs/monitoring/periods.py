"""Reporting periods of the monitoring: a year, a month or a quarter, written as ``2024``, ``2024-03``, ``2024-Q1``."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from kreiskurs.i18n import gettext as _

__all__ = ["KINDS", "MAX_YEAR", "MIN_YEAR", "Period", "parse_period", "period_end"]

MIN_YEAR = 1900
MAX_YEAR = 2100
#: the kinds of period, from the longest to the shortest
KINDS = ("year", "quarter", "month")

_PATTERN = re.compile(r"([0-9]{4})(?:-(?:([0-9]{1,2})|[Qq]([1-4])))?")


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period; periods order by their first day (then by label)."""

    start: datetime.date
    label: str
    kind: str

    def __str__(self) -> str:
        return self.label


def parse_period(text: str) -> Period:
    """``2024`` (year), ``2024-03`` or ``2024-3`` (month), ``2024-Q1`` or ``2024-q1`` (quarter).

    Years run from 1900 to 2100. The label is canonical (zero-padded month, upper-case Q). Anything else raises
    ``ValueError`` with a German message.
    """
    raw = text.strip()
    match = _PATTERN.fullmatch(raw)
    if match is None:
        raise ValueError(_("„%(raw)s“ ist kein Zeitraum (JJJJ, JJJJ-MM oder JJJJ-Qn)") % {"raw": raw})
    year_text, month_text, quarter_text = match.groups()
    year = int(year_text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(
            _("„%(raw)s“ ist kein Zeitraum (Jahr zwischen %(min)s und %(max)s)")
            % {"raw": raw, "min": MIN_YEAR, "max": MAX_YEAR}
        )
    if quarter_text is not None:
        quarter = int(quarter_text)
        return Period(datetime.date(year, 3 * quarter - 2, 1), f"{year}-Q{quarter}", "quarter")
    if month_text is not None:
        month = int(month_text)
        if not 1 <= month <= 12:
            raise ValueError(_("„%(raw)s“ ist kein Zeitraum (JJJJ, JJJJ-MM oder JJJJ-Qn)") % {"raw": raw})
        return Period(datetime.date(year, month, 1), f"{year}-{month:02d}", "month")
    return Period(datetime.date(year, 1, 1), str(year), "year")


def period_end(p: Period) -> datetime.date:
    """The last day of a period."""
    if p.kind == "year":
        return datetime.date(p.start.year, 12, 31)
    if p.kind not in ("quarter", "month"):
        raise ValueError(_("Unbekannte Zeitraum-Art: %(kind)s") % {"kind": p.kind})
    last_month = p.start.month + (2 if p.kind == "quarter" else 0)
    return datetime.date(p.start.year, last_month, calendar.monthrange(p.start.year, last_month)[1])
