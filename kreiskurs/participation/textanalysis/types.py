"""The values the text analysis takes and returns (frozen dataclasses, no behaviour)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

#: How two texts are alike: the same words (``exact``), nearly the same words (``near``), or the same
#: meaning in other words (``paraphrase``, only with a sentence-embedding model).
DuplicateKind = Literal["exact", "near", "paraphrase"]


@dataclass(frozen=True)
class Doc:
    """A contribution to analyse: the caller's id (an idea's or comment's primary key) and its text."""

    id: int
    text: str


@dataclass(frozen=True)
class DuplicatePair:
    """Two contributions that say the same; ``first < second``; ``score`` in [0, 1]."""

    first: int
    second: int
    score: float
    kind: DuplicateKind = "near"


@dataclass(frozen=True)
class Theme:
    """A group of contributions about one subject; ``label`` is readable German built from
    ``keywords`` (real words of the members, most characteristic first); ``members`` ascending."""

    label: str
    keywords: list[str]
    members: list[int]


@dataclass(frozen=True)
class Analysis:
    """Everything :func:`analyse` finds."""

    duplicates: list[DuplicatePair]
    themes: list[Theme]


@dataclass(frozen=True)
class Example:
    """A text known to belong to ``label`` (an opaque key, e.g. a field of action's or goal's)."""

    text: str
    label: str


@dataclass(frozen=True)
class Suggestion:
    """A suggested label with its score in [0, 1] (higher is more likely)."""

    label: str
    score: float


@dataclass
class Entry:
    """What the index keeps of one document (internal; stored in :meth:`TextIndex.state`)."""

    text: str
    embedding: list[float] | None = field(default=None)
