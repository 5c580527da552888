"""Themes: contributions grouped by subject, each with a readable label.

The rows clustered are latent semantic rows of the stem TF-IDF (:func:`vectors.reduce`), joined by the
sentence embeddings when a model is used. Spherical k-means (k-means++ seeding from a fixed seed, so the
result is deterministic) runs for every k from 2 to ``max_themes``; the k with the best mean silhouette
(cosine distance; chosen on a seeded sample of at most 1,500 rows) wins. Groups smaller than ``min_size`` are no theme.

A theme's keywords are the stems most characteristic of its members (mean TF-IDF weight inside minus
outside), each shown as the spelling the members used most (``glasfas`` → „Glasfaser“); the label joins
the first two (or three when they are short).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from kreiskurs.participation.textanalysis.german import Tokens, surface_word
from kreiskurs.participation.textanalysis.types import Theme
from kreiskurs.participation.textanalysis.vectors import Vocabulary, reduce, unit_rows

LATENT_DIMENSIONS = 100
SILHOUETTE_SAMPLE = 1500
KEYWORDS = 5
SEED = 0
_ITERATIONS = 30
_STARTS = 3


def kmeans(rows: np.ndarray, k: int, *, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """Spherical k-means on unit ``rows``, the best of ``_STARTS`` seeded starts (highest summed
    cosine to the centroids): (assignment per row, unit centroids)."""
    best: tuple[float, np.ndarray, np.ndarray] | None = None
    for start in range(_STARTS):
        assignment, centroids = _kmeans_once(rows, k, np.random.default_rng(seed + start))
        fit = float((rows * centroids[assignment]).sum())
        if best is None or fit > best[0] + 1e-6:
            best = (fit, assignment, centroids)
    assert best is not None
    return best[1], best[2]


def _kmeans_once(rows: np.ndarray, k: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    n = rows.shape[0]
    centres = [int(rng.integers(n))]
    closest = 1.0 - rows @ rows[centres[0]]
    for _ in range(1, k):
        weights = np.clip(closest, 0.0, None) ** 2
        total = weights.sum()
        pick = int(rng.choice(n, p=weights / total)) if total > 0 else int(rng.integers(n))
        centres.append(pick)
        closest = np.minimum(closest, 1.0 - rows @ rows[pick])
    centroids = rows[centres].copy()
    assignment = np.full(n, -1)
    for _ in range(_ITERATIONS):
        new = np.argmax(rows @ centroids.T, axis=1)
        if np.array_equal(new, assignment):
            break
        assignment = new
        for c in range(k):
            members = rows[assignment == c]
            if len(members):
                centroids[c] = members.sum(axis=0)
        centroids = unit_rows(centroids)
    return assignment, centroids


def silhouette(rows: np.ndarray, assignment: np.ndarray) -> float:
    """Mean silhouette with cosine distance (rows are unit length)."""
    distance = 1.0 - rows @ rows.T
    labels = np.unique(assignment)
    if len(labels) < 2:
        return -1.0
    mean_to = np.stack([distance[:, assignment == c].mean(axis=1) for c in labels], axis=1)
    own = np.searchsorted(labels, assignment)
    sizes = np.array([(assignment == c).sum() for c in labels])
    a = mean_to[np.arange(len(rows)), own] * sizes[own] / np.maximum(sizes[own] - 1, 1)
    other = mean_to.copy()
    other[np.arange(len(rows)), own] = np.inf
    b = other.min(axis=1)
    s = (b - a) / np.maximum(np.maximum(a, b), 1e-9)
    s[sizes[own] == 1] = 0.0
    return float(s.mean())


def _choose(rows: np.ndarray, max_themes: int) -> np.ndarray:
    """The assignment for the k with the best silhouette. Above ``SILHOUETTE_SAMPLE`` rows, k is chosen
    on a seeded sample of that size and only the chosen k runs on all rows."""
    n = rows.shape[0]
    sample = rows
    if n > SILHOUETTE_SAMPLE:
        sample = rows[np.sort(np.random.default_rng(SEED).choice(n, SILHOUETTE_SAMPLE, replace=False))]
    best: tuple[float, int, np.ndarray] | None = None
    for k in range(2, min(max_themes, sample.shape[0] - 1) + 1):
        assignment, _ = kmeans(sample, k)
        score = silhouette(sample, assignment)
        if best is None or score > best[0] + 1e-9:
            best = (score, k, assignment)
    assert best is not None
    return best[2] if sample is rows else kmeans(rows, best[1])[0]


def find_themes(
    ids: Sequence[int],
    tokens: Sequence[Tokens],
    embeddings: np.ndarray | None,
    *,
    max_themes: int,
    min_size: int,
) -> list[Theme]:
    """Themes of the documents ``ids`` (with their ``tokens`` and optional unit ``embeddings``)."""
    if len(ids) < max(2 * min_size, 3) or max_themes < 2:
        return []
    vocabulary = Vocabulary([t.stems for t in tokens])
    if len(vocabulary) < 2:
        return []
    weights = vocabulary.matrix([t.stems for t in tokens])
    # few documents carry few independent subjects: at most one latent dimension per 8 documents
    rows = reduce(weights, min(LATENT_DIMENSIONS, max(2, len(ids) // 8)))
    if embeddings is not None:
        rows = unit_rows(np.hstack([rows, embeddings]))
    assignment = _choose(rows, max_themes)
    themes = []
    for c in np.unique(assignment):
        members = np.flatnonzero(assignment == c)
        if len(members) < min_size:
            continue
        keywords = _keywords(weights, members, vocabulary, [tokens[int(i)] for i in members])
        if keywords:
            themes.append(
                Theme(label=_label(keywords), keywords=keywords, members=sorted(ids[int(i)] for i in members))
            )
    return sorted(themes, key=lambda t: (-len(t.members), t.members[0]))


def _keywords(
    weights: sparse.csr_matrix, members: np.ndarray, vocabulary: Vocabulary, member_tokens: list[Tokens]
) -> list[str]:
    inside = np.asarray(weights[members].mean(axis=0)).ravel()
    outside_rows = np.setdiff1d(np.arange(weights.shape[0]), members)
    outside = np.asarray(weights[outside_rows].mean(axis=0)).ravel() if len(outside_rows) else 0.0
    # a keyword must be used by at least two members (or by the only one)
    used = np.asarray((weights[members] > 0).sum(axis=0)).ravel()
    score = np.where(used >= min(2, len(members)), inside - outside, -np.inf)
    order = np.lexsort((np.array(vocabulary.features), -score))
    spellings: dict[str, Counter[str]] = {}
    for t in member_tokens:
        for stem, counts in t.surfaces.items():
            spellings.setdefault(stem, Counter()).update(counts)
    keywords: list[str] = []
    for col in order:
        if not np.isfinite(score[col]) or score[col] <= 0 or len(keywords) == KEYWORDS:
            break
        word = surface_word(spellings[vocabulary.features[col]])
        if word.casefold() not in {k.casefold() for k in keywords}:
            keywords.append(word)
    return keywords


def _label(keywords: list[str]) -> str:
    count = 3 if sum(len(k) for k in keywords[:3]) <= 24 else 2
    return ", ".join(keywords[:count])
