"""Computing an opinion map from votes: the steps in Polis' order."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kreiskurs.participation.opinion import clustering, matrix, statistics

MIN_VOTES = 7  # Polis' "in-conv" threshold


@dataclass(frozen=True)
class ParticipantPosition:
    participant: Hashable
    x: float
    y: float
    group: int | None  # None: fewer than MIN_VOTES votes, placed but not grouped


@dataclass(frozen=True)
class StatementStat:
    statement: Hashable
    direction: str  # "agree" or "disagree"
    probability: float
    z: float


@dataclass(frozen=True)
class GroupSummary:
    id: int
    size: int
    representative: list[StatementStat]


@dataclass(frozen=True)
class OpinionMap:
    participants: list[ParticipantPosition]
    groups: list[GroupSummary]
    consensus: list[StatementStat]
    n_votes: int
    n_statements: int


def _latest_unique(keys: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Indices of the last occurrence of each key (the latest vote counts)."""
    reversed_keys = keys[::-1]
    _, first_in_reversed = np.unique(reversed_keys, return_index=True)
    return np.sort(len(keys) - 1 - first_in_reversed)


def compute_opinion_map(
    participants: Sequence[Hashable] | npt.NDArray[np.int64],
    statements: Sequence[Hashable] | npt.NDArray[np.int64],
    values: Sequence[int] | npt.NDArray[np.int8],
    *,
    excluded_statements: Collection[Hashable] = (),
    min_votes: int = MIN_VOTES,
    seed: int = 0,
    max_groups: int = 5,
    base_clusters: int = 100,
    pick_max: int = 5,
) -> OpinionMap:
    """Positions, groups, representative and consensus statements for the votes.

    The three sequences are parallel: vote *i* is ``values[i]`` (1 agree, -1
    disagree, 0 pass) by ``participants[i]`` on ``statements[i]``; when a
    pair occurs more than once the later one counts. Votes on
    ``excluded_statements`` (moderated out) are ignored entirely. The result
    depends only on the votes and ``seed``.
    """
    participant_keys, rows = np.unique(np.asarray(participants), return_inverse=True)
    statement_keys, cols = np.unique(np.asarray(statements), return_inverse=True)
    vals = np.asarray(values, dtype=np.int8)
    if len(excluded_statements):
        keep = ~np.isin(statement_keys, np.asarray(list(excluded_statements), dtype=statement_keys.dtype))
        rows, cols, vals = rows[keep[cols]], cols[keep[cols]], vals[keep[cols]]
        statement_keys, cols = np.unique(statement_keys[cols], return_inverse=True)
        participant_keys, rows = np.unique(participant_keys[rows], return_inverse=True)
    rows, cols = rows.astype(np.int64), cols.astype(np.int64)
    latest = _latest_unique(rows * max(len(statement_keys), 1) + cols)
    rows, cols, vals = rows[latest], cols[latest], np.sign(vals[latest]).astype(np.int8)
    n_participants, n_statements = len(participant_keys), len(statement_keys)
    if n_participants == 0 or n_statements == 0:
        return OpinionMap(participants=[], groups=[], consensus=[], n_votes=0, n_statements=n_statements)

    votes = matrix.build_matrix(rows, cols, vals, (n_participants, n_statements))
    centred = matrix.centred(votes, matrix.column_means(votes))
    axes = matrix.principal_components(centred, seed=seed)
    positions = matrix.project(centred, axes, votes.n_votes)

    in_conv = votes.n_votes >= min(min_votes, n_statements)
    labels = np.full(n_participants, -1, dtype=np.int64)
    labels[in_conv] = clustering.group_participants(
        positions[in_conv], seed=seed, base_clusters=base_clusters, max_groups=max_groups
    )
    n_groups = int(labels.max()) + 1
    counts = statistics.group_counts(votes.votes, votes.voted, labels, n_groups)

    def stat(pick: statistics.Pick) -> StatementStat:
        key = statement_keys[pick.statement]
        return StatementStat(
            statement=key.item() if hasattr(key, "item") else key,
            direction=pick.direction,
            probability=round(pick.probability, 4),
            z=round(pick.z, 4),
        )

    sizes = np.bincount(labels[labels >= 0], minlength=n_groups)
    groups = [
        GroupSummary(id=g, size=int(sizes[g]), representative=[stat(p) for p in picks])
        for g, picks in enumerate(statistics.representative(counts, pick_max=pick_max))
    ]
    people = [
        ParticipantPosition(
            participant=key.item() if hasattr(key, "item") else key,
            x=float(positions[i, 0]),
            y=float(positions[i, 1]),
            group=int(labels[i]) if labels[i] >= 0 else None,
        )
        for i, key in enumerate(participant_keys)
    ]
    consensus = [stat(p) for p in statistics.consensus(counts, pick_max=pick_max)] if n_groups else []
    return OpinionMap(
        participants=people, groups=groups, consensus=consensus, n_votes=len(vals), n_statements=n_statements
    )
