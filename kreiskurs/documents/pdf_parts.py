"""A long PDF laid out in two processes at once and joined into one tagged PDF (decision 0034).

WeasyPrint lays out in one thread; the 300-measure strategy takes about 27 s of CPU, over the
20 s the issue allows. On this machine's two cores two processes halve the wait:

1. the blocks are cut into ``parts`` of about equal size at a chapter or section heading
   (:func:`split`); each is rendered as a "body" HTML and laid out in a process of its own
   (``pdf_worker.lay_out_part``), while this process lays out the title page and table of contents
   once with placeholder page numbers ("888", as wide as the real ones) to learn their page count;
2. each part reports its page count and the page of every anchor once it is paginated, and waits;
3. this process now knows every page number and sends each part the number of pages before it and
   the total, which the part's running foot shows ("Seite 57 von 230"); then it lays out the front
   with the real numbers in the table of contents (:func:`_front`) while the parts draw;
4. the parts write their PDFs, and ``pdf_merge.merge`` joins front and parts (structure tree,
   bookmarks, links; the first part's catalogue).

The processes come from a fork server that has imported ``pdf_preload`` (WeasyPrint, fonts and
pyphen's patterns loaded once): forking this process directly is unsafe when it runs threads
(a web server, the database worker), and a fresh interpreter per part would pay those 3 s again.
"""

from __future__ import annotations

import itertools
import multiprocessing
import time
from multiprocessing.connection import Connection, wait
from typing import Any

from . import pdf_worker
from .content import Block, BulletList, Document, Facts, Heading, Paragraph, Table
from .pdf import render_html
from .pdf_merge import merge

#: wall seconds of the last run's stages and the layout processes' CPU seconds (for benchmarks/)
STATS: dict[str, float] = {}

#: a layout process that has not answered in this many seconds is taken to hang
PATIENCE = 900.0


class LayoutFailed(RuntimeError):
    """A layout process failed or died; the message carries its traceback or exit code."""


def cost(block: Block) -> int:
    """A block's share of the layout time, in characters (plus a little per box)."""
    if isinstance(block, Heading | Paragraph):
        return 40 + len(block.text)
    if isinstance(block, BulletList):
        return sum(40 + len(item) for item in block.items)
    if isinstance(block, Facts):
        return sum(40 + len(label) + len(value) for label, value in block.rows)
    if isinstance(block, Table):
        return sum(40 + sum(20 + len(cell) for cell in row) for row in [block.headers, *block.rows])
    return 40


def split(doc: Document, parts: int) -> list[tuple[int, int]]:
    """``parts`` ranges of block indices of about equal cost, each starting at a heading of level 1
    or 2 (a chapter within 3 % of the ideal cut is preferred to a section)."""
    costs = [cost(block) for block in doc.blocks]
    total = sum(costs)
    before = [0]
    for value in costs:
        before.append(before[-1] + value)
    cuts = [i for i, block in enumerate(doc.blocks) if i > 0 and isinstance(block, Heading) and block.level <= 2]
    bounds = [0]
    for k in range(1, parts):
        ideal = total * k / parts
        candidates = [i for i in cuts if i > bounds[-1]]
        if not candidates:
            break

        def distance(i: int, ideal: float = ideal) -> float:
            chapter = isinstance(doc.blocks[i], Heading) and doc.blocks[i].level == 1  # type: ignore[union-attr]
            return abs(before[i] - ideal) - (0.03 * total if chapter else 0)

        bounds.append(min(candidates, key=distance))
    bounds.append(len(doc.blocks))
    return list(itertools.pairwise(bounds))


def _context() -> Any:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["kreiskurs.documents.pdf_preload"])
    return context


def warm_up() -> None:
    """Start the fork server of the layout processes now, if it is not running (it then warms up
    in its own process while this one goes on: call it before reading a long document's content).
    Starts nothing in a process that never builds a long PDF, such as a web server."""
    from multiprocessing import forkserver

    _context()
    forkserver.ensure_running()


def _receive(process: Any, connection: Connection, kind: str) -> tuple[Any, ...]:
    if not connection.poll() and not wait([connection, process.sentinel], PATIENCE):
        raise LayoutFailed(f"{process.name}: no answer in {PATIENCE:.0f} s")
    if not connection.poll():
        raise LayoutFailed(f"{process.name}: ended with exit code {process.exitcode}")
    message = connection.recv()
    if message[0] == "error":
        raise LayoutFailed(f"{process.name}:\n{message[1]}")
    if message[0] != kind:
        raise LayoutFailed(f"{process.name}: sent {message[0]!r}, expected {kind!r}")
    return tuple(message)


def _front_pages(doc: Document, headings: list[int], digits: int) -> int:
    """The pages of title page and contents with every page number ``digits`` digits wide."""
    placeholders = dict.fromkeys(headings, int("8" * digits))
    return len(pdf_worker.render(render_html(doc, part="front", pages=placeholders)).pages)


def _front(doc: Document, numbers: dict[int, int], total: int, pages: int) -> Any:
    """Title page and contents with the real page numbers, in exactly ``pages`` pages.

    The parts were told ``pages`` (from the placeholders, as wide as the widest real number:
    DejaVu Sans has digits of one width), so the real numbers never need more lines; should
    narrower ones save the last contents page, an empty page keeps the count."""
    with pdf_worker.numbered(lambda _count, _anchors: (0, total)):
        front = pdf_worker.render(render_html(doc, part="front", pages=numbers))
        if len(front.pages) < pages:
            front = pdf_worker.render(render_html(doc, part="front", pages=numbers, padding=pages - len(front.pages)))
    if len(front.pages) != pages:
        raise LayoutFailed(f"the contents take {len(front.pages)} pages instead of {pages}")
    return front


def build_pdf_in_parts(doc: Document, parts: int = 2) -> bytes:
    """The PDF of ``doc`` laid out in ``parts`` processes and this one (the front), joined."""
    started = time.perf_counter()
    context = _context()
    workers: list[tuple[Any, Connection]] = []
    bounds = split(doc, parts)
    try:
        for number, (start, end) in enumerate(bounds, start=1):
            html = render_html(doc, part="body", start=start, end=end)
            ours, theirs = context.Pipe()
            process = context.Process(
                target=pdf_worker.lay_out_part, args=(html, theirs), name=f"pdf-part-{number}", daemon=True
            )
            process.start()
            theirs.close()
            workers.append((process, ours))
        STATS["processes started"] = time.perf_counter() - started
        headings = [index for index, _heading in doc.headings()]
        digits = 3
        front_pages = _front_pages(doc, headings, digits)
        STATS["front guessed"] = time.perf_counter() - started
        reports = [_receive(process, connection, "paginated") for process, connection in workers]
        paginated = time.perf_counter()
        body_pages = sum(report[1] for report in reports)
        if len(str(front_pages + body_pages)) > digits:  # 1,000 pages or more: wider numbers
            digits = len(str(front_pages + body_pages))
            front_pages = _front_pages(doc, headings, digits)
        numbers: dict[int, int] = {}
        offsets = []
        before = front_pages
        for _kind, count, anchors in reports:
            offsets.append(before)
            for index in headings:
                if (page := anchors.get(f"b{index}")) is not None:
                    numbers[index] = before + page + 1
            before += count
        total = front_pages + body_pages
        for (_process, connection), offset in zip(workers, offsets, strict=True):
            connection.send((offset, total))
        STATS["numbers sent"] = time.perf_counter() - started
        front = _front(doc, numbers, total, front_pages)
        front_pdf = pdf_worker.write(front)
        answers = [_receive(process, connection, "pdf") for process, connection in workers]
        bodies = [answer[1] for answer in answers]
        STATS["layout processes CPU"] = sum(answer[2] for answer in answers)
        for number, (answer, report) in enumerate(zip(answers, reports, strict=True), start=1):
            STATS[f"part {number} CPU ({report[1]} pages)"] = answer[2]
            clock = answer[3]
            STATS[f"part {number} CPU paginated"] = clock["paginated"]
            STATS[f"part {number} CPU drawn and written"] = clock["written"] - clock["rendered"]
            STATS[f"part {number} wall after numbers"] = clock["writing wall"]
        STATS["parts laid out"] = paginated - started
        STATS["parts written"] = time.perf_counter() - started
    finally:
        for process, connection in workers:
            connection.close()
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()
    joined = time.perf_counter()
    merged = merge([front_pdf, *bodies], [0, *(_sections_before_chapter(doc, start, end) for start, end in bounds)])
    STATS["merge"] = time.perf_counter() - joined
    return merged


def _sections_before_chapter(doc: Document, start: int, end: int) -> int:
    """The level-2 headings a part begins with before its first chapter (bookmarks that belong
    below the previous part's last chapter)."""
    count = 0
    for block in doc.blocks[start:end]:
        if isinstance(block, Heading):
            if block.level == 1:
                break
            count += block.level == 2
    return count
