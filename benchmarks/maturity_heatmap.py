"""Maturity heatmap and gap analysis for a district with 110 municipalities and 5 assessment rounds.

1. A fresh SQLite database (production settings) with a synthetic district: ``--municipalities``
   municipalities in 12 municipal associations, populations spread over all six size classes; a
   strategy with six fields of action and 30 measures (version 1 adopted, version 2 a draft).
2. The default maturity model, then ``--rounds`` rounds through the services staff and municipal
   contacts use (every municipality submits; in the last, still open round, 10 % stay drafts).
   Each round after the first runs on a new model version, as when a district revises its model.
3. In-process (test client, strategy team logged in): SQL queries and median response time of the
   heatmap (unfiltered and filtered), the gap analysis, a municipality profile with its radar chart,
   the overview, and the public aggregate (visitor, uncached); also ``selectors.latest_scores``.

Target: at most ``--max-queries`` (15) queries per page; exits 1 otherwise.

    .venv/bin/python benchmarks/maturity_heatmap.py [--municipalities 110] [--rounds 5] [--repeats 10]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from decimal import Decimal
from typing import Any

from benchlib import BenchEnv, count_queries, fmt_seconds, measure_page, run_in_environment, setup_django

DISTRICT_KEY = "09999"
DISTRICT_SLUG = "benchkreis"
FIELDS = (
    ("HF1", "Verwaltung und Online-Dienste"),
    ("HF2", "Infrastruktur und Konnektivität"),
    ("HF3", "Bildung und Kompetenzen"),
    ("HF4", "Gesundheit, Pflege und Soziales"),
    ("HF5", "Mobilität, Klima und Umwelt"),
    ("HF6", "Wirtschaft, Tourismus und Teilhabe"),
)
POPULATIONS = (350, 900, 1_600, 2_400, 3_800, 6_500, 8_900, 12_000, 17_500, 26_000, 41_000, 63_000)


def build_district(count: int, seed: int) -> Any:
    from kreiskurs.territory.models import District, MunicipalAssociation, Municipality

    rng = random.Random(seed)
    district = District.objects.create(
        key=DISTRICT_KEY,
        name="Benchkreis",
        slug=DISTRICT_SLUG,
        type_code=44,
        seat="Benchstadt",
        land_key="09",
        land_name="Bayern",
        population=0,
        area_km2=Decimal("1500.00"),
        reference_date=dt.date(2023, 11, 30),
    )
    associations = [
        MunicipalAssociation.objects.create(
            district=district,
            key=f"{DISTRICT_KEY}{5000 + i:04d}",
            name=f"Verwaltungsgemeinschaft {i + 1}",
            type_code=54,
        )
        for i in range(12)
    ]
    municipalities = []
    for i in range(count):
        association = associations[i % len(associations)]
        population = int(POPULATIONS[i % len(POPULATIONS)] * rng.uniform(0.8, 1.2))
        municipalities.append(
            Municipality(
                district=district,
                association=association,
                ags=f"{DISTRICT_KEY}{i + 1:03d}",
                ars=f"{DISTRICT_KEY}{association.key[5:]}{i + 1:03d}",
                name=f"Gemeinde {i + 1:03d}",
                slug=f"gemeinde-{i + 1:03d}",
                type_code=64,
                population=population,
                area_km2=Decimal("30.00"),
                reference_date=dt.date(2023, 11, 30),
            )
        )
    Municipality.objects.bulk_create(municipalities)
    return district


def build_strategy(district: Any) -> None:
    from kreiskurs.strategy import services
    from kreiskurs.strategy.models import FieldOfAction, Measure

    strategy = services.create_strategy(by=None, district=district)
    version = strategy.versions.get()
    fields = [
        services.create_element(by=None, version=version, model=FieldOfAction, values={"code": c, "title": t})
        for c, t in FIELDS
    ]
    for n in range(30):
        services.create_element(
            by=None,
            version=version,
            model=Measure,
            values={"code": f"M{n + 1}", "title": f"Maßnahme {n + 1}", "summary": "Benchmark"},
            m2m={"fields_of_action": [fields[n % len(fields)]]},
        )
    services.adopt_version(by=None, version=version, body="kreistag", date=dt.date(2024, 3, 1), reference="1")
    services.start_revision(by=None, strategy=strategy)


def fill_rounds(district: Any, rounds: int, seed: int) -> tuple[float, int]:
    """All rounds through the services; returns (seconds, queries)."""
    from kreiskurs.maturity import selectors, services
    from kreiskurs.territory.models import Municipality

    rng = random.Random(seed)
    municipalities = list(Municipality.objects.filter(district=district).order_by("pk"))
    skill = {m.pk: rng.uniform(-1.0, 1.0) for m in municipalities}
    started = time.perf_counter()
    with count_queries() as counter:
        model = services.install_default_model(by=None, district=district)
        for index in range(rounds):
            if index:
                model = services.start_model_version(by=None, model=model)
            year = 2026 - rounds + index
            current = services.open_round(
                by=None, model=model, title=f"Selbsteinschätzung {year}", opened_on=dt.date(year, 3, 1)
            )
            questions = [q for d in selectors.model_structure(model) for q in d.questions.all()]
            last = index == rounds - 1
            for n, place in enumerate(municipalities):
                base = 1.2 + 0.25 * index + skill[place.pk]
                levels = {q.pk: max(0, min(4, round(base + rng.gauss(0, 0.8)))) for q in questions}
                draft = last and n % 10 == 0
                services.save_assessment(by=None, round=current, municipality=place, levels=levels, submit=not draft)
            if not last:
                services.close_round(by=None, round=current)
    return time.perf_counter() - started, counter.count


def run(args: argparse.Namespace, env: BenchEnv) -> int:
    t0 = time.perf_counter()
    migrate_s = setup_django(env)
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"temp dir: {env.root}  (migrate: {fmt_seconds(migrate_s)})")

    from django.core.cache import cache
    from django.test import Client

    from kreiskurs.accounts.models import Membership, Role, User
    from kreiskurs.maturity import selectors
    from kreiskurs.maturity.models import Answer, Assessment, AssessmentRound
    from kreiskurs.territory.models import Municipality

    district = build_district(args.municipalities, args.seed)
    build_strategy(district)
    write_s, write_queries = fill_rounds(district, args.rounds, args.seed)
    latest = AssessmentRound.objects.filter(district=district).order_by("-opened_on").first()
    assert latest is not None
    print(
        f"data: {args.municipalities} municipalities, {args.rounds} rounds, "
        f"{Assessment.objects.count():,} self-assessments, {Answer.objects.count():,} answers "
        f"(written through the services in {fmt_seconds(write_s)}, {write_queries:,} queries)"
    )

    team = User.objects.create_user(username="team", password="bench-passwort")
    Membership.objects.create(user=team, district=district, role=Role.STRATEGY_TEAM)
    staff = Client(HTTP_HOST="127.0.0.1")
    staff.force_login(team)
    visitor = Client(HTTP_HOST="127.0.0.1")
    base = f"/{DISTRICT_SLUG}/verwaltung/reife"
    association = Municipality.objects.filter(district=district).values_list("association_id", flat=True).first()
    place = Municipality.objects.filter(district=district).order_by("-population").first()
    assert place is not None
    pages = [
        ("heatmap, all municipalities", staff, f"{base}/runden/{latest.pk}/"),
        ("heatmap, one size class", staff, f"{base}/runden/{latest.pk}/?groesse=S4"),
        ("heatmap, one association", staff, f"{base}/runden/{latest.pk}/?verband={association}"),
        ("gap analysis", staff, f"{base}/runden/{latest.pk}/luecken/"),
        ("municipality profile (radar, 5 rounds)", staff, f"{base}/gemeinden/{place.pk}/"),
        ("overview (rounds)", staff, f"{base}/"),
    ]
    measured = [(name, *measure_page(client, path, args.repeats)) for name, client, path in pages]

    # the public page without its cache (what the first visitor after a change gets)
    public = f"/{DISTRICT_SLUG}/reife/"
    times = []
    for _ in range(args.repeats + 1):
        cache.clear()
        started = time.perf_counter()
        with count_queries() as counter:
            response = visitor.get(public)
        times.append(time.perf_counter() - started)
    measured.append(
        (
            "public aggregate (visitor, uncached)",
            response.status_code,
            counter.count,
            statistics.median(times[1:]) * 1000,
            len(response.content),
        )
    )

    started = time.perf_counter()
    with count_queries() as counter:
        for _ in range(args.repeats):
            scores = selectors.latest_scores(district)
    latest_ms = (time.perf_counter() - started) / args.repeats * 1000

    print()
    print("| page | status | queries | median | size |")
    print("|---|---|---|---|---|")
    failures = 0
    for name, status, queries, ms, size_bytes in measured:
        print(f"| {name} | {status} | {queries} | {ms:.0f} ms | {size_bytes / 1024:.0f} KiB |")
        failures += status != 200 or queries > args.max_queries
    print(
        f"| `selectors.latest_scores` ({len(scores)} municipalities) | – | {counter.count // args.repeats} "
        f"| {latest_ms:.1f} ms | – |"
    )
    print()
    print(f"total time: {fmt_seconds(time.perf_counter() - t0)}")
    if failures:
        print(f"FAILED: a page did not answer 200 or used more than {args.max_queries} queries")
    return 1 if failures else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--municipalities", type=int, default=110)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=10, help="timed requests per page (default 10)")
    parser.add_argument("--max-queries", type=int, default=15, help="query budget per page (default 15)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (database)")
    run_in_environment(parser.parse_args(), "kreiskurs-bench-maturity-", run)


if __name__ == "__main__":
    main()
