"""Reads of the embedding in existing strategies: our goals against theirs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..models import (
    Alignment,
    ExistingGoal,
    ExistingStrategy,
    Goal,
    StrategyVersion,
)


@dataclass
class AlignmentMatrix:
    goals: list[Goal]
    columns: list[ExistingGoal]
    strategies: list[tuple[ExistingStrategy, int]]
    cells: dict[tuple[int, int], Alignment]

    def rows(self) -> list[tuple[Goal, list[tuple[ExistingGoal, Alignment | None]]]]:
        return [(g, [(c, self.cells.get((g.pk, c.pk))) for c in self.columns]) for g in self.goals]

    def counts(self) -> dict[str, int]:
        result: dict[str, int] = defaultdict(int)
        for alignment in self.cells.values():
            result[alignment.kind] += 1
        return dict(result)


def alignment_matrix(version: StrategyVersion) -> AlignmentMatrix:
    """Our goals (rows) against the goals of existing strategies (columns)."""
    goals = list(Goal.objects.filter(version=version).order_by("position", "code"))
    columns = list(
        ExistingGoal.objects.filter(district=version.district)
        .select_related("strategy")
        .order_by("strategy__title", "code", "id")
    )
    strategies: list[tuple[ExistingStrategy, int]] = []
    for column in columns:
        if strategies and strategies[-1][0].pk == column.strategy_id:
            strategies[-1] = (strategies[-1][0], strategies[-1][1] + 1)
        else:
            strategies.append((column.strategy, 1))
    cells = {(a.goal_id, a.existing_goal_id): a for a in Alignment.objects.filter(goal__version=version)}
    return AlignmentMatrix(goals, columns, strategies, cells)
