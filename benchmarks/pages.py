"""Every page of issue 12 with the page cache off and on, against the trivial view in the same run.

1. A fresh database (SQLite in a temp dir, or PostgreSQL with ``--database postgres``:
   the script re-runs itself under ``tools/pgtmp.py``) with the demo district
   (Kreis Coesfeld). Version 2 is taken back into draft, filled up to ``--measures``
   measures through the services staff use, and adopted. With ``--reports``, one
   year of monthly status reports per measure (``record_status_report``). A
   statements process from a synthetic pol.is export (``--statements`` 2,000,
   ``--votes`` 500,000; ``participation_statements.generate`` + ``import_polis``),
   and a published evaluation round on the adopted version whose period covers
   the votes and the reports (``evaluation.services``).
2. ``kreiskurs collectstatic`` (production uses whitenoise's manifest storage).
3. In-process (test client, production settings): SQL queries of a cold request
   (cache emptied first) and of a warm one (2nd request, cache on), the median
   time of cold renders and the body size. ``--profile K`` profiles one cold
   request of the K slowest pages with cProfile (``--profile-dir`` keeps the
   ``.prof`` files).
4. gunicorn, 2 sync workers, production settings, on 127.0.0.1, twice: cache
   OFF (``wsgi_nocache.py``: DummyCache and no per-process API copy) and cache
   ON (the configured LocMem). ``wrk -t2 -c20`` against every page and against
   ``/healthz`` (first and last in each mode; their mean is the mode's
   baseline). Back-office pages run as the strategy team (session cookie
   header). After a page slower than ``--restart-ms`` in-process, gunicorn is
   restarted so its queue of abandoned requests does not slow the next page.

    .venv/bin/python benchmarks/pages.py [--measures 500] [--reports] [--duration 8]
        [--database sqlite|postgres] [--pages SUBSTRING] [--no-wrk] [--profile 4]
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import io
import os
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchlib import PROJECT_DIR, BenchEnv, fmt_seconds, prepare_environment
from portal_load import PHASES, _ms, build_data, free_port, stop_gunicorn

DISTRICT_KEY = "05558"
SLUG = "coesfeld"
TRIVIAL = "/healthz"
BIN = Path(sys.executable).parent
BENCH_DIR = Path(__file__).resolve().parent
MODES = ("off", "on")


@dataclass
class Run:
    rps: float = 0.0
    p50: float = float("nan")
    p99: float = float("nan")
    requests: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class Page:
    name: str
    path: str
    staff: bool = False  # requested as the strategy team (session cookie)
    status: int = 0
    queries_cold: int = 0
    queries_warm: int = 0
    cold_ms: float = 0.0
    cold_cpu_ms: float = 0.0  # process CPU time of the same renders: steadier than wall time on a shared machine
    bytes: int = 0
    runs: dict[str, Run] = field(default_factory=dict)


# --- test data ---------------------------------------------------------------------------------


def build_strategy(target: int, seed: int) -> dict[str, Any]:
    """Demo district; version 2 back into draft, filled up to ``target`` measures and adopted (portal_load.py)."""
    from kreiskurs.strategy import selectors
    from kreiskurs.territory.models import District

    built = build_data(target, seed)
    district = District.objects.get(slug="coesfeld")
    current = selectors.current_version(district)
    assert current is not None and current.number == built["version"]
    return {**built, "district": district, "version": current}


def add_status_reports(version: Any, seed: int) -> int:
    """One report per month for the last 12 months, per measure of ``version`` (by the strategy team)."""
    from django.db import transaction
    from django.utils import timezone

    from kreiskurs.accounts.models import User
    from kreiskurs.strategy import services
    from kreiskurs.strategy.models import Measure

    rng = random.Random(seed)
    team = User.objects.get(username="cdo")
    today = timezone.localdate()
    months = [(today.replace(day=1) - dt.timedelta(days=31 * k)).replace(day=min(today.day, 28)) for k in range(12)]
    months.sort()
    written = 0
    with transaction.atomic():
        for measure in Measure.objects.filter(version=version).order_by("pk"):
            first = rng.randrange(len(PHASES) - 2)
            for i, date in enumerate(months):
                services.record_status_report(
                    by=team,
                    measure=measure,
                    date=date,
                    phase=PHASES[min(first + i // 4, len(PHASES) - 1)],
                    progress=min(100, 5 + i * 8 + rng.randrange(5)),
                    text=f"Monatsbericht {date:%m/%Y}: Arbeitspakete planmäßig, nächste Schritte abgestimmt.",
                    risks="Personalengpass in der Fachabteilung." if rng.random() < 0.2 else "",
                )
                written += 1
    return written


def add_statements(district: Any, folder: Path, args: argparse.Namespace) -> Any:
    """A statements process from a synthetic pol.is export (participation_statements.py's generator)."""
    from participation_statements import generate

    from kreiskurs.participation.services.polis import import_polis

    generate(
        folder,
        participants=args.participants,
        statements=args.statements,
        votes=args.votes,
        changes=min(args.votes // 50, 10_000),
        agree=-1,
        seed=7,
    )
    return import_polis(by=None, district=district, folder=folder).process


def add_evaluation(version: Any) -> Any:
    """A published evaluation round on the adopted version, covering the votes (2025) and the reports."""
    from django.utils import timezone

    from kreiskurs.accounts.models import User
    from kreiskurs.evaluation import services

    team = User.objects.get(username="cdo")
    evaluation = services.open_round(
        by=team,
        version=version,
        title="Evaluation 2025/26 (Benchmark)",
        period_start=dt.date(2025, 1, 1),
        period_end=timezone.localdate(),
    )
    evaluation = services.update_findings(
        by=team, evaluation=evaluation, findings="Ergebnisse des Benchmarks.", expected_revision=None
    )
    return services.publish_round(by=team, evaluation=evaluation)


def existing_data() -> tuple[dict[str, Any], Any, Any]:
    """The strategy, statements process and evaluation round of a database built by an earlier run (``--reuse``)."""
    from kreiskurs.evaluation.models import EvaluationRound
    from kreiskurs.participation.models import Process
    from kreiskurs.strategy import selectors
    from kreiskurs.strategy.models import Measure
    from kreiskurs.territory.models import District

    district = District.objects.get(slug=SLUG)
    version = selectors.current_version(district)
    assert version is not None, "the reused database has no adopted version"
    data = {
        "district": district,
        "version": version,
        "measures": Measure.objects.filter(version=version).count(),
        "measure_lineage": str(Measure.objects.get(version=version, code="M1").lineage),
    }
    process = Process.objects.filter(district=district, external_source="polis").latest("pk")
    evaluation = EvaluationRound.objects.filter(version=version).latest("pk")
    return data, process, evaluation


def page_list(data: dict[str, Any], process: Any, evaluation: Any) -> list[Page]:
    version = data["version"]
    return [
        Page("district home", f"/{SLUG}/"),
        Page("measure list", f"/{SLUG}/massnahmen/"),
        Page("measure profile", f"/{SLUG}/massnahmen/{data['measure_lineage']}/"),
        Page("municipality page", f"/{SLUG}/gemeinden/duelmen-stadt/"),
        Page("map", f"/{SLUG}/karte/"),
        Page("map, one measure's roles", f"/{SLUG}/karte/?layer=measure:{data['measure_lineage']}"),
        Page("version comparison", f"/{SLUG}/versionen/vergleich/"),
        Page("print view (document)", f"/{SLUG}/versionen/{version.number}/"),
        Page("API strategy document", f"/api/v1/districts/{DISTRICT_KEY}/strategy/"),
        Page("evaluation report", f"/{SLUG}/evaluation/{evaluation.pk}/"),
        Page("back office dashboard", f"/{SLUG}/verwaltung/", staff=True),
        Page("back office measure list", f"/{SLUG}/verwaltung/massnahmen/", staff=True),
        Page("statements page", f"/{SLUG}/beteiligung/{process.pk}/thesen/"),
        Page("participation overview", f"/{SLUG}/beteiligung/"),
        Page("process page", f"/{SLUG}/beteiligung/{process.pk}/"),
        Page("API statements", f"/api/v1/processes/{process.pk}/statements/"),
        Page("API municipalities", f"/api/v1/districts/{DISTRICT_KEY}/municipalities/"),
        Page("API versions", f"/api/v1/districts/{DISTRICT_KEY}/strategy/versions/"),
        Page("API processes", f"/api/v1/districts/{DISTRICT_KEY}/processes/"),
    ]


# --- in-process --------------------------------------------------------------------------------


def empty_caches() -> None:
    """The page cache and the API's per-process copy: the next request renders from the database."""
    from django.core.cache import cache

    from kreiskurs.api import serializers

    cache.clear()
    getattr(serializers, "_LOCAL", {}).clear()


def measure_in_process(pages: list[Page], clients: dict[bool, Any], repeats: int) -> None:
    from benchlib import count_queries

    for page in pages:
        client = clients[page.staff]
        client.get(page.path)  # templates, URL resolver, imports
        empty_caches()
        with count_queries() as cold:
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get(page.path)
            first, cpus = time.perf_counter() - started, [time.process_time() - cpu]
        page.status, page.bytes, page.queries_cold = response.status_code, len(response.content), cold.count
        with count_queries() as warm:
            client.get(page.path)
        page.queries_warm = warm.count
        times = [first]
        for _ in range(repeats - 1 if first < 1.0 else 0):  # a page slower than 1 s: one render is enough
            empty_caches()
            started, cpu = time.perf_counter(), time.process_time()
            client.get(page.path)
            times.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
        page.cold_ms = statistics.median(times) * 1000
        page.cold_cpu_ms = statistics.median(cpus) * 1000
        print(
            f"  {page.name:<26} {page.status}  {page.queries_cold:>3} queries cold, {page.queries_warm:>3} warm  "
            f"{page.cold_ms:>8.1f} ms cold (CPU {page.cold_cpu_ms:>6.1f} ms)  "
            f"{page.bytes / 1024:>7.1f} KiB  {page.path}",
            flush=True,
        )


def measure_consultation_running(process: Any, pages: list[Page], clients: dict[bool, Any], repeats: int) -> None:
    """The pages that show running participation, again with the big statements process running (its
    phase moved to cover today, in a transaction rolled back afterwards: a reused data dir stays as it
    was). The benchmark's consultation is closed; the day it runs is the day its district's pages matter
    most, and a count over its votes on every view cost the home 135 ms (issue 12 part 11). The first
    request counts the people once (kept for five minutes); the median of ``repeats`` shows the rest."""
    from django.db import transaction
    from django.utils import timezone

    from kreiskurs.participation.models import Phase

    shown = [p for p in pages if p.name in RUNNING_SHOWN]
    if not shown:
        return
    print(f"\nin-process with the {process.title!r} consultation running:", flush=True)
    with transaction.atomic():
        now = timezone.now()
        moved = Phase.objects.filter(process=process).update(
            start=now - dt.timedelta(days=30), end=now + dt.timedelta(days=30)
        )
        assert moved, "the statements process has no phase"
        running = [Page(f"{p.name} (running)", p.path, p.staff) for p in shown]
        measure_in_process(running, clients, repeats)
        transaction.set_rollback(True)
    empty_caches()


#: the pages measured again with the consultation running
RUNNING_SHOWN = ("district home", "participation overview", "process page", "statements page", "back office dashboard")


def profile_pages(pages: list[Page], clients: dict[bool, Any], count: int, out_dir: Path | None) -> None:
    """cProfile of one cold request of each of the ``count`` slowest pages: project code by cumulative time."""
    slowest = sorted(pages, key=lambda p: p.cold_ms, reverse=True)[:count]
    for page in slowest:
        client = clients[page.staff]
        empty_caches()
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        client.get(page.path)
        profiler.disable()
        total = time.perf_counter() - started
        if out_dir is not None:
            out_dir.mkdir(parents=True, exist_ok=True)
            profiler.dump_stats(str(out_dir / (re.sub(r"\W+", "_", page.name) + ".prof")))
        stream = io.StringIO()
        stats = pstats.Stats(profiler, stream=stream)
        stats.sort_stats("cumulative").print_stats(r"kreiskurs/(?!.*middleware)", 30)
        stats.sort_stats("tottime").print_stats(18)
        print(f"\n=== profile: {page.name} ({page.path}), one cold request, {total * 1000:.0f} ms under cProfile")
        text = stream.getvalue().replace(str(PROJECT_DIR) + "/", "")
        print("\n".join(line for line in text.splitlines() if line.strip() and "Ordered by" not in line))


# --- gunicorn and wrk --------------------------------------------------------------------------


def http_get(url: str, cookie: str = "", timeout: float = 60.0) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # localhost only
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def start_gunicorn(mode: str, port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    app = "wsgi_nocache:application" if mode == "off" else "kreiskurs.wsgi:application"
    command = [
        str(BIN / "gunicorn"),
        app,
        "--pythonpath",
        str(BENCH_DIR),
        "--chdir",
        str(PROJECT_DIR),
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "120",
        "--no-control-socket",
        "--log-level",
        "warning",
        "--error-logfile",
        str(log),
    ]
    environ = dict(os.environ)
    if mode == "off":
        environ["DJANGO_SETTINGS_MODULE"] = "settings_nocache"
    proc = subprocess.Popen(
        command, env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with code {proc.returncode}; see {log}")
        with contextlib.suppress(OSError):
            if http_get(f"http://127.0.0.1:{port}{TRIVIAL}", timeout=2.0)[0] == 200:
                return proc
        time.sleep(0.3)
    stop_gunicorn(proc)
    raise RuntimeError("gunicorn did not answer within 60 s")


def run_wrk(url: str, args: argparse.Namespace, cookie: str) -> Run:
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--timeout", "60s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command += ["--latency", url]
    result = subprocess.run(command, capture_output=True, text=True, timeout=args.duration + 90, check=False)
    out, run = result.stdout, Run()
    if result.returncode != 0:
        run.errors.append(f"wrk exit {result.returncode}: {result.stderr.strip()[:200]}")
    if m := re.search(r"Requests/sec:\s+([\d.]+)", out):
        run.rps = float(m.group(1))
    if m := re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE):
        run.p50 = _ms(m.group(1))
    if m := re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE):
        run.p99 = _ms(m.group(1))
    if m := re.search(r"(\d+) requests in", out):
        run.requests = int(m.group(1))
    if m := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out):
        run.errors.append(f"{m.group(1)} non-2xx/3xx")
    if m := re.search(r"Socket errors:\s+(.*)", out):
        run.errors.append(f"socket errors: {m.group(1).strip()}")
    return run


def load_mode(mode: str, pages: list[Page], args: argparse.Namespace, cookie: str, root: Path) -> list[float]:
    """wrk against the trivial view, every page, the trivial view again; returns the trivial runs' req/s."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = root / f"gunicorn-{mode}.log"
    proc = start_gunicorn(mode, port, args.workers, log)
    baseline: list[float] = []
    try:
        print(f"\ncache {mode.upper()}: gunicorn {args.workers} sync workers on {base}", flush=True)
        trivial = Page("trivial (/healthz)", TRIVIAL)
        for i, page in enumerate([trivial, *pages, trivial]):
            c = cookie if page.staff else ""
            warm = 2 if (mode == "off" and page.cold_ms > 200) else args.workers * 5
            for _ in range(warm):  # every worker: templates, URL resolver; cache ON: the page's entry
                status, _body = http_get(base + page.path, c)
                if status != 200:
                    break
            run = run_wrk(base + page.path, args, c)
            if status != 200:
                run.errors.append(f"live status {status}")
            if page is trivial:
                baseline.append(run.rps)
            else:
                page.runs[mode] = run
            print(
                f"  {page.name:<26} {run.rps:>8.1f} req/s  p50 {run.p50:>8.1f} ms  p99 {run.p99:>8.1f} ms  "
                f"{run.requests:>6} requests" + (f"  [{'; '.join(run.errors)}]" if run.errors else ""),
                flush=True,
            )
            slow = page.cold_ms > args.restart_ms and not (mode == "on" and not page.staff)
            if slow and i <= len(pages):  # drop the queue of abandoned slow requests before the next page
                stop_gunicorn(proc)
                proc = start_gunicorn(mode, port, args.workers, log)
    finally:
        stop_gunicorn(proc)
        if log.exists() and log.stat().st_size:
            tail = log.read_text(errors="replace").splitlines()[-8:]
            print("  gunicorn log (tail):\n    " + "\n    ".join(tail))
    return baseline


# --- report ------------------------------------------------------------------------------------


def print_table(pages: list[Page], baselines: dict[str, float], args: argparse.Namespace) -> None:
    modes = [m for m in MODES if m in baselines]
    head = "| page | queries cold (warm) | cold render in-process | KiB |"
    rule = "|---|---|---|---|"
    for m in modes:
        head += f" cache {m.upper()}: req/s (share of trivial) | p50 / p99 ms |"
        rule += "---|---|"
    print(head)
    print(rule)
    row = "| trivial (`/healthz`) | 0 | – | – |"
    for m in modes:
        row += f" {baselines[m]:,.0f} (100 %) | – |"
    print(row)
    for p in pages:
        row = f"| {p.name}{' ¹' if p.staff else ''} | {p.queries_cold} ({p.queries_warm}) | "
        row += f"{fmt_seconds(p.cold_ms / 1000)} | {p.bytes / 1024:,.0f} |"
        for m in modes:
            r = p.runs.get(m, Run())
            share = r.rps / baselines[m] if baselines[m] else 0.0
            note = " ⚠" if r.errors else ""
            if r.requests == 0:  # none answered within the run (wrk does not count requests still running)
                row += f" 0 (none within {args.duration} s){note} | – |"
                continue
            row += f" {r.rps:,.1f} ({share:.1%}){note} | {r.p50:,.0f} / {r.p99:,.0f} |"
        print(row)
    print(
        "¹ as the strategy team (session cookie; never cached). queries: SQL statements of a request with the "
        "cache emptied (in brackets: the 2nd request, cache on). ⚠: wrk reported errors (see above)."
    )


def write_json(path: Path, pages: list[Page], baselines: dict[str, float], measures: int, database: str) -> None:
    """The figures of this run for ``growth.py`` (which compares runs of several sizes)."""
    import json
    from dataclasses import asdict

    result = {
        "measures": measures,
        "database": database,
        "load_before": os.getloadavg()[0],
        "baselines": baselines,
        "pages": [{**asdict(p), "runs": {m: asdict(r) for m, r in p.runs.items()}} for p in pages],
    }
    path.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    print(f"figures written to {path}")


def run(args: argparse.Namespace, env: BenchEnv) -> int:
    t0 = time.perf_counter()
    if not args.no_wrk and shutil.which("wrk") is None:
        print("wrk not found on PATH (use --no-wrk)")
        return 2
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    engine = settings.DATABASES["default"]["ENGINE"]
    if "sqlite" in engine and env.root not in Path(str(settings.DATABASES["default"]["NAME"])).parents:
        raise RuntimeError("refusing to run: the SQLite database is not inside the temp dir")
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    database = engine.rsplit(".", 1)[-1]
    print(f"temp dir: {env.root}; database: {database}  (migrate: {fmt_seconds(time.perf_counter() - started)})")
    started = time.perf_counter()  # also for --no-wrk: pages name their static files through the manifest
    # also on a reused data dir when a static file of the tree measured is newer than the manifest
    if not (args.reuse and _static_fresh(env.var_dir / "static" / "staticfiles.json")):
        collect = [str(BIN / "kreiskurs"), "collectstatic", "--noinput", "-v0"]
        subprocess.run(collect, env=dict(os.environ), check=True, cwd=PROJECT_DIR)
        print(f"collectstatic: {fmt_seconds(time.perf_counter() - started)}")

    if args.reuse:
        data, process, evaluation = existing_data()
        print(f"reused {env.root}: version {data['version'].number} with {data['measures']} measures", flush=True)
    else:
        started = time.perf_counter()
        data = build_strategy(args.measures, args.seed)
        took = fmt_seconds(time.perf_counter() - started)
        print(
            f"strategy: version {data['version'].number} adopted with {data['measures']} measures ({took})", flush=True
        )
        if args.reports:
            started = time.perf_counter()
            written = add_status_reports(data["version"], args.seed)
            print(f"status reports: {written:,} ({fmt_seconds(time.perf_counter() - started)})", flush=True)
        started = time.perf_counter()
        process = add_statements(data["district"], env.root / "polis-export", args)
        took = fmt_seconds(time.perf_counter() - started)
        print(
            f"statements process {process.pk}: {args.statements:,} statements, {args.votes:,} votes ({took})",
            flush=True,
        )
        started = time.perf_counter()
        evaluation = add_evaluation(data["version"])
        print(f"evaluation round {evaluation.pk} published ({fmt_seconds(time.perf_counter() - started)})", flush=True)
        # the planner's statistics and visibility maps, as production has them after a build like this:
        # PostgreSQL's autovacuum vacuums and analyzes changed tables (tools/pgtmp.py switches it off; without
        # a visibility map no index-only scan pays off), Kreiskurs analyzes after migrations and imports
        from kreiskurs.planner_stats import refresh_statistics

        started = time.perf_counter()
        refresh_statistics()
        if args.database == "postgres":
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("VACUUM")
        print(f"planner statistics refreshed ({fmt_seconds(time.perf_counter() - started)})", flush=True)
        if args.data_dir:  # --data-dir reuses it (a cluster of tools/pgtmp.py is gone with its URL)
            marker = "".join(f"{line}\n" for line in [f"{data['measures']} measures", *_server(args.database)])
            (env.root / "built").write_text(marker, encoding="utf-8")

    pages = page_list(data, process, evaluation)
    if args.pages:
        pages = [p for p in pages if any(s.lower() in p.name.lower() for s in args.pages.split(","))]

    from django.test import Client

    from kreiskurs.accounts.models import User

    visitor = Client(HTTP_HOST="127.0.0.1")
    staff = Client(HTTP_HOST="127.0.0.1")
    staff.force_login(User.objects.get(username="cdo"))
    cookie = f"{settings.SESSION_COOKIE_NAME}={staff.cookies[settings.SESSION_COOKIE_NAME].value}"
    clients = {False: visitor, True: staff}
    print("\nin-process (test client; cold = cache emptied before the request):", flush=True)
    measure_in_process(pages, clients, args.repeats)
    measure_consultation_running(process, pages, clients, args.repeats)
    if args.profile:
        profile_pages(pages, clients, args.profile, Path(args.profile_dir) if args.profile_dir else None)

    from django.db import connections

    connections.close_all()
    baselines: dict[str, float] = {}
    if not args.no_wrk:
        for mode in args.modes.split(","):
            runs = load_mode(mode, pages, args, cookie, env.root)
            baselines[mode] = statistics.mean(runs)
            print(f"  baseline (mean of the trivial runs): {', '.join(f'{r:,.0f}' for r in runs)} req/s")

    print()
    print(
        f"{data['measures']} measures{' with 12 monthly status reports each' if args.reports else ''}, "
        f"{args.statements:,} statements / {args.votes:,} votes; {database}; wrk -t{args.threads} "
        f"-c{args.connections} -d{args.duration}s, gunicorn {args.workers} sync workers, {os.cpu_count()} CPUs, "
        f"load average before: {os.getloadavg()[0]:.1f}"
    )
    print_table(pages, baselines, args)
    if args.json:
        write_json(Path(args.json), pages, baselines, data["measures"], database)
    print(f"total time: {fmt_seconds(time.perf_counter() - t0)}")
    return 0 if all(p.status == 200 for p in pages) else 1


def _static_fresh(manifest: Path) -> bool:
    """Whether the collected static files are at least as new as every file in the apps' ``static/`` dirs."""
    if not manifest.exists():
        return False
    stamp = manifest.stat().st_mtime
    import kreiskurs

    package = Path(kreiskurs.__file__).resolve().parent  # the tree measured (PYTHONPATH may point at an export)
    for folder in package.rglob("static"):
        if folder.is_dir() and any(p.is_file() and p.stat().st_mtime > stamp for p in folder.rglob("*")):
            return False
    return True


def _server(database: str) -> list[str]:
    """The PostgreSQL server a data dir's database is on (``DATABASE_URL``, e.g. a cluster kept
    running across runs); none for SQLite, whose file is in the data dir itself."""
    return [os.environ.get("DATABASE_URL", "")] if database == "postgres" else []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--measures", type=int, default=500, help="measures in the adopted version (default 500)")
    parser.add_argument("--reports", action="store_true", help="12 monthly status reports per measure")
    parser.add_argument("--statements", type=int, default=2_000, help="statements in the pol.is process")
    parser.add_argument("--votes", type=int, default=500_000, help="votes in the pol.is process (default 500,000)")
    parser.add_argument("--participants", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=8, help="seconds per wrk run (default 8)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=5, help="cold in-process renders per page (default 5)")
    parser.add_argument("--restart-ms", type=float, default=400, help="restart gunicorn after pages slower than this")
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--pages", default="", help="only pages whose name contains one of these (comma-separated)")
    parser.add_argument("--no-wrk", action="store_true", help="queries and in-process timings only")
    parser.add_argument("--profile", type=int, default=0, metavar="K", help="cProfile the K slowest pages")
    parser.add_argument("--profile-dir", default="", help="keep the .prof files here")
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--keep", action="store_true", help="keep the temp dir")
    parser.add_argument(
        "--data-dir", default="", metavar="DIR", help="keep the data here; reuse it when it exists (no build)"
    )
    parser.add_argument("--modes", default="off,on", help="cache modes under wrk: off, on or off,on (default)")
    parser.add_argument("--json", default="", metavar="PATH", help="also write the figures as JSON (growth.py)")
    args = parser.parse_args()

    if args.database == "postgres" and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pgtmp = str(PROJECT_DIR / "tools" / "pgtmp.py")
        command = [sys.executable, pgtmp, "--require", "--", sys.executable, *sys.argv]
        sys.exit(subprocess.run(command, check=False).returncode)
    database_url = os.environ.get("DATABASE_URL", "")
    reuse = Path(args.data_dir) if args.data_dir else None
    if reuse is not None:
        reuse.mkdir(parents=True, exist_ok=True)
        marker = reuse / "built"
        built_on = marker.read_text(encoding="utf-8").splitlines()[1:] if marker.exists() else None
        args.reuse = built_on == _server(args.database)  # a PostgreSQL server's data is reused only on that server
        if not args.reuse and args.database == "sqlite":  # an interrupted build: start again
            for name in ("bench.sqlite3", "bench.sqlite3-wal", "bench.sqlite3-shm"):
                (reuse / name).unlink(missing_ok=True)
    else:
        args.reuse = False
    env = prepare_environment("kreiskurs-bench-pages-", production=True, root=reuse)
    if args.database == "postgres":
        os.environ["DATABASE_URL"] = database_url  # the throw-away cluster of tools/pgtmp.py
    try:
        code = run(args, env)
    finally:
        if args.keep or reuse is not None:
            print(f"kept {env.root}")
        else:
            env.cleanup()
    sys.exit(code)


if __name__ == "__main__":
    main()
