"""Who took part compared with who lives in the district: observed counts per cell against population shares.

Plain Python, no Django (``selectors/representativeness.py`` feeds it). The
method is decision 0029 and ``docs/participation.md``, "Repräsentativität":

- the observed share of a cell is its count among the people who declared
  something (people without a declaration are counted apart);
- the expected share is the cell's population weight over the sum of the weights;
- a cell is over-represented when observed/expected ≥ 1.5 and a two-sided
  score test rejects "the share is the expected one" at 5 %; under-represented
  when the ratio is ≤ 2/3 and the test rejects;
- a cell of fewer than :data:`MINIMUM` people shows no figure (primary
  suppression); while a suppressed cell could be worked out from the shown
  total, the smallest shown cell is suppressed too (secondary suppression);
  a suppressed cell keeps a flag only if the flag holds for every value it
  could have.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

#: fewer people than this in a cell: no figure is shown
MINIMUM = 5
#: the ratio observed/expected beyond which a significant deviation is flagged
OVER = 1.5
UNDER = 1 / OVER
#: two-sided 5 % critical value of the standard normal distribution
CRITICAL_Z = 1.959964

OVER_REPRESENTED = "over"
UNDER_REPRESENTED = "under"


@dataclass(frozen=True)
class Cell:
    """One row of a comparison table. Figures are ``None`` where suppressed or where nothing is expected."""

    key: str
    label: str
    count: int | None
    share: float | None
    expected: float | None
    ratio: float | None
    flag: str = ""
    suppressed: bool = False
    secondary: bool = False


@dataclass(frozen=True)
class Table:
    """A comparison for one characteristic (municipality or age band)."""

    cells: list[Cell]
    declared: int
    undeclared: int
    has_expected: bool
    source: str = ""  # where the expected shares come from (shown under the table)

    @property
    def flagged(self) -> list[Cell]:
        return [c for c in self.cells if c.flag]

    @property
    def any_suppressed(self) -> bool:
        return any(c.suppressed for c in self.cells)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready (stored with a published evaluation round); :func:`table_from_dict` reads it back."""
        return asdict(self)


def table_from_dict(data: Mapping[str, Any]) -> Table:
    return Table(
        cells=[Cell(**c) for c in data["cells"]],
        declared=data["declared"],
        undeclared=data["undeclared"],
        has_expected=data["has_expected"],
        source=data.get("source", ""),
    )


def score_z(n: int, total: int, p: float) -> float | None:
    """The score statistic of ``n`` out of ``total`` against the share ``p`` (``None`` when undefined)."""
    if total <= 0 or not 0 < p < 1:
        return None
    return (n - total * p) / math.sqrt(total * p * (1 - p))


def flag_for(n: int, total: int, p: float | None) -> str:
    """``over``, ``under`` or ``""`` for ``n`` of ``total`` people where the share ``p`` is expected."""
    if p is None or total <= 0:
        return ""
    z = score_z(n, total, p)
    if z is None or abs(z) < CRITICAL_Z:
        return ""
    ratio = (n / total) / p
    if ratio >= OVER and z > 0:
        return OVER_REPRESENTED
    if ratio <= UNDER and z < 0:
        return UNDER_REPRESENTED
    return ""


def shares(weights: Mapping[str, float | int | None]) -> dict[str, float]:
    """Weights (e.g. populations) as shares of their sum; cells without a positive weight are left out."""
    positive = {k: float(w) for k, w in weights.items() if w is not None and w > 0}
    total = sum(positive.values())
    if total <= 0:
        return {}
    return {k: w / total for k, w in positive.items()}


def _bounds(suppressed: dict[str, tuple[float, float]], total: int, key: str) -> tuple[float, float]:
    """The values a suppressed cell could have, given every suppressed cell's bounds and their known sum."""
    low, high = suppressed[key]
    others_low = sum(b[0] for k, b in suppressed.items() if k != key)
    others_high = sum(b[1] for k, b in suppressed.items() if k != key)
    return max(low, total - others_high), min(high, total - others_low)


def _suppress(counts: dict[str, int], minimum: int) -> tuple[set[str], set[str], dict[str, tuple[float, float]]]:
    """Primary and secondary suppression; the bounds a reader can derive for each suppressed cell."""
    primary = {k for k, n in counts.items() if n < minimum}
    secondary: set[str] = set()
    if not primary:
        return primary, secondary, {}
    while True:
        known_bounds = {k: (0.0, float(minimum - 1)) for k in primary}
        known_bounds |= {k: (float(minimum), math.inf) for k in secondary}
        hidden_total = sum(counts[k] for k in known_bounds)
        derived = {k: _bounds(known_bounds, hidden_total, k) for k in known_bounds}
        recoverable = any(low == high for low, high in derived.values())
        shown = sorted((n, k) for k, n in counts.items() if k not in known_bounds)
        if not recoverable or not shown:
            return primary, secondary, derived
        secondary.add(shown[0][1])


def compare(
    observed: Mapping[str, int],
    labels: Mapping[str, str],
    *,
    expected_weights: Mapping[str, float | int | None] | None,
    undeclared: int,
    source: str = "",
    minimum: int = MINIMUM,
) -> Table:
    """Compare ``observed`` counts per cell with the shares of ``expected_weights``.

    ``labels`` gives the cells and their order (a cell nobody declared counts 0);
    ``observed`` keys not in ``labels`` are ignored. Without ``expected_weights``
    (or when they are all empty) the table has counts only: no shares expected,
    no ratios, no flags.
    """
    counts = {key: int(observed.get(key, 0)) for key in labels}
    total = sum(counts.values())
    expected = shares(expected_weights) if expected_weights else {}
    primary, secondary, bounds = _suppress(counts, minimum)
    cells = []
    for key, label in labels.items():
        n = counts[key]
        p = expected.get(key)
        if key in primary or key in secondary:
            low, high = bounds[key]
            at_most = flag_for(int(high), total, p) if math.isfinite(high) else ""
            at_least = flag_for(int(low), total, p)
            flag = at_most if at_most == UNDER_REPRESENTED else at_least if at_least == OVER_REPRESENTED else ""
            cells.append(Cell(key, label, None, None, p, None, flag, True, key in secondary))
            continue
        share = n / total if total else None
        ratio = share / p if share is not None and p else None
        cells.append(Cell(key, label, n, share, p, ratio, flag_for(n, total, p)))
    return Table(cells=cells, declared=total, undeclared=undeclared, has_expected=bool(expected), source=source)
