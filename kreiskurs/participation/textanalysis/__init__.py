"""Text analysis of contributions in German: near-duplicates, themes and suggested labels.

Plain Python (numpy, scipy, snowballstemmer; no Django). The Django side feeds texts by id and stores
the results; ``docs/text-analysis.md`` explains the method, the thresholds and what was measured.

From scratch::

    result = analyse([Doc(1, "Schnelles Internet für Dorfbauerschaften"), Doc(2, ...)])
    result.duplicates  # [DuplicatePair(first, second, score, kind)], kind "exact" | "near" | "paraphrase"
    result.themes      # [Theme(label, keywords, members)], largest first

Incrementally (store the state between runs, analyse only what is new)::

    index = TextIndex.from_state(stored) if stored else TextIndex()
    index.add(new_docs)                 # a known id is replaced (an edited idea)
    index.remove(deleted_ids)
    index.near_duplicates(ids=[d.id for d in new_docs])   # only pairs that involve a new one
    index.themes(max_themes=8)
    stored = index.state()              # bytes (compressed JSON)

Suggested labels (field of action, goal; labels are opaque strings)::

    suggester = LabelSuggester([Example(text, "HF2"), ...])   # titles+descriptions and confirmed ideas
    suggester.suggest("Glasfaser fehlt in unserem Ortsteil", top=3)  # [Suggestion(label, score)]

A correction is one more :class:`Example` with the corrected label: rebuild the suggester with it.

Everything is deterministic: the same documents give the same result in any order of adding. With an
:class:`Embedder` (``embedder=``; see ``embedding.py``) paraphrases are found as well and themes and
suggestions use the meaning of the texts.

Modules by noun: ``german`` (tokens, stop words, stems), ``vectors`` (TF-IDF, latent rows), ``index``
(the incremental index and duplicates), ``themes`` (clustering and labels), ``labels`` (suggestions),
``embedding`` (the sentence-embedding interface), ``types`` (the values).
"""

from kreiskurs.participation.textanalysis.embedding import Embedder
from kreiskurs.participation.textanalysis.index import (
    DUPLICATE_THRESHOLD,
    PARAPHRASE_THRESHOLD,
    TextIndex,
    analyse,
)
from kreiskurs.participation.textanalysis.labels import LabelSuggester
from kreiskurs.participation.textanalysis.types import (
    Analysis,
    Doc,
    DuplicateKind,
    DuplicatePair,
    Example,
    Suggestion,
    Theme,
)

__all__ = [
    "DUPLICATE_THRESHOLD",
    "PARAPHRASE_THRESHOLD",
    "Analysis",
    "Doc",
    "DuplicateKind",
    "DuplicatePair",
    "Embedder",
    "Example",
    "LabelSuggester",
    "Suggestion",
    "TextIndex",
    "Theme",
    "analyse",
]
