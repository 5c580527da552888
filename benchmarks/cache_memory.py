"""Memory of one worker's page cache under random query strings (issue 12).

The demo district with ``--measures`` measures (``portal_load.build_data``), the
production settings (the embedded cache, ``kreiskurs.caches.BoundedLocMemCache``),
one process as one gunicorn worker would be. Then, as an anonymous visitor:

1. ``--requests`` requests of the print view with a random *unknown* parameter
   (``?x=<random>``): with the key on the parameters a page reads, they are all
   hits of one entry;
2. ``--requests`` requests of the measure list with a random value of a
   parameter it *does* read (``?seite=<random>``, each a new entry): the cache
   stays within ``MAX_BYTES``.

Prints the cache's bytes and entries and the process's resident memory after
each step.

    .venv/bin/python benchmarks/cache_memory.py [--measures 500] [--requests 2000]
"""

from __future__ import annotations

import argparse
import secrets
import time
from pathlib import Path

from benchlib import fmt_seconds, prepare_environment
from portal_load import build_data


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def report(step: str, started: float) -> None:
    from django.core.cache import caches

    real = caches["default"]
    entries = len(getattr(real, "_cache", {}))
    total = getattr(real, "total_bytes", 0)
    print(
        f"{step:<58} cache {total / 2**20:7.1f} MiB in {entries:>5} entries; "
        f"RSS {rss_mib():7.1f} MiB ({fmt_seconds(time.perf_counter() - started)})",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--measures", type=int, default=500)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    env = prepare_environment("kreiskurs-bench-cache-", production=True)
    try:
        import django
        from django.conf import settings
        from django.core.management import call_command

        django.setup()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)  # production: manifest storage
        data = build_data(args.measures, args.seed)
        from django.core.cache import cache
        from django.test import Client

        options = settings.CACHES["default"].get("OPTIONS", {})
        print(f"backend {settings.CACHES['default']['BACKEND']}, options {options}")
        cache.clear()
        client = Client(HTTP_HOST="127.0.0.1")
        document = f"/coesfeld/versionen/{data['version']}/"
        report("start", time.perf_counter())
        started = time.perf_counter()
        statuses: set[int] = set()
        for _ in range(args.requests):
            statuses.add(client.get(f"{document}?x={secrets.token_hex(8)}").status_code)
        report(f"print view, {args.requests} random unknown parameters {sorted(statuses)}", started)
        started = time.perf_counter()
        statuses = set()
        for _ in range(args.requests):
            statuses.add(client.get(f"/coesfeld/massnahmen/?seite={secrets.token_hex(8)}").status_code)
        report(f"measure list, {args.requests} random values of 'seite' {sorted(statuses)}", started)
    finally:
        env.cleanup()


if __name__ == "__main__":
    main()
