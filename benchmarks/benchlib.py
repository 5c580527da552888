"""Shared set-up for the benchmark scripts: a throw-away SQLite database.

Every script calls :func:`prepare_environment` *before* ``django.setup()``,
so settings read a temporary ``DATABASE_URL`` and ``KREISKURS_VAR_DIR`` and
nothing under ``var/`` is ever touched.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class BenchEnv:
    root: Path  # the temporary directory
    database: Path  # SQLite file inside it
    var_dir: Path  # KREISKURS_VAR_DIR inside it

    def cleanup(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def prepare_environment(prefix: str, *, production: bool = False, root: Path | None = None) -> BenchEnv:
    """Create a temp dir and point DATABASE_URL / KREISKURS_VAR_DIR into it
    (``root``: an existing directory of an earlier run kept with ``--keep``, reused as it is).

    With ``production=True`` the settings are those of a production
    deployment behind plain HTTP on localhost (DEBUG off, manifest static
    storage, no HTTPS redirect). Debug mode is always switched off: it
    records every query and would distort the numbers.
    """
    root = root.resolve() if root is not None else Path(tempfile.mkdtemp(prefix=prefix))
    env = BenchEnv(root=root, database=root / "bench.sqlite3", var_dir=root / "var")
    env.var_dir.mkdir(exist_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kreiskurs.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{env.database}"  # absolute path: sqlite:////tmp/…
    os.environ["KREISKURS_VAR_DIR"] = str(env.var_dir)
    os.environ.pop("KREISKURS_DEBUG", None)
    os.environ.setdefault("KREISKURS_SECRET_KEY", "bench")  # debug off: the settings refuse to run without one
    if production:
        os.environ["KREISKURS_HTTPS"] = "0"
        os.environ["KREISKURS_SECRET_KEY"] = "bench"
        os.environ["KREISKURS_ALLOWED_HOSTS"] = "127.0.0.1"
    return env


def setup_django(env: BenchEnv) -> float:
    """``django.setup()`` and ``migrate`` on the temp database; returns the migrate time in seconds."""
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    name = Path(str(settings.DATABASES["default"]["NAME"]))
    if env.root not in name.parents:
        raise RuntimeError(f"refusing to run: database {name} is not inside {env.root}")
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    return time.perf_counter() - started


class QueryCounter:
    """Counts SQL statements through ``connection.execute_wrapper`` (cheap, works with DEBUG off)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


@contextmanager
def count_queries() -> Iterator[QueryCounter]:
    from django.db import connection

    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        yield counter


def fmt_seconds(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def measure_page(client: Any, path: str, repeats: int) -> tuple[int, int, float, int]:
    """(status, queries, median ms, bytes) of GET ``path`` with a Django test client; the first request warms up."""
    client.get(path)
    with count_queries() as counter:
        response = client.get(path)
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        client.get(path)
        times.append(time.perf_counter() - started)
    return response.status_code, counter.count, statistics.median(times) * 1000, len(response.content)


def run_in_environment(args: Any, prefix: str, run: Any) -> None:
    """Run ``run(args, env)`` in a fresh production-like environment; exit with its status.

    The temporary directory (database, files) is removed afterwards unless ``args.keep``.
    """
    env = prepare_environment(prefix, production=True)
    try:
        code = run(args, env)
    finally:
        if args.keep:
            print(f"kept {env.root}")
        else:
            env.cleanup()
    raise SystemExit(code)
