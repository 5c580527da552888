"""Votes sent at the same moment: none lost, none counted twice (real threads, real database).

The point is PostgreSQL's behaviour under concurrent inserts (``make
test-postgres`` runs it there, see ``tools/pgtmp.py``); on SQLite the same
test checks that serialised writers give the same result.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core import signing
from django.db import connections
from django.test import Client
from django.utils import timezone

from kreiskurs.accounts.models import Role
from kreiskurs.participation.models import Statement, StatementVote, Vote
from kreiskurs.participation.protection import HONEYPOT, STAMP
from kreiskurs.participation.selectors import statements as statement_reads
from kreiskurs.participation.services import statements as services
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)  # real threads on both databases; meant for PostgreSQL

THREADS = 8


def human_stamp(seconds_ago: float = 10) -> str:
    return signing.dumps(timezone.now().timestamp() - seconds_ago, salt="kreiskurs.participation.form")


def all_at_once(work: Callable[[int], Any], n: int = THREADS) -> list[str]:
    """Run ``work(i)`` in ``n`` threads released together; returns "ok" or the error of each."""
    barrier = threading.Barrier(n)
    outcomes: list[str] = []

    def run(i: int) -> None:
        try:
            barrier.wait()
            work(i)
            outcomes.append("ok")
        except Exception as exc:
            outcomes.append(f"error: {exc!r}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def statement() -> Statement:
    process = factories.running_process(kind="statements")
    cdo = factories.member(process.district, Role.STRATEGY_TEAM)
    return services.add_statement(by=cdo, process=process, text="Der Kreis braucht ein Open-Data-Portal.")


def test_the_database_is_the_one_asked_for() -> None:
    import os

    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connections["default"].vendor == expected


def test_one_person_voting_in_parallel_keeps_exactly_one_vote() -> None:
    target = statement()
    user = factories.UserFactory()
    anna = factories.participant(target.district, user)
    values = [Vote.AGREE, Vote.DISAGREE, Vote.PASS]

    def cast(i: int) -> None:
        fresh = Statement.objects.select_related("process__district").get(pk=target.pk)
        services.cast_vote(by=user, statement=fresh, participant=anna, vote=values[i % 3])

    assert all_at_once(cast) == ["ok"] * THREADS
    rows = list(StatementVote.objects.filter(statement=target).values_list("participant", "vote"))
    assert len(rows) == 1 and rows[0][0] == anna.pk and rows[0][1] in values


def test_many_people_voting_over_http_at_once_are_all_counted_once() -> None:
    target = statement()
    clients = []
    for i in range(THREADS):
        user = factories.UserFactory()
        factories.participant(target.district, user, name=f"P{i}")
        client = Client()
        client.force_login(user)
        clients.append(client)
    url = f"/{target.district.slug}/beteiligung/{target.process_id}/thesen/{target.pk}/abstimmen/"

    def post(i: int) -> None:
        for value in ("-1", "1"):  # each changes their vote once: the second one counts
            response = clients[i].post(url, {"vote": value, STAMP: human_stamp(), HONEYPOT: "", "seite": "1"})
            assert response.status_code == 302, response.status_code

    assert all_at_once(post) == ["ok"] * THREADS
    assert StatementVote.objects.filter(statement=target).count() == THREADS
    assert statement_reads.tallies([target.pk])[target.pk] == statement_reads.Tally(agree=THREADS, disagree=0, passed=0)


def test_parallel_changes_of_one_person_keep_the_stored_counts_exact() -> None:
    """Two of the threads cast a first vote at the same moment; the rest change it: one vote is counted."""
    target = statement()
    user = factories.UserFactory()
    anna = factories.participant(target.district, user)
    values = [Vote.AGREE, Vote.DISAGREE, Vote.PASS]

    def cast(i: int) -> None:
        fresh = Statement.objects.select_related("process__district").get(pk=target.pk)
        services.cast_vote(by=user, statement=fresh, participant=anna, vote=values[i % 3])
        if i == 0:
            services.retract_vote(by=user, statement=fresh, participant=anna)
            services.cast_vote(by=user, statement=fresh, participant=anna, vote=Vote.AGREE)

    assert all_at_once(cast) == ["ok"] * THREADS
    stored = statement_reads.tallies([target.pk])[target.pk]
    value = StatementVote.objects.get(statement=target).vote
    assert stored.total == 1
    assert stored == statement_reads.Tally(**{{1: "agree", -1: "disagree", 0: "passed"}[value]: 1})


def test_the_same_request_sent_twice_at_once_counts_once() -> None:
    target = statement()
    user = factories.UserFactory()
    factories.participant(target.district, user)
    client = Client()
    client.force_login(user)
    url = f"/{target.district.slug}/beteiligung/{target.process_id}/thesen/{target.pk}/abstimmen/"
    data = {"vote": "1", STAMP: human_stamp(), HONEYPOT: "", "seite": "1"}

    tabs = []  # one browser session, several requests in flight (a double click)
    for _ in range(4):
        tab = Client()
        tab.cookies = copy.deepcopy(client.cookies)
        tabs.append(tab)

    def post(i: int) -> None:
        assert tabs[i].post(url, data).status_code == 302

    assert all_at_once(post, 4) == ["ok"] * 4
    assert list(StatementVote.objects.filter(statement=target).values_list("vote", flat=True)) == [Vote.AGREE]
