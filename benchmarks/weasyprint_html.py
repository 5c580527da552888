"""Issue 15: WeasyPrint alone on a saved document HTML, its stages timed apart (CPU time).

Save the HTML with ``documents.py --save-html FILE``; then compare variants of it (edit the
``<style>`` in a copy) without building the data again. No database. Prints the CPU time of
parsing the HTML, the CSS cascade, building the boxes, the layout (pages, margin boxes, text),
drawing the pages, the structure tree (tags) and pydyf's serialisation, with the same options as
``kreiskurs.documents.pdf.build_pdf`` (its cached page references included, unless ``--stock``).

    .venv/bin/python benchmarks/weasyprint_html.py FILE [FILE...] [--profile OUT.prof] [--stock]
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import importlib
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

STAGES: dict[str, float] = defaultdict(float)


def _timed(module: str, name: str, stage: str, *users: str) -> None:
    """Wrap ``module.name`` (and the copies its ``users`` imported) to add its CPU time to ``stage``."""
    original = getattr(importlib.import_module(module), name)

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            STAGES[stage] += time.process_time() - start

    for target in (module, *users):
        setattr(importlib.import_module(target), name, wrapper)


def instrument() -> None:
    import pydyf

    _timed("weasyprint.css", "get_all_computed_styles", "CSS cascade", "weasyprint.document")
    _timed("weasyprint.formatting_structure.build", "build_formatting_structure", "boxes", "weasyprint.document")
    _timed("weasyprint.draw", "draw_page", "draw", "weasyprint.document")
    _timed("weasyprint.pdf.tags", "add_tags", "tags", "weasyprint.pdf")
    write = pydyf.PDF.write

    def timed_write(self: Any, *args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return write(self, *args, **kwargs)
        finally:
            STAGES["pydyf write"] += time.process_time() - start

    pydyf.PDF.write = timed_write  # type: ignore[method-assign]


def measure(path: Path, profile: str | None) -> None:
    from weasyprint import HTML

    html = path.read_text()
    STAGES.clear()
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    start = time.process_time()
    parsed = HTML(string=html)
    STAGES["parse"] = time.process_time() - start
    document = parsed.render(pdf_variant="pdf/ua-1", pdf_tags=True)
    laid_out = time.process_time()
    pdf = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    written = time.process_time()
    if profiler and profile:
        profiler.disable()
        profiler.dump_stats(profile)
    STAGES["layout"] = laid_out - start - STAGES["parse"] - STAGES["CSS cascade"] - STAGES["boxes"]
    stages = ", ".join(
        f"{name} {STAGES[name]:.1f}"
        for name in ("parse", "CSS cascade", "boxes", "layout", "draw", "tags", "pydyf write")
    )
    print(
        f"{path.name}: total {written - start:.1f} s CPU ({stages}), "
        f"{len(document.pages)} pages, {len(pdf or b'') / 1024:.0f} KiB"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--profile", help="write a cProfile of the (last) file here")
    parser.add_argument("--stock", action="store_true", help="pydyf's page references as shipped (no cache)")
    args = parser.parse_args()
    import pyphen
    import weasyprint  # noqa: F401  (Pango loaded before timing)

    pyphen.Pyphen(lang="de")  # the hyphenation patterns, loaded once per worker process (about 2 s)
    if not args.stock:
        from kreiskurs.documents.pdf_worker import _cache_page_references

        _cache_page_references()
    instrument()
    for file in args.files:
        measure(file, args.profile)
