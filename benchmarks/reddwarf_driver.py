"""Runs red-dwarf on votes given as JSON on stdin; prints its group labels as JSON.

Executed by ``polis_agreement.py`` and ``opinion_map_scale.py`` with the Python of a
separate, throwaway virtual environment that has ``red-dwarf`` installed (it pulls
pandas, scikit-learn, requests …; it is not a Kreiskurs dependency):

    python3 -m venv /tmp/rdvenv && /tmp/rdvenv/bin/pip install red-dwarf==0.4.0

Input: ``{"participants": [...], "statements": [...], "values": [...], "excluded": [...],
"seed": 0}`` (parallel vote lists, 1 agree). Output: ``{"labels": {participant: group},
"seconds": wall time of run_pipeline, "peak_rss_mib": …}``.
"""

import json
import resource
import sys
import time

from reddwarf.implementations.polis import run_pipeline

data = json.load(sys.stdin)
votes = [
    {"participant_id": p, "statement_id": s, "vote": v, "modified": i}
    for i, (p, s, v) in enumerate(zip(data["participants"], data["statements"], data["values"], strict=True))
]
started = time.perf_counter()
result = run_pipeline(votes=votes, mod_out_statement_ids=data["excluded"], random_state=data["seed"])
seconds = time.perf_counter() - started
frame = result.participants_df
labels = {str(p): int(g) for p, g in frame["cluster_id"].items() if g is not None and str(g) != "<NA>"}
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
json.dump({"labels": labels, "seconds": seconds, "peak_rss_mib": peak}, sys.stdout)
