"""The PDF builder: the blocks rendered by an HTML template, laid out and tagged by WeasyPrint.

WeasyPrint writes a tagged PDF (``pdf/ua-1``: structure tree, document
language, title in the metadata, headings as bookmarks); see
docs/documents.md for how far that reaches.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .content import Document

#: called with the stage, done and total while the PDF is laid out
Report = Callable[[str, int, int], None]


def render_html(doc: Document) -> str:
    """The document as one HTML page (the input of WeasyPrint; also useful to look at in a browser)."""
    return render_to_string(
        "documents/pdf.html",
        {
            "doc": doc,
            "blocks": list(enumerate(doc.blocks)),
            "toc": doc.headings(),
            "running_head": mark_safe(css_string(doc.running_head)),  # escaped for a CSS string below
        },
    )


def css_string(text: str) -> str:
    """``text`` inside a double-quoted CSS string in a ``<style>`` element: backslash escapes for
    quotes, backslashes, line breaks and ``<`` (so ``</style>`` cannot end the element)."""
    return "".join(f"\\{ord(c):x} " if c in '"\\<>\n\r&' else c for c in text)


def _page_references(pdf: Any) -> tuple[bytes, ...]:
    """pydyf's ``PDF.page_references``, built once per page count instead of once per call.

    WeasyPrint's tagging asks for the page list once per structure element (about 33,000 times
    for a 300-measure strategy), and pydyf 0.13 formats every page's reference anew each time:
    4–5 s of CPU for 224 pages (benchmarks/README.md, "Documents"). Pages are only ever appended
    (``PDF.add_page``), so the tuple is valid as long as the page count is unchanged. Same
    bytes out; to be dropped when pydyf caches it itself.
    """
    kids = pdf.pages["Kids"]
    cached = pdf.__dict__.get("_kreiskurs_page_references")
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf.__dict__["_kreiskurs_page_references"] = cached
    return cached[1]


def _cache_page_references() -> None:
    import pydyf

    if getattr(pydyf.PDF.page_references, "fget", None) is not _page_references:
        pydyf.PDF.page_references = property(_page_references)  # type: ignore[method-assign,assignment]


def build_pdf(doc: Document) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango costs a second at start-up

    _cache_page_references()
    html = HTML(string=render_html(doc), base_url=None)
    return bytes(html.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True, uncompressed_pdf=False))
