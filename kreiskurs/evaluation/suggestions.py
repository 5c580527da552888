"""Suggested ratings for an evaluation round (plain Python; the rule is in docs/evaluation.md).

Staff rate every goal, field of action and measure; the round starts from
these suggestions so nobody rates from a blank page, and every suggestion
says what it was computed from.

* **Measure**: completed → achieved; discontinued → off track; progress 100 %
  → achieved; without start and end dates → not assessable. Otherwise the
  *expected* progress is the share of the planned period elapsed at the
  reference date; the gap is progress − expected (in points): ≥ −10 on track,
  ≥ −25 at risk, below that off track.
* **Goal**: from its indicators that have a baseline (value and date), a
  target (value and date) and a value measured by the reference date:
  attainment = (latest − baseline) / (target − baseline) (this is
  direction-aware by construction), expected = share of the time from
  baseline date to target date elapsed. All attained → achieved; else the
  mean gap in points rated as for measures. Without such indicators, from its
  measures (and those of its sub-goals) as for a field of action.
* **Field of action**: from the ratings of its measures, not-assessable ones
  left out: none left → not assessable; all achieved → achieved; share
  achieved or on track ≥ 75 % → on track, ≥ 50 % → at risk, else off track.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

ACHIEVED = "achieved"
ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"
NOT_ASSESSABLE = "not_assessable"

ON_TRACK_GAP = -10.0
AT_RISK_GAP = -25.0


@dataclass(frozen=True)
class Suggestion:
    rating: str
    basis: str


@dataclass(frozen=True)
class IndicatorState:
    """An indicator as the goal rule needs it; ``latest`` is the value by the reference date."""

    code: str
    baseline: Decimal | None
    baseline_date: dt.date | None
    target: Decimal | None
    target_date: dt.date | None
    latest: Decimal | None


def elapsed_share(start: dt.date, end: dt.date, on: dt.date) -> float:
    """Share (0–1) of the period from ``start`` to ``end`` that has passed on ``on``."""
    if on <= start:
        return 0.0
    if on >= end:
        return 1.0
    return (on - start).days / (end - start).days


def rate_gap(gap: float) -> str:
    if gap >= ON_TRACK_GAP:
        return ON_TRACK
    if gap >= AT_RISK_GAP:
        return AT_RISK
    return OFF_TRACK


def for_measure(
    *, phase: str, progress: int | None, start: dt.date | None, end: dt.date | None, on: dt.date
) -> Suggestion:
    if phase == "completed":
        return Suggestion(ACHIEVED, _("Maßnahme abgeschlossen."))
    if phase == "discontinued":
        return Suggestion(OFF_TRACK, _("Maßnahme eingestellt."))
    done = progress or 0
    if done >= 100:
        return Suggestion(ACHIEVED, _("Fortschritt 100 %."))
    if start is None or end is None:
        return Suggestion(NOT_ASSESSABLE, _("Kein Beginn oder Ende geplant."))
    expected = 100 * elapsed_share(start, end, on)
    basis = _("Fortschritt %(done)s %% bei erwarteten %(expected)s %% der Laufzeit.") % {
        "done": done,
        "expected": round(expected),
    }
    return Suggestion(rate_gap(done - expected), basis)


def attainment(state: IndicatorState) -> float | None:
    """How far the indicator has come from baseline to target (1 = target reached), or None."""
    if state.baseline is None or state.target is None or state.latest is None or state.target == state.baseline:
        return None
    return float((state.latest - state.baseline) / (state.target - state.baseline))


def for_goal(*, indicators: Iterable[IndicatorState], measure_ratings: Sequence[str], on: dt.date) -> Suggestion:
    usable = []
    for state in indicators:
        share = attainment(state)
        if share is None or state.baseline_date is None or state.target_date is None:
            continue
        if state.target_date <= state.baseline_date:
            continue
        usable.append((state.code, share, elapsed_share(state.baseline_date, state.target_date, on)))
    if not usable:
        field = for_field(measure_ratings)
        return Suggestion(field.rating, _("Aus den Maßnahmen: %(basis)s") % {"basis": field.basis})
    codes = ", ".join(code for code, _share, _expected in usable)
    if all(share >= 1 for _code, share, _expected in usable):
        return Suggestion(ACHIEVED, _("Zielwert erreicht (%(codes)s).") % {"codes": codes})
    gap = sum(100 * (share - expected) for _code, share, expected in usable) / len(usable)
    basis = _("Indikatoren %(codes)s: im Mittel %(gap)s Punkte gegenüber dem Zeitplan.") % {
        "codes": codes,
        "gap": f"{gap:+.0f}",
    }
    return Suggestion(rate_gap(gap), basis)


def for_field(measure_ratings: Sequence[str]) -> Suggestion:
    rated = [r for r in measure_ratings if r != NOT_ASSESSABLE]
    if not rated:
        return Suggestion(NOT_ASSESSABLE, _("Keine bewertbaren Maßnahmen."))
    good = sum(1 for r in rated if r in (ACHIEVED, ON_TRACK))
    basis = _("%(good)s von %(total)s Maßnahmen erreicht oder im Plan.") % {"good": good, "total": len(rated)}
    if all(r == ACHIEVED for r in rated):
        return Suggestion(ACHIEVED, basis)
    share = good / len(rated)
    if share >= 0.75:
        return Suggestion(ON_TRACK, basis)
    if share >= 0.5:
        return Suggestion(AT_RISK, basis)
    return Suggestion(OFF_TRACK, basis)
