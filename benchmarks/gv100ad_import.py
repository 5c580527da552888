"""Benchmark of ``import_gv100ad`` on a national-size file and a fresh SQLite database.

Three runs on the same database:

1. first import (everything is created),
2. the same file again (everything unchanged),
3. the file with the population changed in ``--modify`` municipality lines (updates).

    .venv/bin/python benchmarks/gv100ad_import.py [--file GV100AD.txt] [--seed 2023] [--modify 1000] [--profile]

Without ``--file`` the file is generated with ``gv100ad_generate.py`` into the
temporary directory. Target: the first import under 10 s of import work
(``import_gv100ad`` alone is timed: Django start-up and ``migrate`` are not).
The generated file carries the areas outside any Kreis (``07000999``,
``13000999``) and gemeindefreie Gebiete, like the real national file.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchlib import BenchEnv, count_queries, fmt_seconds, prepare_environment, setup_django
from gv100ad_generate import describe, generate

TARGET_FIRST_IMPORT_S = 10.0
POPULATION = slice(139, 150)  # columns 140–150, 0-based slice


@dataclass
class Run:
    label: str
    seconds: float
    queries: int
    records: int
    created: dict[str, int]
    updated: dict[str, int]
    unchanged: dict[str, int]
    changes: int
    profile: str = ""


def modify_population(src: Path, dst: Path, count: int, seed: int) -> int:
    """Copy ``src`` to ``dst`` with a new population in ``count`` type-60 lines; returns lines changed."""
    lines = src.read_text(encoding="utf-8").splitlines()
    candidates = [i for i, line in enumerate(lines) if line.startswith("60")]
    rng = random.Random(seed)
    chosen = rng.sample(candidates, min(count, len(candidates)))
    for i in chosen:
        line = lines[i]
        old = int(line[POPULATION])
        new = old + rng.randint(1, 500)  # always a change, never negative
        lines[i] = line[: POPULATION.start] + f"{new:011d}" + line[POPULATION.stop :]
    dst.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(chosen)


def timed_import(label: str, path: Path, *, profile: bool) -> Run:
    from kreiskurs.territory import gv100ad
    from kreiskurs.territory.importer import import_gv100ad

    records, errors = gv100ad.parse_lines(gv100ad.decode(path.read_bytes())[0].split("\n"))
    if errors:
        raise SystemExit(f"{path}: {len(errors)} faults, first: {errors[0]}")
    profiler = cProfile.Profile() if profile else None
    with count_queries() as counter:
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        report = import_gv100ad(path)
        if profiler:
            profiler.disable()
        seconds = time.perf_counter() - started
    text = ""
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(18)
        text = out.getvalue()
    return Run(
        label=label,
        seconds=seconds,
        queries=counter.count,
        records=len(records),
        created=dict(report.created),
        updated=dict(report.updated),
        unchanged=dict(report.unchanged),
        changes=len(report.changes),
        profile=text,
    )


def parse_only(path: Path) -> tuple[float, int]:
    from kreiskurs.territory import gv100ad

    started = time.perf_counter()
    records, _errors = gv100ad.parse_lines(gv100ad.decode(path.read_bytes())[0].split("\n"))
    return time.perf_counter() - started, len(records)


def db_counts() -> dict[str, int]:
    from kreiskurs.territory.models import District, MunicipalAssociation, Municipality, OutsideArea

    return {
        "Kreise": District.objects.count(),
        "Gemeindeverbände": MunicipalAssociation.objects.count(),
        "Gemeinden": Municipality.objects.municipalities().count(),
        "gemeindefreie Gebiete": Municipality.objects.unincorporated().count(),
        "Gebiete außerhalb der Kreise": OutsideArea.objects.count(),
    }


def _buckets(run: Run) -> str:
    kinds = ("Kreise", "Gemeindeverbände", "Gemeinden", "Gemeindefreie Gebiete", "Gebiete außerhalb der Kreise")
    parts = []
    for kind in kinds:
        parts.append(f"{kind} {run.created.get(kind, 0)}/{run.updated.get(kind, 0)}/{run.unchanged.get(kind, 0)}")
    return "  ".join(parts) + "  (neu/geändert/unverändert)"


def run(args: argparse.Namespace, env: BenchEnv) -> int:
    migrate_s = setup_django(env)
    print(f"temp dir: {env.root}  (migrate: {fmt_seconds(migrate_s)})")

    if args.file:
        path = args.file.resolve()
        print(f"file: {path}")
    else:
        path = env.root / "GV100AD_bench.txt"
        stats = generate(path, args.seed)
        print(f"generated {path} (seed {args.seed})")
        for line in describe(stats):
            print(f"  {line}")
    modified = env.root / "GV100AD_bench_modified.txt"
    changed = modify_population(path, modified, args.modify, args.seed)

    parse_s, parsed = parse_only(path)
    print(f"parse only (no database): {parsed} records in {fmt_seconds(parse_s)}")
    print()

    runs = [
        timed_import("1 first import", path, profile=args.profile),
        timed_import("2 same file again", path, profile=args.profile),
        timed_import(f"3 population changed in {changed} lines", modified, profile=args.profile),
    ]
    counts = db_counts()

    header = f"{'run':<38} {'records':>8} {'time':>9} {'records/s':>10} {'queries':>8}  result"
    print(header)
    print("-" * (len(header) + 60))
    for r in runs:
        rate = r.records / r.seconds if r.seconds else float("inf")
        print(f"{r.label:<38} {r.records:>8} {r.seconds:>8.2f}s {rate:>10,.0f} {r.queries:>8}  {_buckets(r)}")
    print()
    print("rows in the database: " + ", ".join(f"{k} {v}" for k, v in counts.items()))

    problems = []
    first, second, third = runs
    if first.seconds >= TARGET_FIRST_IMPORT_S:
        problems.append(f"first import took {first.seconds:.1f} s (target < {TARGET_FIRST_IMPORT_S:.0f} s)")
    if sum(second.updated.values()) or sum(second.created.values()):
        problems.append(f"re-import of the same file changed rows: {second.updated} {second.created}")
    kinds = ("Gemeinden", "Gemeindefreie Gebiete", "Gebiete außerhalb der Kreise")
    updated = sum(third.updated.get(kind, 0) for kind in kinds)
    if updated != changed:
        problems.append(f"expected {changed} updated municipalities, got {updated}")
    if counts["Gebiete außerhalb der Kreise"] != 2:
        problems.append(f"expected 07000999 and 13000999 outside any district, got {counts}")
    print(
        f"first import: {first.seconds:.2f} s — "
        + ("PASS" if first.seconds < TARGET_FIRST_IMPORT_S else "FAIL")
        + f" (target < {TARGET_FIRST_IMPORT_S:.0f} s)"
    )
    for p in problems:
        print(f"PROBLEM: {p}")
    if args.profile:
        for r in runs:
            print(f"\n=== profile: {r.label} ===\n{r.profile}")
    return 1 if problems else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", type=Path, help="GV100AD file to import (default: generate one)")
    parser.add_argument("--seed", type=int, default=2023, help="seed for the generated file and the modified lines")
    parser.add_argument("--modify", type=int, default=1000, help="municipality lines to change for run 3")
    parser.add_argument("--profile", action="store_true", help="print a cProfile summary of each run")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (database and files)")
    args = parser.parse_args()
    env = prepare_environment("kreiskurs-bench-import-")
    try:
        code = run(args, env)
    finally:
        if args.keep:
            print(f"kept {env.root}")
        else:
            env.cleanup()
    sys.exit(code)


if __name__ == "__main__":
    main()
