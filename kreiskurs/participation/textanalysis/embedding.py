"""Sentence embeddings: the interface the analysis uses and the model it finds installed.

An :class:`Embedder` turns texts into rows of unit length; two rows' dot product is their similarity.
The analysis works without one (stemmed TF-IDF, character n-grams and latent semantic rows); with one it
also finds paraphrases and groups themes by meaning. ``docs/decisions/`` records which model and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np


class Embedder(Protocol):
    """Texts → unit rows. ``name`` identifies the model and version (stored with the index state:
    vectors of different models are never mixed)."""

    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...
