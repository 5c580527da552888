"""Suggested labels (a field of action, a goal) for a new text, learnt from labelled examples.

The examples are the labels' own texts (a field's title and description, its goals' and measures'
texts) plus the contributions staff confirmed or corrected. Every example is one row: the stem TF-IDF
and character 4-gram rows of :mod:`index`, joined by the sentence embedding when a model is used. A
text's score for a label is the mean of two scores:

- a **linear classifier** fitted on the examples (one-vs-rest least squares with an L2 penalty, solved
  in closed form over the examples' kernel: ``α = (K + λI)⁻¹ (Y − mean Y)``, score ``k(text) · α``):
  it learns which words and directions of meaning separate the labels, where plain similarity is
  drawn to words that every label uses;
- a **similarity**: ``CENTROID_WEIGHT · cosine to the label's centroid + (1 − CENTROID_WEIGHT) ·
  mean cosine to its NEAREST closest examples`` (per space, the spaces mixed by EMBEDDING_WEIGHT), so a
  correction of a similar text counts at once.

The constants were chosen by leave-one-out on the labelled set (``benchmarks/text_analysis.py``);
neighbouring values give results within two points (``docs/text-analysis.md``).
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

CENTROID_WEIGHT = 0.7
#: How many of a label's closest examples the similarity averages.
NEAREST = 3
#: The weight of the embedding against the TF-IDF rows when a model is used.
EMBEDDING_WEIGHT = 0.7
STEM_WEIGHT = 0.5
#: The weight of the linear classifier against the similarity.
CLASSIFIER_WEIGHT = 0.5
#: The classifier's L2 penalty (λ).
PENALTY = 2.0


class LabelSuggester:
    """Built once from ``examples`` (cheap for hundreds of examples: rebuild it when examples change)."""

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
        self._spaces = [self._lexical(tokens, grams)]
        if embedder is not None and examples:
            self._spaces.append(unit_rows(np.asarray(embedder.embed([e.text for e in examples]), dtype=np.float32)))
        self._centroids = [self._centre(rows) for rows in self._spaces]
        self._alpha = self._fit() if examples else np.zeros((0, 0), dtype=np.float64)

    def _lexical(self, tokens: Sequence[german.Counter[str]], grams: Sequence[german.Counter[str]]) -> np.ndarray:
        stems = self._stems.matrix(tokens) * np.sqrt(STEM_WEIGHT)
        chars = self._grams.matrix(grams) * np.sqrt(1.0 - STEM_WEIGHT)
        return unit_rows(sparse.hstack([stems, chars], format="csr").toarray())

    def _centre(self, rows: np.ndarray) -> np.ndarray:
        centroids = np.zeros((len(self.labels), rows.shape[1]), dtype=np.float32)
        np.add.at(centroids, self._label_of, rows)
        return unit_rows(centroids)

    def _weights(self) -> list[float]:
        """Each space's weight (summing to one)."""
        if len(self._spaces) == 1:
            return [1.0]
        return [1.0 - EMBEDDING_WEIGHT, EMBEDDING_WEIGHT]

    def _kernel(self, sims: Sequence[np.ndarray]) -> np.ndarray:
        """The joint rows' dot products from each space's cosines."""
        return np.asarray(sum(w * s for w, s in zip(self._weights(), sims, strict=True)), dtype=np.float64)

    def _fit(self) -> np.ndarray:
        """The classifier's dual weights: ``(K + λI)⁻¹ (Y − mean Y)``, one column per label."""
        kernel = self._kernel([rows @ rows.T for rows in self._spaces])
        targets = np.eye(len(self.labels))[self._label_of]
        targets -= targets.mean(axis=0)
        return np.asarray(np.linalg.solve(kernel + PENALTY * np.eye(len(kernel)), targets))

    def scores(self, text: str) -> dict[str, float]:
        """Every label's score for ``text``."""
        if not self.labels:
            return {}
        queries = [self._lexical([german.tokens(text).stems], [german.char_grams(text)])[0]]
        if len(self._spaces) > 1 and self.embedder is not None:
            queries.append(unit_rows(np.asarray(self.embedder.embed([text]), dtype=np.float32))[0])
        sims = [rows @ query for rows, query in zip(self._spaces, queries, strict=True)]
        classifier = self._kernel(sims) @ self._alpha
        similarity = sum(
            w * self._similarity(s, centroids @ query)
            for w, s, centroids, query in zip(self._weights(), sims, self._centroids, queries, strict=True)
        )
        combined = CLASSIFIER_WEIGHT * classifier + (1.0 - CLASSIFIER_WEIGHT) * similarity
        return {label: float(combined[i]) for i, label in enumerate(self.labels)}

    def _similarity(self, to_examples: np.ndarray, to_centroids: np.ndarray) -> np.ndarray:
        nearest = np.zeros(len(self.labels), dtype=np.float64)
        for label in range(len(self.labels)):
            closest = np.sort(to_examples[self._label_of == label])[::-1][:NEAREST]
            nearest[label] = closest.mean()
        return np.asarray(CENTROID_WEIGHT * to_centroids + (1.0 - CENTROID_WEIGHT) * nearest)

    def suggest(self, text: str, top: int = 3) -> list[Suggestion]:
        """The ``top`` labels for ``text``, best first (ties by label); none without examples."""
        ranked = sorted(self.scores(text).items(), key=lambda item: (-item[1], item[0]))
        return [Suggestion(label, round(max(0.0, min(score, 1.0)), 4)) for label, score in ranked[:top]]
