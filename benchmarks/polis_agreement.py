"""Faithfulness to Polis: our groups and red-dwarf's against the groups Polis assigned.

For each directory of a real pol.is export (as in github.com/compdemocracy/openData):

- the votes come from ``participants-votes.csv`` (one row per participant, one column per
  comment, 1 agree, -1 disagree, 0 pass, empty = no vote; its ``group-id`` column holds
  the group Polis assigned, empty for participants Polis did not group);
- ``comments.csv``, when present, names the comments moderated out (``moderated`` = -1);
  they are excluded on both sides.

Prints, per conversation, the adjusted Rand index of our groups and of red-dwarf's
(``run_pipeline``, PCA + k-means, same seed) against Polis' ``group-id``, over the
participants all three grouped, plus the times. red-dwarf runs in a separate virtual
environment (see ``reddwarf_driver.py``); without ``--reddwarf-python`` its column is empty.

    .venv/bin/python benchmarks/polis_agreement.py /tmp/polis-data/* \\
        --reddwarf-python /tmp/rdvenv/bin/python
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kreiskurs.participation.opinion import compute_opinion_map
from kreiskurs.participation.opinion.agreement import adjusted_rand_index

DRIVER = Path(__file__).resolve().parent / "reddwarf_driver.py"


def read_export(folder: Path) -> tuple[list[int], list[int], list[int], dict[int, int], list[int]]:
    participants, statements, values = [], [], []
    polis_groups: dict[int, int] = {}
    with (folder / "participants-votes.csv").open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        first = header.index("n-disagree") + 1
        comment_ids = [int(c) for c in header[first:]]
        for row in reader:
            person = int(row[0])
            if row[1].strip():
                polis_groups[person] = int(row[1])
            for comment, cell in zip(comment_ids, row[first : len(header)], strict=False):
                if cell.strip():
                    participants.append(person)
                    statements.append(comment)
                    values.append(int(float(cell)))
    excluded: list[int] = []
    comments = folder / "comments.csv"
    if comments.exists():
        with comments.open(newline="", encoding="utf-8") as handle:
            excluded = [int(r["comment-id"]) for r in csv.DictReader(handle) if r.get("moderated", "").strip() == "-1"]
    return participants, statements, values, polis_groups, excluded


def run_reddwarf(python: str, payload: dict[str, object]) -> tuple[dict[int, int], float]:
    completed = subprocess.run(
        [python, str(DRIVER)], input=json.dumps(payload), capture_output=True, text=True, check=True
    )
    answer = json.loads(completed.stdout)
    return {int(k): v for k, v in answer["labels"].items()}, float(answer["seconds"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--reddwarf-python", help="python of a venv with red-dwarf installed")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    print(
        f"{'conversation':<45} {'votes':>7} {'grouped':>7} {'k P/ours/rd':>11} "
        f"{'ARI ours':>8} {'ARI rd':>7} {'t ours':>7} {'t rd':>7}"
    )
    for folder in args.folders:
        participants, statements, values, polis, excluded = read_export(folder)
        started = time.perf_counter()
        result = compute_opinion_map(participants, statements, values, excluded_statements=excluded, seed=args.seed)
        ours_seconds = time.perf_counter() - started
        ours = {int(p.participant): p.group for p in result.participants if p.group is not None}
        rd: dict[int, int] = {}
        rd_seconds = float("nan")
        if args.reddwarf_python:
            payload = {
                "participants": participants,
                "statements": statements,
                "values": values,
                "excluded": excluded,
                "seed": args.seed,
            }
            rd, rd_seconds = run_reddwarf(args.reddwarf_python, payload)
        common = sorted(set(polis) & set(ours) & (set(rd) if rd else set(ours)))
        truth = [polis[p] for p in common]
        ari_ours = adjusted_rand_index(truth, [ours[p] for p in common])
        ari_rd = adjusted_rand_index(truth, [rd[p] for p in common]) if rd else float("nan")
        ks = f"{len(set(polis.values()))}/{len(result.groups)}/{len(set(rd.values())) if rd else '-'}"
        print(
            f"{folder.name:<45} {len(values):>7} {len(common):>7} {ks:>11} {ari_ours:>8.3f} {ari_rd:>7.3f} "
            f"{ours_seconds:>6.2f}s {rd_seconds:>6.2f}s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
