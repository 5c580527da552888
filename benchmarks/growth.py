"""Issue 12's table: every page at 50, 500 and 5,000 measures with the cache off and on, against the trivial view.

For each size, ``pages.py`` runs in its own process (its own database): the demo district filled up to N
measures through the services and adopted, a statements process (``--statements`` 2,000 / ``--votes``) and a
published evaluation round; then the in-process figures of every page with the cache emptied (queries, CPU
time of a cold render, size) and ``wrk -t2 -c20 -d5s`` against gunicorn (2 sync workers) for every page and
for ``/healthz`` in the same run, once per cache mode (``--modes off,on``: ``settings_nocache.py`` and the
configured cache). Each run's figures go to ``<out>/pages-<N>.json``; this script then prints one
table per size and the growth table, and checks:

* list pages (they paginate): at the largest size within ``--list-factor`` (1.5×) of their CPU time at
  the middle size, with the same number of queries;
* every page: at most ``--factor`` (10×) its CPU time at the previous size (50 → 500 and 500 → 5,000);
* the share of the trivial view is printed, not judged: on a machine shared with other work it is the
  robust figure under load, but its noise is larger than the differences between sizes of a flat page.

Exit status 1 when a check fails or a page does not answer 200.

    .venv/bin/python benchmarks/growth.py [--sizes 50,500,5000] [--duration 5] [--database sqlite|postgres]
        [--modes off,on] [--data-dir DIR] [--out DIR] [--votes 500000] [--no-wrk]

``--data-dir DIR`` keeps each size's database in ``DIR/<N>/`` and reuses it on the next run (building
5,000 measures through the services takes 30–60 minutes on a shared machine). With ``--database
postgres`` every run builds its data in a throw-away cluster (``tools/pgtmp.py``).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
#: pages that paginate (or never depend on the strategy's size): they must not grow with it
LIST_PAGES = {
    "measure list",
    "measure profile",
    "municipality page",
    "map, one measure's roles",
    "back office measure list",
    "statements page",
    "participation overview",
    "process page",
    "API statements",
    "API municipalities",
    "API versions",
    "API processes",
}


def run_size(size: int, args: argparse.Namespace, out: Path) -> dict[str, Any]:
    target = out / f"pages-{size}.json"
    command = [
        sys.executable,
        str(BENCH_DIR / "pages.py"),
        "--measures",
        str(size),
        "--modes",
        args.modes,
        "--duration",
        str(args.duration),
        "--database",
        args.database,
        "--votes",
        str(args.votes),
        "--json",
        str(target),
    ]
    if args.data_dir:
        command += ["--data-dir", str(Path(args.data_dir) / str(size))]
    if args.reports:
        command.append("--reports")
    if args.no_wrk:
        command.append("--no-wrk")
    started = time.perf_counter()
    print(f"\n### {size} measures: {' '.join(command[1:])}", flush=True)
    result = subprocess.run(command, check=False)
    print(f"### {size} measures: exit {result.returncode} after {time.perf_counter() - started:.0f} s", flush=True)
    if not target.exists():
        raise SystemExit(f"pages.py wrote no figures for {size} measures")
    return dict(json.loads(target.read_text(encoding="utf-8")))


def _ratio(new: float, old: float) -> float:
    return new / old if old > 0 else math.inf


def growth_table(results: list[dict[str, Any]], args: argparse.Namespace) -> list[str]:
    """One row per page: CPU and wrk figures per size, the growth ratios, and the failed checks."""
    failures: list[str] = []
    sizes = [r["measures"] for r in results]
    by_size = [{p["name"]: p for p in r["pages"]} for r in results]
    modes = [] if args.no_wrk else [m for m in args.modes.split(",") if m]  # --no-wrk: CPU and queries only
    head = "| page |"
    rule = "|---|"
    for n in sizes:
        head += f" {n:,}: CPU cold |"
        rule += "---|"
        for mode in modes:
            head += f" {mode}: req/s (share) | {mode}: p50 / p99 ms |"
            rule += "---|---|"
    for a, b in itertools.pairwise(sizes):
        head += f" {b:,} / {a:,} |"
        rule += "---|"
    print(head)
    print(rule)
    for name in by_size[0]:
        row = f"| {name} |"
        for result, pages in zip(results, by_size, strict=True):
            page = pages.get(name)
            if page is None:
                row += " – |" + " – | – |" * len(modes)
                continue
            if page["status"] != 200:
                failures.append(f"{name} at {result['measures']:,} measures: status {page['status']}")
            row += f" {page['cold_cpu_ms']:,.0f} ms ({page['queries_cold']} q) |"
            for mode in modes:
                run = page["runs"].get(mode, {})
                base = result["baselines"].get(mode, 0.0)
                rps = run.get("rps", math.nan)
                share = rps / base if base else math.nan
                p50, p99 = run.get("p50", math.nan), run.get("p99", math.nan)
                row += f" {rps:,.1f} ({share:.1%}) | {p50:,.0f} / {p99:,.0f} |"
        for (a, pa), (b, pb) in itertools.pairwise(zip(sizes, by_size, strict=True)):
            old, new = pa.get(name), pb.get(name)
            if old is None or new is None:
                row += " – |"
                continue
            ratio = _ratio(new["cold_cpu_ms"], old["cold_cpu_ms"])
            verdict = ""
            if ratio > args.factor:
                verdict = " ✗"
                failures.append(f"{name}: {b:,} measures take {ratio:.1f}× the CPU of {a:,} (limit {args.factor}×)")
            elif b == sizes[-1] and len(sizes) > 1 and name in LIST_PAGES:
                if ratio > args.list_factor:
                    verdict = " ✗"
                    failures.append(f"{name} (a list): {ratio:.1f}× at {b:,} measures (limit {args.list_factor}×)")
                if new["queries_cold"] != old["queries_cold"]:
                    verdict = " ✗"
                    failures.append(f"{name} (a list): {old['queries_cold']} → {new['queries_cold']} queries")
            row += f" {ratio:.2f}×{verdict} |"
        print(row)
    return failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="50,500,5000", help="measures per run, ascending (default 50,500,5000)")
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run (default 5)")
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--votes", type=int, default=500_000, help="votes in the statements process")
    parser.add_argument("--reports", action="store_true", help="12 monthly status reports per measure")
    parser.add_argument("--modes", default="off,on", help="page cache under wrk: off, on or off,on (default)")
    parser.add_argument("--no-wrk", action="store_true", help="in-process figures only (CPU, queries)")
    parser.add_argument("--data-dir", default="", help="keep and reuse each size's database in DIR/<size>/")
    parser.add_argument("--out", default="", help="where the JSON figures go (default: the data dir or /tmp)")
    parser.add_argument("--factor", type=float, default=10.0, help="largest allowed growth per step (10×)")
    parser.add_argument("--list-factor", type=float, default=1.5, help="largest allowed growth of a list page")
    parser.add_argument("--compare-only", action="store_true", help="only print the table of existing JSON files")
    args = parser.parse_args()

    sizes = [int(s) for s in args.sizes.split(",")]
    out = Path(args.out or args.data_dir or "/tmp/kreiskurs-growth")
    out.mkdir(parents=True, exist_ok=True)
    if args.compare_only:
        results = [json.loads((out / f"pages-{n}.json").read_text(encoding="utf-8")) for n in sizes]
    else:
        results = [run_size(n, args, out) for n in sizes]
    print()
    for r in results:
        bases = ", ".join(f"cache {m} {b:,.0f} req/s" for m, b in r["baselines"].items()) or "not run (--no-wrk)"
        print(
            f"{r['measures']:,} measures ({r['database']}): trivial view {bases}, "
            f"load average before {r['load_before']:.1f}"
        )
    print()
    failures = growth_table(results, args)
    print(
        "\nCPU cold: process CPU time of one request with the cache emptied, in-process (median of 5), with "
        "its SQL queries; req/s (share of the trivial view in the same run and cache mode), p50 / p99: wrk "
        "-t2 -c20 with the page cache off and on (back-office and participation pages are never cached). "
        "Ratios: CPU time of the larger size over the smaller."
    )
    for failure in failures:
        print(f"FAIL: {failure}")
    if not failures:
        print("all growth checks passed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
