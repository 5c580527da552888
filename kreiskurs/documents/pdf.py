"""The PDF builder: the blocks rendered by an HTML template, laid out and tagged by WeasyPrint.

WeasyPrint writes a tagged PDF (``pdf/ua-1``: structure tree, document
language, title in the metadata, headings as bookmarks); see
docs/documents.md for how far that reaches. A long document is laid out in
two processes at once and joined (``pdf_parts``, decision 0034).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .content import Document, Heading
from .pdf_merge import ANCHOR_SCHEME

logger = logging.getLogger(__name__)

#: called with the stage, done and total while the PDF is laid out
Report = Callable[[str, int, int], None]

#: from this many blocks on, a document is laid out in two processes (a 300-measure strategy has
#: about 2,700; below a few hundred, starting the processes costs more than it saves)
PARTS_FROM_BLOCKS = 600


def render_html(
    doc: Document,
    *,
    part: str = "whole",
    start: int = 0,
    end: int | None = None,
    pages: dict[int, int] | None = None,
    padding: int = 0,
) -> str:
    """The document as one HTML page (the input of WeasyPrint; also useful to look at in a browser).

    ``part``: "whole" (title page, contents with ``target-counter()`` page numbers, all blocks);
    "front" (title page and contents, the page number of heading ``i`` given as ``pages[i]``, then
    ``padding`` empty pages); or
    "body" (blocks ``start:end`` only, no title page; one starting inside a chapter names that
    chapter in the running head)."""
    blocks = list(enumerate(doc.blocks))[start:end]
    continues = ""
    if part == "body" and blocks and not (isinstance(blocks[0][1], Heading) and blocks[0][1].level == 1):
        chapter = next((b for b in reversed(doc.blocks[:start]) if isinstance(b, Heading) and b.level == 1), None)
        continues = chapter.text if chapter else ""
    numbers = pages or {}
    return render_to_string(
        "documents/pdf.html",
        {
            "doc": doc,
            "part": part,
            "blocks": blocks if part != "front" else [],
            "toc": [(i, h, numbers.get(i, "")) for i, h in doc.headings()] if part != "body" else [],
            "running_head": mark_safe(css_string(doc.running_head)),  # escaped for a CSS string below
            "continues": mark_safe(css_string(continues)),
            "anchor_scheme": ANCHOR_SCHEME,
            "padding": range(padding),
        },
    )


def css_string(text: str) -> str:
    """``text`` inside a double-quoted CSS string in a ``<style>`` element: backslash escapes for
    quotes, backslashes, line breaks and ``<`` (so ``</style>`` cannot end the element)."""
    return "".join(f"\\{ord(c):x} " if c in '"\\<>\n\r&' else c for c in text)


def build_pdf(doc: Document, *, parts: int | None = None) -> bytes:
    """The tagged PDF of ``doc``: laid out whole, or in ``parts`` processes at once and joined
    (by default two from :data:`PARTS_FROM_BLOCKS` blocks on)."""
    if parts is None:
        parts = 2 if len(doc.blocks) >= PARTS_FROM_BLOCKS else 1
    if parts > 1:
        from .pdf_parts import LayoutFailed, build_pdf_in_parts

        try:
            return build_pdf_in_parts(doc, parts)
        except LayoutFailed:  # a layout process failed or died: the slower way still works (logged)
            logger.exception("PDF in %d parts failed, laying it out whole", parts)
    from . import pdf_worker  # imported here: loading Pango and pyphen costs seconds at start-up

    return pdf_worker.write(pdf_worker.render(render_html(doc)))
