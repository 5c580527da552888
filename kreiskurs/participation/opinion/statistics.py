"""Representative and consensus statements: Polis' proportion tests.

Counts are taken per group over the grouped participants. With pseudo-counts
(one agree and one disagree added, Laplace smoothing) Polis estimates

- ``pa = (na + 1) / (n + 2)`` the probability that a group member agrees,
- ``pat = 2·sqrt(n + 1)·((na + 1)/(n + 1) − 0.5)`` a one-proportion z-score
  (is agreement above one half?),
- ``ra = pa_group / pa_rest`` how much more the group agrees than everyone else,
- ``rat`` the two-proportion z-score of group against the rest,

and the same for disagreement. A statement *represents* a group when both
z-scores of one direction exceed 1.2816 (90 % one-sided); they are ranked by
``ra·rat·pa·pat``. Consensus is group-aware: the product of ``pa`` over all
groups, so one dissenting group is enough to sink a statement.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

Z_90 = 1.2815515655446004


@dataclass(frozen=True)
class Counts:
    agree: FloatArray  # groups × statements
    disagree: FloatArray
    seen: FloatArray  # votes including passes


def group_counts(votes: sparse.csr_matrix, voted: sparse.csr_matrix, labels: IntArray, n_groups: int) -> Counts:
    """Agree, disagree and vote counts per group and statement (rows with label -1 are left out)."""
    member = labels >= 0
    indicator = sparse.csr_matrix(
        (np.ones(int(member.sum())), (labels[member], np.flatnonzero(member))), shape=(n_groups, votes.shape[0])
    )
    agree = (votes > 0).astype(np.float64)
    disagree = (votes < 0).astype(np.float64)
    return Counts(
        agree=np.asarray((indicator @ agree).todense()),
        disagree=np.asarray((indicator @ disagree).todense()),
        seen=np.asarray((indicator @ voted).todense()),
    )


def probability(successes: FloatArray, trials: FloatArray) -> FloatArray:
    return np.asarray((successes + 1.0) / (trials + 2.0))


def one_proportion_z(successes: FloatArray, trials: FloatArray) -> FloatArray:
    return np.asarray(2.0 * np.sqrt(trials + 1.0) * ((successes + 1.0) / (trials + 1.0) - 0.5))


def two_proportion_z(succ_in: FloatArray, n_in: FloatArray, succ_out: FloatArray, n_out: FloatArray) -> FloatArray:
    s1, s2, n1, n2 = succ_in + 1.0, succ_out + 1.0, n_in + 1.0, n_out + 1.0
    pooled = (s1 + s2) / (n1 + n2)
    spread = np.sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (s1 / n1 - s2 / n2) / spread
    return np.asarray(np.where(spread > 0, z, 0.0))


@dataclass(frozen=True)
class Pick:
    statement: int  # column index
    direction: str  # "agree" or "disagree"
    probability: float  # pa or pd within the group (or across groups for consensus)
    z: float  # the z-score that decided


def representative(counts: Counts, *, pick_max: int = 5) -> list[list[Pick]]:
    """Per group the most representative statements, Polis' rules (best agreement first)."""
    total_a, total_d, total_n = counts.agree.sum(0), counts.disagree.sum(0), counts.seen.sum(0)
    picks: list[list[Pick]] = []
    for g in range(counts.seen.shape[0]):
        na, nd, n = counts.agree[g], counts.disagree[g], counts.seen[g]
        oa, od, on = total_a - na, total_d - nd, total_n - n
        pa, pd = probability(na, n), probability(nd, n)
        pat, pdt = one_proportion_z(na, n), one_proportion_z(nd, n)
        ra, rd = pa / probability(oa, on), pd / probability(od, on)
        rat, rdt = two_proportion_z(na, n, oa, on), two_proportion_z(nd, n, od, on)
        agree_metric, disagree_metric = ra * rat * pa * pat, rd * rdt * pd * pdt
        voted = (na + nd) > 0
        significant_a = voted & (pat > Z_90) & (rat > Z_90)
        significant_d = voted & (pdt > Z_90) & (rdt > Z_90)
        candidates: list[tuple[float, Pick]] = []
        for s in np.flatnonzero(significant_a | significant_d):
            use_agree = significant_a[s] and (not significant_d[s] or rat[s] >= rdt[s])
            if use_agree:
                candidates.append((agree_metric[s], Pick(int(s), "agree", float(pa[s]), float(rat[s]))))
            else:
                candidates.append((disagree_metric[s], Pick(int(s), "disagree", float(pd[s]), float(rdt[s]))))
        candidates.sort(key=lambda item: (-item[0], item[1].statement))
        chosen = [pick for _, pick in candidates]
        # Polis always leads with what the group agrees on most, if anything qualifies.
        agreeable = voted & ((pat > Z_90) | ((ra > 1.0) & (pa > 0.5)))
        if agreeable.any():
            score = np.where(agreeable, np.where(ra > 1.0, agree_metric, pa * pat), -np.inf)
            best = int(np.argmax(score))
            head = Pick(best, "agree", float(pa[best]), float(rat[best]))
            chosen = [head] + [p for p in chosen if p.statement != best]
        elif not chosen and voted.any():
            best = int(np.argmax(np.where(voted, np.maximum(rat, rdt), -np.inf)))
            direction = "agree" if rat[best] >= rdt[best] else "disagree"
            chance = pa[best] if direction == "agree" else pd[best]
            chosen = [Pick(best, direction, float(chance), float(max(rat[best], rdt[best])))]
        picks.append(chosen[:pick_max])
    return picks


def consensus(counts: Counts, *, pick_max: int = 5) -> list[Pick]:
    """Statements every group agrees (or disagrees) with, by group-aware consensus.

    A statement qualifies for a direction when each group's probability for
    it exceeds one half and the z-score over all grouped participants is
    significant; qualifying statements are ranked by the product of the
    groups' probabilities.
    """
    na, nd, n = counts.agree, counts.disagree, counts.seen
    picks: list[tuple[float, Pick]] = []
    for direction, successes in (("agree", na), ("disagree", nd)):
        p = probability(successes, n)
        aware = p.prod(axis=0)
        z = one_proportion_z(successes.sum(0), n.sum(0))
        ok = (p > 0.5).all(axis=0) & (z > Z_90) & (n.sum(0) > 0)
        ranked = sorted(np.flatnonzero(ok), key=lambda s: (-aware[s], s))[:pick_max]
        picks.extend((aware[s], Pick(int(s), direction, float(aware[s]), float(z[s]))) for s in ranked)
    return [pick for _, pick in picks]
