"""Opinion map at scale: 100,000 participants × 2,000 statements, about 5 million votes.

Synthetic votes with a known structure: ``--groups`` opinion camps, each with its own
stance (agree/disagree) on every statement; a participant votes on a random subset of
about ``--votes-per-participant`` statements (at least 7), follows the camp's stance
with probability 0.8, otherwise votes the other way or passes. No Django.

Prints size, wall time of ``compute_opinion_map``, peak memory (the process's peak RSS
from ``resource.getrusage`` after the run, and the peak of Python allocations traced by
``tracemalloc``, numpy included), the number of groups, the adjusted Rand index against
the true camps (over all grouped participants) and the silhouette on a sample of
5,000 participants. With ``--reddwarf-python`` red-dwarf's ``run_pipeline`` runs on the
same votes in its own venv (``reddwarf_driver.py``) and its time and peak RSS are
printed too; ``--reddwarf-participants N`` gives it only the first N participants
(it builds a dense pandas matrix).

    .venv/bin/python benchmarks/opinion_map_scale.py [--participants 100000] [--statements 2000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kreiskurs.participation.opinion import compute_opinion_map
from kreiskurs.participation.opinion.agreement import adjusted_rand_index
from kreiskurs.participation.opinion.clustering import weighted_silhouette

DRIVER = Path(__file__).resolve().parent / "reddwarf_driver.py"


def synthetic(participants: int, statements: int, per_person: int, groups: int, seed: int):
    rng = np.random.default_rng(seed)
    stance = rng.choice(np.array([-1, 1], dtype=np.int8), size=(groups, statements))
    camp = rng.integers(0, groups, size=participants)
    counts = np.clip(rng.poisson(per_person, size=participants), 7, statements)
    rows = np.repeat(np.arange(participants), counts)
    # statements per person without repetition: a random offset and stride modulo a prime > statements
    cols = np.concatenate([rng.choice(statements, size=c, replace=False) for c in counts])
    follow = rng.random(len(rows))
    values = stance[camp[rows], cols].copy()
    values[(follow >= 0.8) & (follow < 0.9)] *= -1
    values[follow >= 0.9] = 0
    return rows, cols, values, camp


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--statements", type=int, default=2_000)
    parser.add_argument("--votes-per-participant", type=int, default=50)
    parser.add_argument("--groups", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-tracemalloc", action="store_true", help="time without tracing overhead")
    parser.add_argument("--reddwarf-python")
    parser.add_argument("--reddwarf-participants", type=int)
    args = parser.parse_args()

    rows, cols, values, camp = synthetic(
        args.participants, args.statements, args.votes_per_participant, args.groups, args.seed
    )
    print(f"size: {args.participants:,} participants × {args.statements:,} statements, {len(values):,} votes")
    if not args.no_tracemalloc:
        tracemalloc.start()
    started = time.perf_counter()
    result = compute_opinion_map(rows, cols, values)
    seconds = time.perf_counter() - started
    traced = tracemalloc.get_traced_memory()[1] if not args.no_tracemalloc else 0
    tracemalloc.stop()
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"ours: {seconds:.1f} s, peak RSS {peak_rss:,.0f} MiB, traced peak {traced / 2**20:,.0f} MiB")

    grouped = [p for p in result.participants if p.group is not None]
    labels = np.array([p.group for p in grouped])
    truth = camp[np.array([p.participant for p in grouped])]
    print(f"groups: {len(result.groups)} (sizes {[g.size for g in result.groups]}), true camps: {args.groups}")
    print(f"ARI against the true camps: {adjusted_rand_index(truth.tolist(), labels.tolist()):.4f}")
    sample = np.random.default_rng(0).choice(len(grouped), size=min(5000, len(grouped)), replace=False)
    points = np.array([[grouped[i].x, grouped[i].y] for i in sample])
    score = weighted_silhouette(points, labels[sample], np.ones(len(sample)))
    print(f"silhouette on a sample of {len(sample):,}: {score:.3f}")

    if args.reddwarf_python:
        limit = args.reddwarf_participants or args.participants
        keep = rows < limit
        payload = {
            "participants": rows[keep].tolist(),
            "statements": cols[keep].tolist(),
            "values": values[keep].tolist(),
            "excluded": [],
            "seed": 0,
        }
        started = time.perf_counter()
        completed = subprocess.run(
            [args.reddwarf_python, str(DRIVER)], input=json.dumps(payload), capture_output=True, text=True
        )
        wall = time.perf_counter() - started
        if completed.returncode != 0:
            print(
                f"red-dwarf ({limit:,} participants, {int(keep.sum()):,} votes): failed after {wall:.0f} s: "
                f"{completed.stderr.strip().splitlines()[-1] if completed.stderr.strip() else completed.returncode}"
            )
        else:
            answer = json.loads(completed.stdout)
            print(
                f"red-dwarf ({limit:,} participants, {int(keep.sum()):,} votes): run_pipeline "
                f"{answer['seconds']:.1f} s (process {wall:.1f} s), peak RSS {answer['peak_rss_mib']:,.0f} MiB"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
