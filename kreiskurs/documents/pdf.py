"""The PDF builder: the blocks rendered by an HTML template, laid out and tagged by WeasyPrint.

WeasyPrint writes a tagged PDF (``pdf/ua-1``: structure tree, document
language, title in the metadata, headings as bookmarks); see
docs/documents.md for how far that reaches.
"""

from __future__ import annotations

from collections.abc import Callable

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


def build_pdf(doc: Document) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango costs a second at start-up

    html = HTML(string=render_html(doc), base_url=None)
    return bytes(html.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True, uncompressed_pdf=False))
