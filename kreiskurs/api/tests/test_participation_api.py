"""The participation part of the read API: published processes with phases, statements with their counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kreiskurs.participation.models import Participant, Process, Statement, StatementVote, Visibility
from kreiskurs.participation.services.statements import recount_votes
from tests import factories

pytestmark = pytest.mark.django_db


def statements_process(district: Any = None, **kwargs: Any) -> Process:
    return factories.running_process(district, kind="statements", **kwargs)


def add_statements(process: Process, n: int, *, voters: int = 0, **values: Any) -> list[Statement]:
    rows = Statement.objects.bulk_create(
        Statement(district=process.district, process=process, text=f"These {i}", by_staff=True, **values)
        for i in range(n)
    )
    people = Participant.objects.bulk_create(
        Participant(district=process.district, display_name=f"P{i}") for i in range(voters)
    )
    now = timezone.now()
    StatementVote.objects.bulk_create(
        StatementVote(district=process.district, statement=s, participant=p, vote=(i + j) % 3 - 1, voted_at=now)
        for i, s in enumerate(rows)
        for j, p in enumerate(people)
    )
    recount_votes(s.pk for s in rows)  # bulk-created votes: the counts kept on the statements follow
    return rows


def test_processes_of_a_district_with_phases_and_state_only_published_ones() -> None:
    district = factories.DistrictFactory()
    running = statements_process(district)
    running.title = "Meinungsbild Digitalstrategie"
    running.save()
    statements_process(district, published=False)
    factories.running_process(factories.DistrictFactory(), kind="ideas")  # another district
    body = Client().get(f"/api/v1/districts/{district.key}/processes/").json()
    assert body["count"] == 1 and body["next"] is None
    process = body["results"][0]
    assert process["id"] == running.pk and process["title"] == "Meinungsbild Digitalstrategie"
    assert process["state"] == "running" and process["template"] == "ideas"
    assert [p["kind"] for p in process["phases"]] == ["statements"]
    assert process["phases"][0]["actions"] == ["vote", "write_statement"]
    assert Client().get("/api/v1/districts/99999/processes/").status_code == 404


def close(process: Process) -> dt.datetime:
    """End the process's voting phase an hour ago; returns the end."""
    end = (timezone.now() - dt.timedelta(hours=1)).replace(microsecond=0)
    process.phases.update(start=end - dt.timedelta(days=7), end=end)
    return end


def test_statements_with_counts_once_the_vote_is_over_without_hidden_pending_or_unpublished() -> None:
    process = statements_process()
    shown = add_statements(process, 2, voters=3)
    add_statements(process, 1, visibility=Visibility.HIDDEN, hidden_reason="Beleidigung")
    add_statements(process, 1, visibility=Visibility.PENDING)
    Statement.objects.filter(pk=shown[1].pk).update(external_id="42")
    end = close(process)
    client = Client()
    body = client.get(f"/api/v1/processes/{process.pk}/statements/").json()
    assert body["count"] == 2
    assert [dt.datetime.fromisoformat(row.pop("counts_public_from")) for row in body["results"]] == [end, end]
    assert body["results"] == [
        {"id": shown[0].pk, "external_id": "", "text": "These 0", "agree": 1, "disagree": 1, "pass": 1}
        | {"counts_public": True},
        {"id": shown[1].pk, "external_id": "42", "text": "These 1", "agree": 1, "disagree": 1, "pass": 1}
        | {"counts_public": True},
    ]
    draft = statements_process(published=False)
    add_statements(draft, 1)
    assert client.get(f"/api/v1/processes/{draft.pk}/statements/").status_code == 404
    assert client.get("/api/v1/processes/999999/statements/").status_code == 404


def test_while_the_vote_runs_the_counts_are_null_as_for_someone_who_has_not_voted() -> None:
    """As in Polis (and on the statements page): counts would steer the votes still to come."""
    process = statements_process()
    add_statements(process, 2, voters=3)
    body = Client().get(f"/api/v1/processes/{process.pk}/statements/").json()
    end = process.phases.get().end
    for row in body["results"]:
        assert (row["agree"], row["disagree"], row["pass"], row["counts_public"]) == (None, None, None, False)
        assert abs(dt.datetime.fromisoformat(row["counts_public_from"]) - end) < dt.timedelta(milliseconds=1)
    # the process's own figures keep only the total of votes, which tells nothing about one statement
    assert Client().get(f"/api/v1/processes/{process.pk}/").json()["figures"]["votes"] == 6


def test_statements_are_paginated_with_links() -> None:
    process = statements_process()
    add_statements(process, 7)
    client = Client()
    first = client.get(f"/api/v1/processes/{process.pk}/statements/?page_size=5").json()
    assert first["count"] == 7 and len(first["results"]) == 5 and "page=2" in first["next"]
    second = client.get(first["next"]).json()
    assert [s["text"] for s in second["results"]] == ["These 5", "These 6"] and second["previous"]


def _queries(url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert Client().get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_rows() -> None:
    small, large = statements_process(), statements_process()
    add_statements(small, 2, voters=2)
    add_statements(large, 40, voters=30)
    for _ in range(5):
        statements_process(large.district)
    assert _queries(f"/api/v1/processes/{small.pk}/statements/") == _queries(
        f"/api/v1/processes/{large.pk}/statements/"
    )
    assert _queries(f"/api/v1/districts/{small.district.key}/processes/") == _queries(
        f"/api/v1/districts/{large.district.key}/processes/"
    )
    assert _queries(f"/api/v1/processes/{large.pk}/statements/") <= 4  # running: no counts read
    close(small), close(large)
    assert _queries(f"/api/v1/processes/{small.pk}/statements/") == _queries(
        f"/api/v1/processes/{large.pk}/statements/"
    )
    assert _queries(f"/api/v1/processes/{large.pk}/statements/") <= 5


def test_openapi_describes_the_participation_endpoints() -> None:
    spec = Client().get("/api/v1/openapi.json").json()
    assert {"/api/v1/districts/{key}/processes/", "/api/v1/processes/{process_id}/statements/"} <= set(spec["paths"])
    properties = spec["components"]["schemas"]["StatementOut"]["properties"]
    assert {"agree", "disagree", "pass", "counts_public", "counts_public_from"} <= set(properties)
    # the counts may be null, and the schema says why
    assert {"type": "null"} in properties["agree"]["anyOf"] and "abgestimmt" in properties["agree"]["description"]
