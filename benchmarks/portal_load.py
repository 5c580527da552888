"""Load test of the public portal and the API with a 500-measure strategy under gunicorn.

1. A fresh SQLite database in a temp dir with the demo district (Kreis Coesfeld);
   the open draft (version 2) is filled up to ``--measures`` measures through
   the services staff use, then adopted, so the current public version has them.
2. ``kreiskurs collectstatic`` (production uses whitenoise's manifest storage).
3. SQL queries per request, counted in-process with the test client
   (``CaptureQueriesContext``), first (cold cache) and second request.
4. gunicorn, 2 sync workers, production settings, on 127.0.0.1; ``wrk`` against
   every page and against a trivial view (``/healthz``; the run falls back to
   ``/api/v1/districts/05558/`` when ``/healthz`` does not answer "ok").

Targets per page: at most 15 queries, and at least 25 % of the trivial view's requests/s.

    .venv/bin/python benchmarks/portal_load.py [--duration 10] [--measures 500]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from benchlib import PROJECT_DIR, BenchEnv, fmt_seconds, prepare_environment, setup_django

DISTRICT_KEY = "05558"
DISTRICT_SLUG = "coesfeld"
TRIVIAL_PATH = "/healthz"
TRIVIAL_FALLBACK = f"/api/v1/districts/{DISTRICT_KEY}/"
MAX_QUERIES = 15
MIN_RATIO = 0.25
BIN = Path(sys.executable).parent


@dataclass
class Page:
    name: str
    path: str
    status: int = 0
    queries_cold: int = 0
    queries_warm: int = 0
    bytes: int = 0
    inproc_ms: float = 0.0
    rps: float = 0.0
    latency_avg_ms: float = 0.0
    latency_p50_ms: float = 0.0
    latency_p99_ms: float = 0.0
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    top_queries: list[tuple[int, str]] = field(default_factory=list)


# --- test data ---------------------------------------------------------------------------------

TOPICS = (
    "Digitale Antragsstrecke", "Open-Data-Katalog", "Bürgerkonto-Anbindung", "E-Rechnung", "Sensornetz",
    "Lernplattform", "Videosprechstunde", "Fachverfahren-Migration", "Geodaten-Portal", "Chatbot-Pilot",
    "Schul-WLAN", "Digitale Sitzungsverwaltung", "Ehrenamtsbörse", "Mängelmelder", "Parkleitsystem",
    "Telemedizin-Netz", "Glasfaser-Lückenschluss", "Informationssicherheits-Audit", "Prozessdigitalisierung",
    "Mobilitäts-App", "Energie-Monitoring", "Tourismus-Datenbank", "Coworking-Netzwerk", "Bibliotheks-App",
)  # fmt: skip
CONTEXTS = (
    "für Schulen", "im ländlichen Raum", "für Kreis und Kommunen", "in Bürgerbüros", "für Pflegeeinrichtungen",
    "für Vereine", "im Münsterland", "für kleine Unternehmen", "an Bahnhöfen", "in Ortszentren",
    "für Seniorinnen und Senioren", "in der Kreisverwaltung",
)  # fmt: skip
UNITS = (
    "Stabsstelle Digitalisierung", "Schulverwaltungsamt", "Amt für Mobilität", "Sozialamt", "Umweltamt",
    "Wirtschaftsförderung", "Gesundheitsamt", "Bauordnungsamt", "Personalamt", "Breitbandkoordination",
)  # fmt: skip
PHASES = ("idea", "profiled", "selected", "preparing", "pilot", "rollout", "operating", "completed")
ROLES = ("lead", "pilot", "rollout", "interested")


def build_data(target: int, seed: int) -> dict[str, Any]:
    """Demo district, then version 2 filled up to ``target`` measures and adopted."""
    from django.db import transaction

    from kreiskurs.accounts.models import User
    from kreiskurs.actors.models import Stakeholder
    from kreiskurs.demo.loader import load_demo
    from kreiskurs.strategy import selectors, services
    from kreiskurs.strategy.models import Criterion, FieldOfAction, Goal, Measure, VersionState
    from kreiskurs.territory.models import Municipality

    rng = random.Random(seed)
    with transaction.atomic():
        district = load_demo()
        admin = User.objects.get(username="admin")
        draft = selectors.open_version(district)
        if draft is None:
            raise RuntimeError("the demo has no open draft (version 2)")
        if draft.state != VersionState.DRAFT:  # the demo releases version 2 for consultation
            draft = services.set_version_state(by=admin, version=draft, state=VersionState.DRAFT)
        fields = list(FieldOfAction.objects.filter(version=draft))
        goals = list(Goal.objects.filter(version=draft))
        criteria = list(Criterion.objects.filter(version=draft))
        stakeholders = list(Stakeholder.objects.filter(district=district))
        munis = list(Municipality.objects.filter(district=district).order_by("ags"))
        codes = set(Measure.objects.filter(version=draft).values_list("code", flat=True))
        added: list[Any] = []
        number = 100
        while len(codes) < target:
            number += 1
            code = f"M{number}"
            if code in codes:
                continue
            chosen_fields = rng.sample(fields, rng.choice((1, 1, 1, 2, 2, 3)))
            field_ids = {f.pk for f in chosen_fields}
            goal_pool = [g for g in goals if g.field_id in field_ids] or goals
            start = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 1800))
            end = start + dt.timedelta(days=rng.randint(180, 1500))
            lead = rng.random() < 0.2
            phase = rng.choice(PHASES)
            values = {
                "code": code,
                "title": f"{rng.choice(TOPICS)} {rng.choice(CONTEXTS)}",
                "summary": "Kurzbeschreibung der Maßnahme: " + " ".join(rng.sample(TOPICS, 4)) + ".",
                "objectives": "Messbare Verbesserung für Bürgerinnen, Bürger und Verwaltung; Nachnutzung im Kreis.",
                "expected_impact": "Weniger Wege, kürzere Bearbeitungszeiten, übertragbar auf weitere Kommunen.",
                "lead_unit": rng.choice(UNITS),
                "measure_type": "lead" if lead else "potential",
                "priority": rng.choice(("high", "medium", "low")),
                "phase": phase,
                "digital_check": rng.choice(("digital", "digital", "hybrid")),
                "estimated_cost": Decimal(rng.randrange(10_000, 2_000_000, 5_000)),
                "funding": rng.choice(("own", "grant", "mixed", "external")),
                "start": start,
                "end": end,
                "origin": rng.choice(("strategy_team", "participation", "municipality")),
                "council_links": f"https://oparl.example.org/coesfeld/paper/{number}" if lead else "",
            }
            m2m: dict[str, list[Any]] = {
                "fields_of_action": chosen_fields,
                "goals": rng.sample(goal_pool, min(len(goal_pool), rng.choice((1, 1, 2)))),
                "partners": rng.sample(stakeholders, rng.choice((0, 0, 1, 2))),
            }
            if added and rng.random() < 0.1:
                m2m["dependencies"] = [rng.choice(added)]
            measure = services.create_element(by=admin, version=draft, model=Measure, values=values, m2m=m2m)
            milestones = []
            if phase not in ("idea", "profiled"):
                done = start + dt.timedelta(days=30) if phase != "selected" else None
                milestones = [("Projektstart", start, done), ("Abschluss", end, None)]
            services.save_measure_details(
                by=admin,
                measure=measure,
                participations=[(m, rng.choice(ROLES)) for m in rng.sample(munis, rng.randint(1, 5))],
                scores=[(c, True, None) if c.kind == "knockout" else (c, None, rng.randint(0, 5)) for c in criteria],
                milestones=milestones,
            )
            added.append(measure)
            codes.add(code)
        adopted = services.adopt_version(
            by=admin,
            version=draft,
            body="kreistag",
            date=dt.date(2026, 3, 18),
            reference="SV-10/0123",
            settle=True,  # the demo's processes on this version end with the resolution, as a council confirms
        )
    current = selectors.current_version(district)
    assert current is not None and current.pk == adopted.pk
    m1 = Measure.objects.get(version=current, code="M1")
    return {
        "version": current.number,
        "measures": Measure.objects.filter(version=current).count(),
        "measure_lineage": str(m1.lineage),
    }


# --- in-process query counts -------------------------------------------------------------------


def count_in_process(pages: list[Page], repeats: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    for page in pages:
        with CaptureQueriesContext(connection) as cold:
            response = client.get(page.path)
        page.status = response.status_code
        page.bytes = len(response.content)
        page.queries_cold = len(cold.captured_queries)
        with CaptureQueriesContext(connection) as warm:
            client.get(page.path)
        page.queries_warm = len(warm.captured_queries)
        shapes: dict[str, int] = {}
        for q in warm.captured_queries:
            shape = re.sub(r"\b\d+\b|'[^']*'", "?", q["sql"])  # same statement, other parameters
            shapes[shape] = shapes.get(shape, 0) + 1
        repeated = sorted(((n, s) for s, n in shapes.items() if n > 1), reverse=True)[:3]
        page.top_queries = [(n, s[:110]) for n, s in repeated]
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            client.get(page.path)
            times.append(time.perf_counter() - started)
        page.inproc_ms = statistics.median(times) * 1000


def trivial_answers_ok_in_process() -> bool:
    from django.test import Client

    response = Client(HTTP_HOST="127.0.0.1").get(TRIVIAL_PATH)
    return response.status_code == 200 and response.content.strip() == b"ok"


# --- gunicorn and wrk --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def http_get(url: str, timeout: float = 10.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # localhost only
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def start_gunicorn(port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    command = [
        str(BIN / "gunicorn"),
        "kreiskurs.wsgi:application",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{port}",
        "--chdir",
        str(PROJECT_DIR),
        "--timeout",
        "60",
        "--no-control-socket",
        "--log-level",
        "warning",
        "--error-logfile",
        str(log),
    ]
    return subprocess.Popen(
        command, env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True
    )


def wait_ready(proc: subprocess.Popen[bytes], base: str, path: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with code {proc.returncode}")
        try:
            status, _ = http_get(base + path, timeout=2.0)
            if status < 500:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s")


def stop_gunicorn(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the master we started (it stops its workers), then SIGKILL its process group if needed."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=15)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)  # our own session: the master's pid is the group id
    if proc.poll() is None:
        proc.wait(timeout=5)


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        return float("nan")
    return float(match.group(1)) * _UNITS[match.group(2)]


def run_wrk(page: Page, url: str, threads: int, connections: int, duration: int) -> None:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", url]
    result = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60, check=False)
    out = result.stdout
    if result.returncode != 0:
        page.errors.append(f"wrk exit {result.returncode}: {result.stderr.strip()[:200]}")
    if m := re.search(r"Requests/sec:\s+([\d.]+)", out):
        page.rps = float(m.group(1))
    if m := re.search(r"^\s+Latency\s+(\S+)", out, re.MULTILINE):
        page.latency_avg_ms = _ms(m.group(1))
    if m := re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE):
        page.latency_p50_ms = _ms(m.group(1))
    if m := re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE):
        page.latency_p99_ms = _ms(m.group(1))
    if m := re.search(r"(\d+) requests in", out):
        page.requests = int(m.group(1))
    if m := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out):
        page.errors.append(f"{m.group(1)} non-2xx/3xx")
    if m := re.search(r"Socket errors:\s+(.*)", out):
        page.errors.append(f"socket errors: {m.group(1).strip()}")


# --- report ------------------------------------------------------------------------------------


def print_table(pages: list[Page], baseline: float, trivial_name: str, *, throughput: bool) -> list[str]:
    failures = []
    header = (
        f"{'page':<22} {'status':>6} {'queries':>9} {'in-proc':>8} {'KiB':>6} {'req/s':>8} "
        f"{'p50 ms':>7} {'p99 ms':>7} {'ratio':>6}  {'≤15 q':<5} {'≥25 %':<5} notes"
    )
    print(header)
    print("-" * len(header))
    for p in pages:
        is_trivial = p.name == trivial_name
        ratio = p.rps / baseline if baseline else 0.0
        q_ok = p.queries_warm <= MAX_QUERIES
        r_ok = is_trivial or not throughput or ratio >= MIN_RATIO
        queries = f"{p.queries_warm}" if p.queries_cold == p.queries_warm else f"{p.queries_warm} ({p.queries_cold})"
        notes = "; ".join(p.errors)
        ratio_verdict = "—" if is_trivial or not throughput else "pass" if r_ok else "FAIL"
        print(
            f"{p.name:<22} {p.status:>6} {queries:>9} {p.inproc_ms:>6.1f}ms {p.bytes / 1024:>6.1f} {p.rps:>8.1f} "
            f"{p.latency_p50_ms:>7.1f} {p.latency_p99_ms:>7.1f} {ratio:>6.0%}  "
            f"{'pass' if q_ok else 'FAIL':<5} {ratio_verdict:<5} {notes}"
        )
        if not is_trivial:
            if not q_ok:
                failures.append(f"{p.name}: {p.queries_warm} queries per request (target ≤ {MAX_QUERIES})")
            if not r_ok:
                failures.append(f"{p.name}: {ratio:.0%} of the trivial view's req/s (target ≥ {MIN_RATIO:.0%})")
        if p.status != 200:
            failures.append(f"{p.name}: status {p.status}")
    return failures


def run(args: argparse.Namespace, env: BenchEnv) -> int:
    t0 = time.perf_counter()
    if not args.no_wrk and shutil.which("wrk") is None:
        print("wrk not found on PATH (use --no-wrk to count queries only)")
        return 2
    migrate_s = setup_django(env)
    print(f"temp dir: {env.root}  (migrate: {fmt_seconds(migrate_s)})")

    started = time.perf_counter()
    subprocess.run(
        [str(BIN / "kreiskurs"), "collectstatic", "--noinput", "-v0"], env=dict(os.environ), check=True, cwd=PROJECT_DIR
    )
    print(f"collectstatic: {fmt_seconds(time.perf_counter() - started)}")

    started = time.perf_counter()
    data = build_data(args.measures, args.seed)
    print(
        f"data: demo district + version {data['version']} adopted with {data['measures']} measures "
        f"({fmt_seconds(time.perf_counter() - started)})"
    )

    trivial_ok = trivial_answers_ok_in_process()
    trivial_path = TRIVIAL_PATH if trivial_ok else TRIVIAL_FALLBACK
    trivial_name = "trivial (/healthz)" if trivial_ok else "trivial (fallback)"
    if not trivial_ok:
        print(
            f"NOTE: {TRIVIAL_PATH} does not answer 200 'ok' yet; using {TRIVIAL_FALLBACK} as the baseline "
            "(a small DB-backed JSON view, so the ratios below are flattered)."
        )
    pages = [
        Page(trivial_name, trivial_path),
        Page("home", f"/{DISTRICT_SLUG}/"),
        Page("measure list", f"/{DISTRICT_SLUG}/massnahmen/"),
        Page("measure profile M1", f"/{DISTRICT_SLUG}/massnahmen/{data['measure_lineage']}/"),
        Page("municipality Dülmen", f"/{DISTRICT_SLUG}/gemeinden/duelmen-stadt/"),
        Page("API strategy", f"/api/v1/districts/{DISTRICT_KEY}/strategy/"),
    ]
    count_in_process(pages, args.repeats)
    print(
        "in-process (test client): queries of the 2nd request (1st, cold cache, in brackets); median of "
        f"{args.repeats} requests"
    )
    for p in pages:
        print(f"  {p.name:<22} {p.path}  status {p.status}, {p.queries_warm} queries, {p.inproc_ms:.1f} ms")

    from django.db import connections

    connections.close_all()

    baseline_runs: list[float] = []
    if not args.no_wrk:
        port = args.port or free_port()
        base = f"http://127.0.0.1:{port}"
        log = env.root / "gunicorn.log"
        proc = start_gunicorn(port, args.workers, log)
        try:
            wait_ready(proc, base, trivial_path)
            print(f"gunicorn: {args.workers} sync workers on {base} (production settings)")
            for p in pages:
                status, body = http_get(base + p.path)
                if status != 200:
                    p.errors.append(f"live status {status}")
                if p is pages[0] and trivial_ok and body.strip() != b"ok":
                    p.errors.append("live /healthz body is not 'ok'")
                for _ in range(args.workers * 10):  # warm every worker (templates, URL resolver, API cache)
                    http_get(base + p.path)
            order = [*pages, pages[0]]  # the trivial view first and last: the mean is the baseline
            for i, p in enumerate(order):
                probe = Page(p.name, p.path)
                run_wrk(probe, base + p.path, args.threads, args.connections, args.duration)
                print(
                    f"  wrk {p.name:<22} {probe.rps:>8.1f} req/s  avg {probe.latency_avg_ms:.1f} ms  "
                    f"p99 {probe.latency_p99_ms:.1f} ms  {probe.requests} requests"
                    + (f"  [{'; '.join(probe.errors)}]" if probe.errors else "")
                )
                if p is pages[0]:
                    baseline_runs.append(probe.rps)
                p.errors.extend(probe.errors)
                if i < len(pages):
                    p.rps, p.requests = probe.rps, probe.requests
                    p.latency_avg_ms, p.latency_p50_ms, p.latency_p99_ms = (
                        probe.latency_avg_ms,
                        probe.latency_p50_ms,
                        probe.latency_p99_ms,
                    )
        finally:
            stop_gunicorn(proc)
            if log.exists() and log.stat().st_size:
                tail = log.read_text(errors="replace").splitlines()[-15:]
                print("gunicorn log (tail):\n  " + "\n  ".join(tail))
        pages[0].rps = statistics.mean(baseline_runs)

    baseline = pages[0].rps
    print()
    print(
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s, gunicorn {args.workers} sync workers, "
        f"{os.cpu_count()} CPUs; baseline = {trivial_name} "
        + (f"(runs: {', '.join(f'{r:.0f}' for r in baseline_runs)} req/s)" if baseline_runs else "(not measured)")
    )
    failures = print_table(pages, baseline, trivial_name, throughput=not args.no_wrk)
    print(
        "queries: SQL statements of the 2nd request (1st request, cold cache, in brackets); in-proc: median "
        "time in-process via the test client; KiB: response body; ratio: req/s ÷ baseline req/s"
    )
    repeated = [(p.name, n, shape) for p in pages for n, shape in p.top_queries]
    print()
    print("repeated query shapes (N+1 candidates, 2nd request): " + ("none" if not repeated else ""))
    for name, n, shape in repeated:
        print(f"  {name:<22} {n:>3}× {shape}")
    print()
    for f in failures:
        print(f"FAIL: {f}")
    if args.no_wrk:
        print("(--no-wrk: throughput not measured, ratio checks meaningless)")
    print(f"total time: {fmt_seconds(time.perf_counter() - t0)}")
    return 1 if failures else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--connections", type=int, default=20, help="wrk connections (default 20)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument("--measures", type=int, default=500, help="measures in the adopted version (default 500)")
    parser.add_argument("--repeats", type=int, default=20, help="in-process timing repeats per page (default 20)")
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--port", type=int, default=0, help="port for gunicorn (default: a free one)")
    parser.add_argument("--no-wrk", action="store_true", help="only count queries in-process")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (database, static files, log)")
    args = parser.parse_args()
    env = prepare_environment("kreiskurs-bench-portal-", production=True)
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
