"""TF-IDF vectors over counted features (stems or character n-grams), as sparse matrices.

Sublinear term frequency (``1 + ln tf``), smoothed inverse document frequency
(``ln((1 + n) / (1 + df)) + 1``) and rows of unit length, so a dot product is the cosine. The vocabulary
is sorted, so the same documents give the same matrix whatever order they were added in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import numpy as np
from scipy import sparse


@lru_cache(maxsize=1)
def _thread_pools() -> Any:
    from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped,unused-ignore]

    return ThreadpoolController()  # finds numpy's and scipy's BLAS once, not on every call


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run the dense products inside with one BLAS thread. Ours are many and small (blocks of 512 rows,
    k-means over a few thousand), and OpenBLAS's threads spin while they wait for each other: on this
    2-core machine two threads cost the themes three times the CPU of one and were slower in wall time
    too (``docs/decisions/0030``). The results are the same up to float rounding."""
    with _thread_pools().limit(limits=1, user_api="blas"):
        yield


class Vocabulary:
    """Feature → column, with each feature's inverse document frequency."""

    def __init__(self, documents: Sequence[Counter[str]]) -> None:
        df: Counter[str] = Counter()
        for counts in documents:
            df.update(counts.keys())
        self.features = sorted(df)
        self.column = {feature: i for i, feature in enumerate(self.features)}
        n = len(documents)
        frequencies = np.array([df[f] for f in self.features], dtype=np.float64)
        self.idf = (np.log((1.0 + n) / (1.0 + frequencies)) + 1.0).astype(np.float32)

    def __len__(self) -> int:
        return len(self.features)

    def matrix(self, documents: Sequence[Counter[str]]) -> sparse.csr_matrix:
        """One unit row per document (all zero for a document without known features)."""
        indptr = [0]
        indices: list[int] = []
        values: list[float] = []
        for counts in documents:
            for feature, count in counts.items():
                col = self.column.get(feature)
                if col is not None:
                    indices.append(col)
                    values.append(1.0 + float(np.log(count)))
            indptr.append(len(indices))
        data = np.array(values, dtype=np.float32)
        cols = np.array(indices, dtype=np.int32)
        if len(cols):
            data *= self.idf[cols]
        result = sparse.csr_matrix((data, cols, np.array(indptr)), shape=(len(documents), len(self.features)))
        return normalise_rows(result)


def normalise_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """``matrix`` with every non-zero row scaled to unit length."""
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags((1.0 / norms).astype(np.float32)) @ matrix)


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    """A dense ``matrix`` with every non-zero row scaled to unit length."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.asarray(matrix / norms, dtype=np.float32)


def tfidf(documents: Sequence[Counter[str]]) -> sparse.csr_matrix:
    """The unit TF-IDF rows of ``documents`` over their own vocabulary."""
    return Vocabulary(documents).matrix(documents)


def reduce(matrix: sparse.csr_matrix, dimensions: int, *, seed: int = 0) -> np.ndarray:
    """Latent semantic rows: ``matrix`` projected on its top singular directions (randomised SVD
    with a fixed seed, two power iterations), rows of unit length. Words that occur together land
    close, so texts about one subject in different words come closer than in plain TF-IDF."""
    rows, cols = matrix.shape
    k = max(1, min(dimensions, rows - 1, cols - 1))
    if rows < 2 or cols < 2:
        return unit_rows(matrix.toarray())
    rng = np.random.default_rng(seed)
    omega = rng.standard_normal((cols, k + 10)).astype(np.float32)
    basis, _ = np.linalg.qr(matrix @ omega)
    for _ in range(2):
        basis, _ = np.linalg.qr(matrix.T @ basis)
        basis, _ = np.linalg.qr(matrix @ basis)
    small = np.asarray((matrix.T @ basis).T)
    u, s, _ = np.linalg.svd(small, full_matrices=False)
    projected = (basis @ u[:, :k]) * s[:k]
    # the sign of a singular vector is arbitrary: fix it so the largest entry is positive (deterministic)
    signs = np.sign(projected[np.abs(projected).argmax(axis=0), range(projected.shape[1])])
    signs[signs == 0] = 1.0
    return unit_rows(projected * signs)
