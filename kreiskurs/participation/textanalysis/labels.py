"""Suggested labels (a field of action, a goal) for a new text, learnt from labelled examples.

The examples are the labels' own titles and descriptions plus the contributions staff confirmed or
corrected. A text's score for a label mixes the cosine to the label's centroid (what the label is about
overall) and the cosine to its nearest example (so one correction of a similar text counts at once):
``score = CENTROID_WEIGHT · centroid + (1 − CENTROID_WEIGHT) · nearest``. The rows are the stem TF-IDF
and character 4-gram rows of :mod:`index`, joined by sentence embeddings when a model is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
from scipy import sparse

from kreiskurs.participation.textanalysis import german
from kreiskurs.participation.textanalysis.embedding import Embedder, installed_embedder
from kreiskurs.participation.textanalysis.types import Example, Suggestion
from kreiskurs.participation.textanalysis.vectors import Vocabulary, unit_rows

CENTROID_WEIGHT = 0.5
#: The weight of the embedding cosine against the TF-IDF cosine when a model is used.
EMBEDDING_WEIGHT = 0.7
STEM_WEIGHT = 0.5


class LabelSuggester:
    """Built once from ``examples`` (cheap: rebuild it when examples change)."""

    def __init__(
        self, examples: Sequence[Example], *, embedder: Embedder | Literal["installed"] | None = "installed"
    ) -> None:
        """``embedder``: by default the installed sentence-embedding model (``None``: TF-IDF only)."""
        if embedder == "installed":
            embedder = installed_embedder()
        self.embedder = embedder
        self.labels = sorted({e.label for e in examples})
        self._label_of = np.array([self.labels.index(e.label) for e in examples], dtype=np.int64)
        tokens = [german.tokens(e.text).stems for e in examples]
        grams = [german.char_grams(e.text) for e in examples]
        self._stems = Vocabulary(tokens)
        self._grams = Vocabulary(grams)
        lexical = self._lexical(tokens, grams)
        self._rows = lexical
        self._centroids = self._centre(lexical)
        self._embedded: np.ndarray | None = None
        self._embedded_centroids: np.ndarray | None = None
        if embedder is not None and examples:
            embedded = unit_rows(np.asarray(embedder.embed([e.text for e in examples]), dtype=np.float32))
            self._embedded = embedded
            self._embedded_centroids = self._centre_dense(embedded)

    def _lexical(self, tokens: Sequence[german.Counter[str]], grams: Sequence[german.Counter[str]]) -> np.ndarray:
        stems = self._stems.matrix(tokens) * np.sqrt(STEM_WEIGHT)
        chars = self._grams.matrix(grams) * np.sqrt(1.0 - STEM_WEIGHT)
        return unit_rows(sparse.hstack([stems, chars], format="csr").toarray())

    def _centre(self, rows: np.ndarray) -> np.ndarray:
        return self._centre_dense(rows)

    def _centre_dense(self, rows: np.ndarray) -> np.ndarray:
        centroids = np.zeros((len(self.labels), rows.shape[1]), dtype=np.float32)
        np.add.at(centroids, self._label_of, rows)
        return unit_rows(centroids)

    def scores(self, text: str) -> dict[str, float]:
        """Every label's score for ``text``."""
        if not self.labels:
            return {}
        query = self._lexical([german.tokens(text).stems], [german.char_grams(text)])[0]
        combined = self._mix(query, self._rows, self._centroids)
        if self.embedder is not None and self._embedded is not None and self._embedded_centroids is not None:
            vector = unit_rows(np.asarray(self.embedder.embed([text]), dtype=np.float32))[0]
            meaning = self._mix(vector, self._embedded, self._embedded_centroids)
            combined = EMBEDDING_WEIGHT * meaning + (1.0 - EMBEDDING_WEIGHT) * combined
        return {label: float(combined[i]) for i, label in enumerate(self.labels)}

    def _mix(self, query: np.ndarray, rows: np.ndarray, centroids: np.ndarray) -> np.ndarray:
        to_examples = rows @ query
        nearest = np.full(len(self.labels), -1.0, dtype=np.float32)
        np.maximum.at(nearest, self._label_of, to_examples)
        return np.asarray(CENTROID_WEIGHT * (centroids @ query) + (1.0 - CENTROID_WEIGHT) * nearest)

    def suggest(self, text: str, top: int = 3) -> list[Suggestion]:
        """The ``top`` labels for ``text``, best first (ties by label); none without examples."""
        ranked = sorted(self.scores(text).items(), key=lambda item: (-item[1], item[0]))
        return [Suggestion(label, round(max(0.0, min(score, 1.0)), 4)) for label, score in ranked[:top]]
