"""The content model every document shares: a plain list of blocks.

A selector (``selectors.py``) turns a version, a comparison or a report into a
:class:`Document`; the PDF builder (``pdf.py``: an HTML template rendered by
WeasyPrint) and the DOCX builder (``word.py``: python-docx) walk the same
blocks, so both files always say the same. Texts are plain strings (already
translated and formatted in German); the builders escape and lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Literal


@dataclass(frozen=True)
class Heading:
    kind: ClassVar[str] = "heading"
    level: int  # 1 = chapter (new page, running head), 2 = section, 3 = sub-section
    text: str


@dataclass(frozen=True)
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    text: str
    style: Literal["", "lead", "note"] = ""


@dataclass(frozen=True)
class BulletList:
    kind: ClassVar[str] = "bulletlist"
    items: list[str]


@dataclass(frozen=True)
class Table:
    kind: ClassVar[str] = "table"
    headers: list[str]
    rows: list[list[str]]
    caption: str = ""
    #: the columns' shares of the width in per cent (the PDF; Word fits columns to their text); equal if empty
    widths: tuple[int, ...] = ()


@dataclass(frozen=True)
class Facts:
    """A two-column table of label and value (the head of a measure profile)."""

    kind: ClassVar[str] = "facts"
    rows: list[tuple[str, str]]


Block = Heading | Paragraph | BulletList | Table | Facts


@dataclass
class Document:
    """One document: the title page, then a table of contents of the headings, then the blocks."""

    title: str
    subtitle: str
    #: the line at the top of every page after the title page
    running_head: str
    #: lines under the title on the title page (publisher, state, date)
    title_lines: list[str]
    language: str = "de"
    author: str = ""
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def headings(self, deepest: int = 2) -> list[tuple[int, Heading]]:
        """The headings of the table of contents, each with its index in ``blocks`` (its anchor)."""
        return [(i, b) for i, b in enumerate(self.blocks) if isinstance(b, Heading) and b.level <= deepest]


def table_or_note(
    headers: list[str], rows: list[list[str]], empty: str, caption: str = "", widths: tuple[int, ...] = ()
) -> Block:
    """A table, or a note saying there is nothing to show (an empty table reads as a mistake)."""
    return Table(headers, rows, caption, widths) if rows else Paragraph(empty, "note")
