"""WeasyPrint in a process of its own: lay out one part of a PDF, learn its page numbers, write it.

No Django here: the PDF's layout processes run this module (``pdf_parts``, decision 0034); the
fork server they come from has called :func:`warm`, so each starts with WeasyPrint, Pango's fonts
and pyphen's German hyphenation patterns (about 2 s of CPU, benchmarks/README.md) loaded.

Page numbers of a part: WeasyPrint numbers pages from 1 and counts ``counter(pages)`` in its own
document. A part's page numbers only show in the margin boxes, which WeasyPrint lays out after the
whole flow is paginated (``weasyprint.layout.layout_document``). :func:`numbered` hooks in there:
the part reports its page count and the first page of every anchor, receives the number of pages
before it and the document's total, and its running foot says "Seite 57 von 230" as if it had
been laid out whole.
"""

from __future__ import annotations

import contextlib
import time
import traceback
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from multiprocessing.connection import Connection
from typing import Any

import pyphen
import weasyprint
import weasyprint.layout

#: called with the part's page count and {anchor: 0-based page}; answers (pages before it, total)
PageNumbers = Callable[[int, dict[str, int]], tuple[int, int]]

_NUMBERS: ContextVar[PageNumbers | None] = ContextVar("kreiskurs_page_numbers", default=None)
_ORIGINAL_MARGIN_BOXES = weasyprint.layout.make_margin_boxes

OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1", "pdf_tags": True, "uncompressed_pdf": False}


def warm() -> None:
    """Load what every document needs once per process: pyphen's German patterns (pyphen keeps
    them in its ``hdcache``), the fonts and WeasyPrint's own style sheets (a one-line document)."""
    pyphen.Pyphen(lang="de")
    render('<html lang="de"><p style="hyphens: auto">Digitalisierungsstrategie</p></html>')


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


def _make_margin_boxes(context: Any, page: Any, state: Any) -> Any:
    """WeasyPrint's ``make_margin_boxes``; before the first page's, the part's page numbers are
    asked for (when :func:`numbered` is active) and written into every page's counters."""
    numbers = _NUMBERS.get()
    if numbers is not None and context.current_page == 1:
        page_maker = context.page_maker  # one entry per page and one after the last
        count = len(page_maker) - 1
        anchors: dict[str, int] = {}
        for index, entry in enumerate(page_maker[:count]):
            for anchor in entry[-1].get("anchors", ()):
                anchors.setdefault(anchor, index)
        before, total = numbers(count, anchors)
        for number in range(1, count + 1):
            counters = page_maker[number][3][1]
            counters["page"] = [before + number]
            counters["pages"] = [total]
    return _ORIGINAL_MARGIN_BOXES(context, page, state)


def _install() -> None:
    _cache_page_references()
    if weasyprint.layout.make_margin_boxes is not _make_margin_boxes:
        weasyprint.layout.make_margin_boxes = _make_margin_boxes


@contextlib.contextmanager
def numbered(numbers: PageNumbers) -> Iterator[None]:
    """Lay out with page numbers that ``numbers`` gives once the part is paginated."""
    _install()
    token = _NUMBERS.set(numbers)
    try:
        yield
    finally:
        _NUMBERS.reset(token)


def render(html: str) -> Any:
    """The laid-out ``weasyprint.Document`` of ``html`` (page numbers as set by :func:`numbered`)."""
    _install()
    return weasyprint.HTML(string=html, base_url=None).render(**OPTIONS)


def write(document: Any) -> bytes:
    return bytes(document.write_pdf(**OPTIONS))


def lay_out_part(html: str, connection: Connection) -> None:
    """A layout process's work: lay out ``html``, send ("paginated", pages, anchors), receive
    (pages before, total), send ("pdf", bytes, its CPU seconds, CPU and wall seconds of its stages);
    ("error", traceback) if anything fails."""

    clock: dict[str, float] = {}

    def ask(count: int, anchors: dict[str, int]) -> tuple[int, int]:
        clock["paginated"] = time.process_time()
        connection.send(("paginated", count, anchors))
        before, total = connection.recv()
        clock["waited"] = time.perf_counter()
        return int(before), int(total)

    try:
        with numbered(ask):
            document = render(html)
        clock["rendered"] = time.process_time()
        data = write(document)
        clock["written"] = time.process_time()
        clock["writing wall"] = time.perf_counter() - clock.pop("waited")
        connection.send(("pdf", data, time.process_time(), clock))
    except BaseException:  # the parent raises it: a layout process must not die silently
        connection.send(("error", traceback.format_exc()))
    finally:
        connection.close()
