"""Agreement of two partitions: the adjusted Rand index (Hubert and Arabie 1985)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np


def adjusted_rand_index(first: Sequence[Hashable], second: Sequence[Hashable]) -> float:
    """1.0 for identical partitions (whatever the label names), about 0.0 for chance agreement."""
    if len(first) != len(second):
        raise ValueError("both partitions must label the same items")
    _, a = np.unique(np.asarray(first, dtype=str), return_inverse=True)
    _, b = np.unique(np.asarray(second, dtype=str), return_inverse=True)
    table = np.zeros((a.max(initial=-1) + 1, b.max(initial=-1) + 1))
    np.add.at(table, (a, b), 1)

    def pairs(x: np.ndarray) -> float:
        return float((x * (x - 1) / 2).sum())

    index = pairs(table)
    rows, cols, total = pairs(table.sum(1)), pairs(table.sum(0)), pairs(np.array([len(first)]))
    if total == 0:
        return 1.0
    expected = rows * cols / total
    maximum = (rows + cols) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)
