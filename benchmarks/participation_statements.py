"""Opinion map at scale: a pol.is export with 10,000 participants, 2,000 statements and 500,000 votes.

1. Writes a synthetic Polis export (comments.csv, votes.csv, summary.csv) into a temp dir:
   ``--participants`` voters, ``--statements`` comments (2 % moderated out), ``--votes``
   distinct (comment, voter) votes plus ``--changes`` extra rows in which a voter changed an
   earlier vote (the latest counts). The vote column uses the raw Polis sign
   (agree = -1) unless ``--agree 1``, so the sign check has to work.
2. ``import_polis`` on a fresh SQLite database: read and check, then write (wall time of each);
   then the same folder again (nothing new).
3. In-process (test client, production settings): response time (median of ``--repeats``)
   and SQL queries of the statements page (first and last page; as a visitor and as a
   participant with votes) and of the process page; also the API's statements list.
4. The voting flow's read of the next unseen statement (``selectors.voting.position``) for
   that participant: median time and queries.

    .venv/bin/python benchmarks/participation_statements.py [--votes 500000] [--seed 7]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from benchlib import BenchEnv, count_queries, fmt_seconds, measure_page, run_in_environment, setup_django

DISTRICT_KEY = "05558"
DISTRICT_SLUG = "coesfeld"
T0 = 1_735_689_600  # 1 January 2025, 00:00 UTC
SPAN = 60 * 24 * 3600  # the conversation ran for 60 days


def generate(
    folder: Path, *, participants: int, statements: int, votes: int, changes: int, agree: int, seed: int
) -> None:
    """A Polis export whose agrees/disagrees columns count the latest votes (what the importer checks)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    lean = [rng.uniform(-0.8, 0.8) for _ in range(statements)]  # how agreeable each statement is
    created = [T0 + cid * (SPAN // (2 * statements)) for cid in range(statements)]
    # Polis records the author's agree when a comment is written: one vote per comment
    authored = {cid * participants + cid % participants for cid in range(statements)}
    pairs = list(authored)
    pairs += [p for p in rng.sample(range(statements * participants), votes + len(authored)) if p not in authored]
    rows: list[tuple[int, int, int, int]] = []  # (timestamp, comment, voter, vote in Kreiskurs's sense)
    latest: dict[tuple[int, int], tuple[int, int]] = {}
    for pair in pairs[:votes]:
        cid, vid = divmod(pair, participants)
        if pair in authored:
            value, moment = 1, created[cid]
        else:
            r = rng.random()
            value = 0 if r < 0.15 else (1 if rng.random() < (1 + lean[cid]) / 2 else -1)
            moment = created[cid] + rng.randrange(SPAN - (created[cid] - T0))
        rows.append((moment, cid, vid, value))
        latest[(cid, vid)] = (moment, value)
    for cid, vid, _value in rng.sample([(c, v, x) for _t, c, v, x in rows], changes):
        moment, value = latest[(cid, vid)]
        later, new = min(moment + rng.randrange(1, 86400), T0 + SPAN), -value if value else 1
        rows.append((later, cid, vid, new))
        latest[(cid, vid)] = (later, new)
    rows.sort(key=lambda r: (r[1], r[2], r[0]))  # as Polis writes it: by comment, then voter
    agrees: Counter[int] = Counter()
    disagrees: Counter[int] = Counter()
    for (cid, _vid), (_moment, value) in latest.items():
        if value == 1:
            agrees[cid] += 1
        elif value == -1:
            disagrees[cid] += 1
    with (folder / "comments.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(
            ["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees", "moderated", "comment-body"]
        )
        for cid in range(statements):
            moderated = -1 if cid % 50 == 7 else 1
            body = (
                f"These {cid}: Der Kreis soll Verfahren {cid % 97} digital anbieten, auch für Ältere, ohne Medienbruch."
            )
            writer.writerow([created[cid], "", cid, cid % participants, agrees[cid], disagrees[cid], moderated, body])
    with (folder / "votes.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["timestamp", "datetime", "comment-id", "voter-id", "vote"])
        writer.writerows((moment, "", cid, vid, value * agree) for moment, cid, vid, value in rows)
    (folder / "summary.csv").write_text(
        "topic,Digitaler Kreis Coesfeld (Benchmark)\nurl,https://pol.is/9bench\n", encoding="utf-8"
    )


def district() -> Any:
    from kreiskurs.territory.models import District

    return District.objects.create(
        key=DISTRICT_KEY,
        name="Coesfeld",
        slug=DISTRICT_SLUG,
        type_code=42,
        seat="Coesfeld",
        land_key="05",
        land_name="Nordrhein-Westfalen",
        population=225000,
        area_km2=Decimal("1112.00"),
        reference_date=dt.date(2023, 11, 30),
    )


def run(args: argparse.Namespace, env: BenchEnv) -> int:
    t0 = time.perf_counter()
    migrate_s = setup_django(env)
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"temp dir: {env.root}  (migrate: {fmt_seconds(migrate_s)})")

    folder = env.root / "polis-export"
    started = time.perf_counter()
    generate(
        folder,
        participants=args.participants,
        statements=args.statements,
        votes=args.votes,
        changes=args.changes,
        agree=args.agree,
        seed=args.seed,
    )
    size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
    print(
        f"export: {args.participants:,} participants, {args.statements:,} statements, {args.votes:,} votes "
        f"+ {args.changes:,} changed ({size:.1f} MB, {fmt_seconds(time.perf_counter() - started)})"
    )

    from django.db import connection, transaction

    from kreiskurs.participation import polis
    from kreiskurs.participation.models import Participant, Statement, StatementVote
    from kreiskurs.participation.services import polis as polis_services

    target = district()
    started = time.perf_counter()
    export = polis.read_export(folder)
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    with count_queries() as write_queries, transaction.atomic():
        result = polis_services._write(by=None, district=target, export=export, title="", draft=False)
    write_s = time.perf_counter() - started
    process = result.process
    print(f"sign check: {export.sign.describe()}")
    started = time.perf_counter()
    again = polis_services.import_polis(by=None, district=target, folder=folder)
    again_s = time.perf_counter() - started
    stored = StatementVote.objects.filter(statement__process=process).count()
    print(
        f"stored: {Statement.objects.filter(process=process).count():,} statements, "
        f"{Participant.objects.filter(origin_process=process).count():,} participants, {stored:,} votes "
        f"(database {Path(str(connection.settings_dict['NAME'])).stat().st_size / 1e6:.0f} MB)"
    )

    from django.test import Client

    visitor = Client(HTTP_HOST="127.0.0.1")
    member = Client(HTTP_HOST="127.0.0.1")
    voter = Participant.objects.filter(origin_process=process).order_by("pk").first()
    assert voter is not None
    session = member.session
    session[f"kreiskurs.participant.{target.pk}"] = voter.pk  # act as this (pseudonymous) participant
    session.save()
    statements_url = f"/{DISTRICT_SLUG}/beteiligung/{process.pk}/thesen/"
    last_page = -(-Statement.objects.filter(process=process).count() // 50)
    pages = [
        ("statements page 1 (visitor)", visitor, statements_url),
        (f"statements page {last_page} (visitor)", visitor, f"{statements_url}?seite={last_page}"),
        ("statements page 1 (participant)", member, statements_url),
        ("process page", visitor, f"/{DISTRICT_SLUG}/beteiligung/{process.pk}/"),
        ("API statements (100)", visitor, f"/api/v1/processes/{process.pk}/statements/"),
    ]
    measured = [(name, *measure_page(client, path, args.repeats)) for name, client, path in pages]

    from kreiskurs.participation.selectors import voting

    with count_queries() as flow_queries:
        voting.position(process, voter)  # what the voting flow asks for its next statement
    flow_times = []
    for _ in range(args.repeats):
        started = time.perf_counter()
        voting.position(process, voter)
        flow_times.append(time.perf_counter() - started)

    print()
    print("| step | time | queries |")
    print("|---|---|---|")
    print(f"| read and check the export ({export.vote_rows:,} vote rows) | {fmt_seconds(read_s)} | 0 |")
    print(f"| write (bulk inserts, one transaction) | {fmt_seconds(write_s)} | {write_queries.count} |")
    print(f"| import total | {fmt_seconds(read_s + write_s)} | |")
    print(f"| same folder again (nothing new: {again.nothing_new}) | {fmt_seconds(again_s)} | |")
    flow_s = sorted(flow_times)[len(flow_times) // 2]
    print(f"| voting flow: next unseen statement (median) | {fmt_seconds(flow_s)} | {flow_queries.count} |")
    print()
    print("| page | status | queries | median | size |")
    print("|---|---|---|---|---|")
    failures = 0
    for name, status, queries, ms, size_bytes in measured:
        print(f"| {name} | {status} | {queries} | {ms:.0f} ms | {size_bytes / 1024:.0f} KiB |")
        failures += status != 200 or queries > args.max_queries
    print()
    print(f"total time: {fmt_seconds(time.perf_counter() - t0)}")
    if failures:
        print(f"FAILED: a page did not answer 200 or used more than {args.max_queries} queries")
    return 1 if failures else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=10_000)
    parser.add_argument("--statements", type=int, default=2_000)
    parser.add_argument("--votes", type=int, default=500_000, help="distinct votes (default 500,000)")
    parser.add_argument("--changes", type=int, default=10_000, help="extra rows: changed votes (default 10,000)")
    parser.add_argument("--agree", type=int, choices=[1, -1], default=-1, help="vote value meaning agree (default -1)")
    parser.add_argument("--repeats", type=int, default=10, help="timed requests per page (default 10)")
    parser.add_argument("--max-queries", type=int, default=15, help="query budget per page (default 15)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (database, export)")
    run_in_environment(parser.parse_args(), "kreiskurs-bench-statements-", run)


if __name__ == "__main__":
    main()
