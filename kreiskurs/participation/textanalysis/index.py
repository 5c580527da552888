"""The incremental text index: add and remove contributions, ask for near-duplicates and themes.

Only what is expensive is kept per document (its text, its tokens, and its sentence embedding when a
model is used); the TF-IDF weights depend on the whole corpus and are recomputed on demand, which
takes well under a second for 10,000 texts. So adding 100 contributions to a stored index costs their
tokens and embeddings, and the result equals an index built from scratch over the same documents.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from kreiskurs.participation.textanalysis import german
from kreiskurs.participation.textanalysis.embedding import Embedder
from kreiskurs.participation.textanalysis.themes import find_themes
from kreiskurs.participation.textanalysis.types import Analysis, Doc, DuplicatePair, Theme
from kreiskurs.participation.textanalysis.vectors import normalise_rows, one_blas_thread, tfidf, unit_rows

#: Combined TF-IDF similarity (mean of stem and character 4-gram cosine) from which two texts count as
#: near-duplicates; chosen on the labelled set (``docs/text-analysis.md``).
DUPLICATE_THRESHOLD = 0.6
#: Embedding cosine from which two texts count as paraphrases (with a sentence-embedding model).
PARAPHRASE_THRESHOLD = 0.6
#: The weight of the stem cosine in the combined similarity (the rest: character 4-grams).
STEM_WEIGHT = 0.5
STATE_FORMAT = 1
_BLOCK = 512
_STATE_FORMAT_ERROR = "unknown text index state format"


@dataclass
class _Doc:
    text: str
    canonical: str
    tokens: german.Tokens
    grams: Counter[str]
    embedding: np.ndarray | None = None


def _prepare(text: str) -> _Doc:
    return _Doc(text=text, canonical=german.canonical(text), tokens=german.tokens(text), grams=german.char_grams(text))


class TextIndex:
    """Contributions by id. Adding an id again replaces its text. Not thread-safe."""

    def __init__(self, *, embedder: Embedder | None = None) -> None:
        self.embedder = embedder
        self._docs: dict[int, _Doc] = {}

    def __len__(self) -> int:
        return len(self._docs)

    @property
    def ids(self) -> list[int]:
        return sorted(self._docs)

    def add(self, docs: Iterable[Doc]) -> None:
        """Index ``docs`` (their tokens now, their embeddings in one batch)."""
        added = {doc.id: _prepare(doc.text) for doc in docs}
        self._docs.update(added)
        self._embed(list(added))

    def remove(self, ids: Iterable[int]) -> None:
        """Forget ``ids`` (unknown ids are ignored)."""
        for doc_id in ids:
            self._docs.pop(doc_id, None)

    def _embed(self, ids: list[int]) -> None:
        if self.embedder is None:
            return
        missing = [i for i in ids if self._docs[i].embedding is None]
        if missing:
            rows = unit_rows(np.asarray(self.embedder.embed([self._docs[i].text for i in missing]), dtype=np.float32))
            for doc_id, row in zip(missing, rows, strict=True):
                self._docs[doc_id].embedding = row

    # --- the vectors -------------------------------------------------------------------------------

    def _similarity_rows(self, order: list[int]) -> sparse.csr_matrix:
        """Per document one unit row whose dot products are the combined TF-IDF similarity."""
        stems = tfidf([self._docs[i].tokens.stems for i in order])
        grams = tfidf([self._docs[i].grams for i in order])
        weighted = sparse.hstack([stems * np.sqrt(STEM_WEIGHT), grams * np.sqrt(1.0 - STEM_WEIGHT)], format="csr")
        return normalise_rows(weighted)

    def _embeddings(self, order: list[int]) -> np.ndarray | None:
        if self.embedder is None or not order:
            return None
        self._embed(order)
        rows = [self._docs[i].embedding for i in order]
        return np.vstack([row for row in rows if row is not None])

    # --- questions --------------------------------------------------------------------------------

    def near_duplicates(
        self,
        ids: Iterable[int] | None = None,
        *,
        threshold: float = DUPLICATE_THRESHOLD,
        paraphrase_threshold: float = PARAPHRASE_THRESHOLD,
    ) -> list[DuplicatePair]:
        """Pairs of contributions that say the same, best first.

        With ``ids``, only pairs that involve at least one of them (the new contributions of an
        incremental run). ``exact``: the same words ignoring case and punctuation; ``near``: combined
        TF-IDF similarity ≥ ``threshold``; ``paraphrase``: embedding cosine ≥ ``paraphrase_threshold``
        (only with a model)."""
        with one_blas_thread():
            return self._near_duplicates(ids, threshold, paraphrase_threshold)

    def _near_duplicates(
        self, ids: Iterable[int] | None, threshold: float, paraphrase_threshold: float
    ) -> list[DuplicatePair]:
        order = self.ids
        if len(order) < 2:
            return []
        position = {doc_id: i for i, doc_id in enumerate(order)}
        wanted = sorted({position[i] for i in ids if i in position}) if ids is not None else list(range(len(order)))
        rows = self._similarity_rows(order)
        embeddings = self._embeddings(order)
        found: dict[tuple[int, int], DuplicatePair] = {}
        for start in range(0, len(wanted), _BLOCK):
            block = np.array(wanted[start : start + _BLOCK])
            scores = (rows[block] @ rows.T).toarray()
            meaning = embeddings[block] @ embeddings.T if embeddings is not None else None
            for r, i in enumerate(block):
                scores[r, i] = 0.0
                candidates = set(np.flatnonzero(scores[r] >= threshold).tolist())
                if meaning is not None:
                    meaning[r, i] = 0.0
                    candidates.update(np.flatnonzero(meaning[r] >= paraphrase_threshold).tolist())
                for j in candidates:
                    a, b = order[i], order[j]
                    key = (min(a, b), max(a, b))
                    if key in found:
                        continue
                    lexical = float(scores[r, j])
                    found[key] = self._pair(key, lexical, None if meaning is None else float(meaning[r, j]), threshold)
        return sorted(found.values(), key=lambda p: (-p.score, p.first, p.second))

    def _pair(self, key: tuple[int, int], lexical: float, meaning: float | None, threshold: float) -> DuplicatePair:
        first, second = key
        if self._docs[first].canonical == self._docs[second].canonical:
            return DuplicatePair(first, second, 1.0, "exact")
        if lexical >= threshold or meaning is None:
            return DuplicatePair(first, second, round(min(lexical, 1.0), 4), "near")
        return DuplicatePair(first, second, round(min(meaning, 1.0), 4), "paraphrase")

    def themes(self, max_themes: int = 8, *, min_size: int = 3) -> list[Theme]:
        """Groups of contributions by subject, largest first (see :func:`themes.find_themes`)."""
        order = self.ids
        with one_blas_thread():
            return find_themes(
                order,
                [self._docs[i].tokens for i in order],
                self._embeddings(order),
                max_themes=max_themes,
                min_size=min_size,
            )

    # --- storage ----------------------------------------------------------------------------------

    def state(self) -> bytes:
        """The index as compressed JSON: texts and embeddings (float16, base64) per id, the model's name."""
        payload = {
            "format": STATE_FORMAT,
            "embedder": self.embedder.name if self.embedder is not None else None,
            "docs": [[doc_id, d.text, _encode(d.embedding)] for doc_id, d in sorted(self._docs.items())],
        }
        return zlib.compress(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)

    @classmethod
    def from_state(cls, state: bytes, *, embedder: Embedder | None = None) -> TextIndex:
        """An index from :meth:`state`. Embeddings of another model than ``embedder`` are dropped
        (and computed anew when needed)."""
        payload = json.loads(zlib.decompress(state).decode("utf-8"))
        if payload.get("format") != STATE_FORMAT:
            raise ValueError(_STATE_FORMAT_ERROR)
        index = cls(embedder=embedder)
        same_model = embedder is not None and payload.get("embedder") == embedder.name
        for doc_id, text, vector in payload["docs"]:
            entry = _prepare(text)
            if same_model and vector is not None:
                entry.embedding = _decode(vector)
            index._docs[int(doc_id)] = entry
        return index


def _encode(vector: np.ndarray | None) -> str | None:
    if vector is None:
        return None
    return base64.b64encode(vector.astype("<f2").tobytes()).decode("ascii")


def _decode(text: str) -> np.ndarray:
    return unit_rows(np.frombuffer(base64.b64decode(text), dtype="<f2").astype(np.float32)[None, :])[0]


def analyse(docs: Sequence[Doc], *, embedder: Embedder | None = None, max_themes: int = 8) -> Analysis:
    """Near-duplicates and themes of ``docs`` from scratch (a fresh :class:`TextIndex`)."""
    index = TextIndex(embedder=embedder)
    index.add(docs)
    return Analysis(duplicates=index.near_duplicates(), themes=index.themes(max_themes))
