"""Progress roll-up: measure → field of action → goal → whole strategy (plain Python).

The rule (also in docs/progress.md):

* A measure's progress is the progress of its latest status report; without
  a report it follows its phase: idea 0, profiled 0, selected 5, preparing 10,
  pilot 30, rollout 60, operating 90, completed 100 (%). Discontinued
  measures are left out of every roll-up.
* A measure's weight is its ``weight`` (default 1; editable in the profile).
* A field of action's progress is the weighted mean of the measures assigned
  to it; a goal's is the weighted mean of the measures of the goal and of all
  its sub-goals (each measure once); the strategy's is the weighted mean of
  all measures. A group without (non-discontinued) measures has no progress.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

PHASE_PROGRESS = {
    "idea": 0,
    "profiled": 0,
    "selected": 5,
    "preparing": 10,
    "pilot": 30,
    "rollout": 60,
    "operating": 90,
    "completed": 100,
}
EXCLUDED_PHASES = {"discontinued"}


@dataclass(frozen=True)
class MeasureProgress:
    key: object
    phase: str
    reported: int | None
    weight: int

    @property
    def progress(self) -> int | None:
        if self.phase in EXCLUDED_PHASES:
            return None
        return self.reported if self.reported is not None else PHASE_PROGRESS.get(self.phase, 0)


def weighted_progress(measures: Iterable[MeasureProgress]) -> float | None:
    """Weighted mean progress (0–100), or None when nothing counts."""
    total = weight = 0.0
    for m in measures:
        if m.progress is None or m.weight <= 0:
            continue
        total += m.weight * m.progress
        weight += m.weight
    return round(total / weight, 1) if weight else None


def roll_up(
    measures: Mapping[object, MeasureProgress], groups: Mapping[object, Iterable[object]]
) -> dict[object, float | None]:
    """Progress per group, given each group's measure keys (duplicates count once)."""
    return {group: weighted_progress(measures[k] for k in set(keys) if k in measures) for group, keys in groups.items()}


def goal_groups(
    parents: Mapping[object, object | None], direct: Mapping[object, Iterable[object]]
) -> dict[object, set[object]]:
    """Each goal's measures including those of all its sub-goals (any depth)."""
    children: dict[object, list[object]] = {}
    for goal, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(goal)

    def collect(goal: object, seen: set[object]) -> set[object]:
        if goal in seen:  # defensive: a cycle must not loop forever
            return set()
        seen.add(goal)
        found = set(direct.get(goal, ()))
        for child in children.get(goal, []):
            found |= collect(child, seen)
        return found

    return {goal: collect(goal, set()) for goal in parents}
