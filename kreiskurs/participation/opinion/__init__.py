"""The opinion map: Polis' statistics on a participant × statement vote matrix.

Plain Python (numpy and scipy, no Django). :func:`compute_opinion_map` takes
votes ``(participant, statement, value)`` with ``value`` 1 (agree), -1
(disagree) or 0 (pass) and returns positions in two dimensions, opinion
groups, representative statements per group and consensus statements. The
method follows Polis (clojure ``polismath``) step by step; ``docs/opinion-map.md``
explains each step and where we deliberately differ.

Modules by noun: ``matrix`` (the sparse vote matrix, PCA by power iteration,
sparsity-aware projection), ``clustering`` (weighted k-means, silhouette,
base and group clusters), ``statistics`` (repness and consensus tests),
``result`` (the computation and its result types).
"""

from kreiskurs.participation.opinion.result import (
    GroupSummary,
    OpinionMap,
    ParticipantPosition,
    StatementStat,
    compute_opinion_map,
)

__all__ = [
    "GroupSummary",
    "OpinionMap",
    "ParticipantPosition",
    "StatementStat",
    "compute_opinion_map",
]
