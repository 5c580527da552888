"""Weighted k-means, the weighted silhouette and Polis' two-level clustering.

Polis first condenses the participants into up to 100 *base clusters* and
then clusters the base clusters' centres, weighted by their sizes, into 2 to
5 *groups*, keeping the number of groups with the best silhouette. The two
levels make the group step cheap whatever the number of participants.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.spatial import cKDTree

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Clustering:
    centres: FloatArray
    labels: IntArray
    inertia: float


def _squared_distances(points: FloatArray, centres: FloatArray) -> FloatArray:
    distances = (
        np.einsum("ij,ij->i", points, points)[:, None]
        - 2.0 * points @ centres.T
        + np.einsum("ij,ij->i", centres, centres)[None, :]
    )
    return np.asarray(np.maximum(distances, 0.0))


def _nearest(points: FloatArray, centres: FloatArray) -> IntArray:
    """Index of each point's nearest centre (a k-d tree: cheap for 100,000 points in 2-D)."""
    _, index = cKDTree(centres).query(points, k=1)
    return np.asarray(index, dtype=np.int64)


def _plus_plus(points: FloatArray, weights: FloatArray, k: int, rng: np.random.Generator) -> FloatArray:
    """k-means++ seeding (weighted): each new centre drawn in proportion to weight × distance²."""
    first = rng.choice(len(points), p=weights / weights.sum())
    centres = [points[first]]
    nearest = _squared_distances(points, points[first][None, :]).ravel()
    for _ in range(1, k):
        mass = weights * nearest
        total = mass.sum()
        if total <= 0:
            break  # fewer distinct points than k
        chosen = rng.choice(len(points), p=mass / total)
        centres.append(points[chosen])
        nearest = np.minimum(nearest, _squared_distances(points, points[chosen][None, :]).ravel())
    return np.array(centres)


def weighted_kmeans(
    points: FloatArray,
    k: int,
    *,
    weights: FloatArray | None = None,
    seed: int = 0,
    n_init: int = 1,
    max_iterations: int = 300,
    tolerance: float = 0.0,
) -> Clustering:
    """Lloyd's algorithm from ``n_init`` seeded k-means++ starts; the lowest inertia wins.

    Stops when no label changes, after ``max_iterations`` or when no centre
    moves by more than ``tolerance``. Centres that lose all their points are
    dropped, so fewer than ``k`` clusters may come back (never an empty one).
    """
    w = np.ones(len(points)) if weights is None else np.asarray(weights, dtype=np.float64)
    rng = np.random.default_rng(seed)
    best: Clustering | None = None
    for _ in range(n_init):
        centres = _plus_plus(points, w, k, rng)
        labels = np.zeros(len(points), dtype=np.int64)
        for iteration in range(max_iterations):
            new_labels = _nearest(points, centres)
            if iteration and np.array_equal(new_labels, labels):
                break
            labels = new_labels
            mass = np.bincount(labels, weights=w, minlength=len(centres))
            kept = mass > 0
            sums = np.stack(
                [np.bincount(labels, weights=w * points[:, d], minlength=len(centres)) for d in range(points.shape[1])],
                axis=1,
            )
            moved = sums[kept] / mass[kept, None]
            shift = np.abs(moved - centres[kept]).max() if kept.all() else np.inf
            centres = moved
            labels = np.cumsum(kept)[labels] - 1
            if shift <= tolerance:
                break
        labels = _nearest(points, centres)
        inertia = float((w * ((points - centres[labels]) ** 2).sum(axis=1)).sum())
        if best is None or inertia < best.inertia - 1e-12:
            best = Clustering(centres=centres, labels=labels, inertia=inertia)
    assert best is not None
    return best


def weighted_silhouette(points: FloatArray, labels: IntArray, weights: FloatArray) -> float:
    """Mean silhouette where each point stands for ``weight`` identical participants.

    A point's own weight counts in its cluster's mean distance minus itself
    (distance 0), as if its participants sat exactly on the point.
    """
    n_clusters = int(labels.max()) + 1
    if n_clusters < 2:
        return -1.0
    distances = np.sqrt(_squared_distances(points, points))
    mass = np.bincount(labels, weights=weights, minlength=n_clusters)
    # sum of weight × distance from each point to every cluster
    to_cluster = np.stack([distances[:, labels == c] @ weights[labels == c] for c in range(n_clusters)], axis=1)
    own_mass = mass[labels] - 1.0
    own = np.divide(to_cluster[np.arange(len(points)), labels], own_mass, out=np.zeros(len(points)), where=own_mass > 0)
    other = to_cluster / np.maximum(mass, 1e-12)[None, :]
    other[np.arange(len(points)), labels] = np.inf
    nearest = other.min(axis=1)
    spread = np.maximum(own, nearest)
    score = np.divide(nearest - own, spread, out=np.zeros(len(points)), where=spread > 0)
    score[own_mass <= 0] = 0.0  # a cluster of one participant scores 0, as in scikit-learn
    return float((score * weights).sum() / weights.sum())


def group_participants(
    positions: FloatArray,
    *,
    seed: int = 0,
    base_clusters: int = 100,
    max_groups: int = 5,
    min_group_size: int = 2,
) -> IntArray:
    """Group labels (0..k-1) for the participants at ``positions``; ``-1`` if no grouping exists.

    Groups are ordered by size, largest first, ties by their first member.
    Any number of groups that would leave a group smaller than
    ``min_group_size`` is not considered.
    """
    n = len(positions)
    if n < 2 * min_group_size:
        return np.full(n, -1 if n < min_group_size else 0, dtype=np.int64)
    # The base clusters only condense the participants for the group step: a
    # few Lloyd steps with a small tolerance are enough (and keep 100,000 cheap).
    spread = float(np.ptp(positions, axis=0).max()) if n else 0.0
    base = weighted_kmeans(positions, min(base_clusters, n), seed=seed, max_iterations=50, tolerance=1e-4 * spread)
    base_sizes = np.bincount(base.labels, minlength=len(base.centres)).astype(np.float64)
    best_score, best_labels = -np.inf, None
    for k in range(2, max_groups + 1):
        if k > len(base.centres):
            break
        groups = weighted_kmeans(base.centres, k, weights=base_sizes, seed=seed + k, n_init=10)
        sizes = np.bincount(groups.labels, weights=base_sizes)
        if len(groups.centres) < k or sizes.min() < min_group_size:
            continue
        # As in Polis, the silhouette is taken over the base clusters as points, each
        # counting once (weighting them by size favoured one group too many on
        # brexit-consensus; see benchmarks/README.md).
        score = weighted_silhouette(base.centres, groups.labels, np.ones(len(base.centres)))
        if score > best_score + 1e-12:
            best_score, best_labels = score, groups.labels[base.labels]
    if best_labels is None:
        return np.zeros(n, dtype=np.int64)
    return _ordered_by_size(best_labels)


def _ordered_by_size(labels: IntArray) -> IntArray:
    sizes = np.bincount(labels)
    first = np.array([np.argmax(labels == c) for c in range(len(sizes))])
    order = sorted(range(len(sizes)), key=lambda c: (-sizes[c], first[c]))
    mapping = np.empty(len(sizes), dtype=np.int64)
    mapping[order] = np.arange(len(sizes))
    return mapping[labels]
