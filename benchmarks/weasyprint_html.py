"""Issue 15: WeasyPrint alone on a saved document HTML, layout and writing timed apart (CPU time).

Save the HTML with ``documents.py --save-html FILE``; then compare variants of it (edit the
``<style>`` in a copy) without building the data again. No Django.

    .venv/bin/python benchmarks/weasyprint_html.py FILE [FILE...] [--profile OUT.prof]
"""

from __future__ import annotations

import argparse
import cProfile
import time
from pathlib import Path


def measure(path: Path, profile: str | None) -> None:
    from weasyprint import HTML

    html = path.read_text()
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    start = time.process_time()
    document = HTML(string=html).render(pdf_variant="pdf/ua-1", pdf_tags=True)
    laid_out = time.process_time()
    pdf = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    written = time.process_time()
    if profiler and profile:
        profiler.disable()
        profiler.dump_stats(profile)
    print(
        f"{path.name}: layout {laid_out - start:.1f} s, write {written - laid_out:.1f} s, "
        f"total {written - start:.1f} s CPU, {len(document.pages)} pages, {len(pdf or b'') / 1024:.0f} KiB"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--profile", help="write a cProfile of the (last) file here")
    args = parser.parse_args()
    import weasyprint  # noqa: F401  (Pango loaded before timing)

    for file in args.files:
        measure(file, args.profile)
