"""The PostgreSQL server's CPU per request, with and without prepared statements (issue 12, decision 0039).

On one machine the workers, wrk and the database server share the cores, so what the server spends
per request counts as much as the worker's own CPU. This script renders each page ``--repeats`` times
in one process (test client, production settings, ``DummyCache``) and reads the CPU time of the server
process behind its connection (``/proc/<pid>/stat``, user + system), once per mode: ``plain``
(parameters bound on the client, nothing prepared: Django's default) and ``prepared`` (server-side
binding, statements prepared after five runs: Kreiskurs's default). It prints, per page and mode, the
worker's CPU and the server's CPU per request. If the server has ``pg_stat_statements`` loaded, it
also prints the server's planning and execution time per request.

It needs the data of ``pages.py`` in a PostgreSQL database (``DATABASE_URL``), e.g. in one go::

    .venv/bin/python tools/pgtmp.py --require -- sh -c '
        .venv/bin/python benchmarks/pages.py --database postgres --reports --no-wrk --repeats 1 --data-dir D &&
        .venv/bin/python benchmarks/pg_server_cost.py --data-dir D'
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from benchlib import prepare_environment

MODES = {
    "plain": {},
    "prepared": {"server_side_binding": True, "prepare_threshold": 5},
}


def server_cpu(pid: int) -> float:
    """User + system seconds of process ``pid`` (the server backend of our connection)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def statements_stats(cursor) -> tuple[float, float] | None:
    """(planning ms, execution ms) summed over pg_stat_statements, or None without the extension."""
    cursor.execute(
        "SELECT current_setting('shared_preload_libraries') LIKE '%%pg_stat_statements%%' "
        "AND EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements')"
    )
    if not cursor.fetchone()[0]:  # optional: loaded at the server's start and created in the database
        return None
    cursor.execute("SELECT sum(total_plan_time), sum(total_exec_time) FROM pg_stat_statements")
    plan, execute = cursor.fetchone()
    return float(plan or 0), float(execute or 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", required=True, help="the data dir pages.py built (its settings, media)")
    parser.add_argument("--repeats", type=int, default=200)
    parser.add_argument("--pages", default="", help="comma-separated substrings of page names")
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        sys.exit("DATABASE_URL must name the PostgreSQL database pages.py filled (see the docstring)")
    prepare_environment("kreiskurs-bench-pgcost-", production=True, root=Path(args.data_dir))
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "settings_nocache"
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from request_cost import page_paths

    from kreiskurs.accounts.models import User

    wanted = [w for w in args.pages.split(",") if w]
    pages = [p for p in page_paths() if not wanted or any(w in p[0] for w in wanted)]
    staff = Client(HTTP_HOST="127.0.0.1")
    staff.force_login(User.objects.get(username="cdo"))
    visitor = Client(HTTP_HOST="127.0.0.1")
    print(f"{'page':28} {'mode':9} {'worker CPU':>11} {'server CPU':>11} {'plan':>8} {'execute':>8}  (ms per request)")
    for name, path, as_staff in pages:
        client = staff if as_staff else visitor
        for mode, options in MODES.items():
            connection.close()
            connection.settings_dict["OPTIONS"] = dict(options)
            for _ in range(10):  # warm: prepared after five runs, templates compiled
                client.get(path)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                pid = cursor.fetchone()[0]
                before_stats = statements_stats(cursor)
            before_server, before_worker = server_cpu(pid), time.process_time()
            for _ in range(args.repeats):
                client.get(path)
            worker = (time.process_time() - before_worker) * 1000 / args.repeats
            server = (server_cpu(pid) - before_server) * 1000 / args.repeats
            with connection.cursor() as cursor:
                after_stats = statements_stats(cursor)
            if before_stats and after_stats:
                plan = f"{(after_stats[0] - before_stats[0]) / args.repeats:8.2f}"
                execute = f"{(after_stats[1] - before_stats[1]) / args.repeats:8.2f}"
            else:
                plan = execute = f"{'–':>8}"
            print(f"{name:28} {mode:9} {worker:11.2f} {server:11.2f} {plan} {execute}", flush=True)
    connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
