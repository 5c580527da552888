"""Reach per actor group (counted by hand, bounded queries), shown on the actor map through its section."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kreiskurs.accounts.models import Role
from kreiskurs.actors import services as actor_services
from kreiskurs.actors.models import Stakeholder
from kreiskurs.participation.models import Comment, Idea, Statement, StatementVote, Visibility, Vote
from kreiskurs.participation.selectors.reach import reach_by_group
from kreiskurs.participation.services import events as event_services
from kreiskurs.participation.services import surveys as survey_services
from tests import factories

pytestmark = pytest.mark.django_db


def map_url(district: Any) -> str:
    return f"/{district.slug}/verwaltung/akteurslandkarte/"


def test_reach_per_actor_group_counted_by_hand() -> None:
    ideas = factories.running_process(kind="ideas")
    district = ideas.district
    business, schools, clubs, seniors = (
        factories.ActorGroupFactory(district=district, name=n) for n in ("Wirtschaft", "Schulen", "Vereine", "Senioren")
    )
    survey_process = factories.running_process(district, kind="survey")
    statements = factories.running_process(district, kind="statements")
    workshop = factories.running_process(district, kind="workshop")

    def person(name: str, group: Any) -> Any:
        participant = factories.participant(district, factories.UserFactory(), name=name)
        participant.actor_group = group
        participant.save()
        return participant

    anna, ben = person("Anna", business), person("Ben", business)
    carla = person("Carla", schools)
    person("Dora", None)
    Idea.objects.create(district=district, process=ideas, author=anna, title="A1", text="x")
    Idea.objects.create(district=district, process=ideas, author=ben, title="B1", text="x", actor_group=schools)
    Idea.objects.create(
        district=district, process=ideas, author=ben, title="B2", text="x", visibility=Visibility.HIDDEN
    )  # hidden: not counted
    idea = Idea.objects.get(title="A1")
    Comment.objects.create(district=district, process=ideas, author=carla, idea=idea, text="c")
    Comment.objects.create(district=district, process=ideas, author=anna, idea=idea, text="c")
    thesis = Statement.objects.create(district=district, process=statements, author=anna, text="These")
    for voter in (anna, ben, carla):
        StatementVote.objects.create(
            district=district, statement=thesis, participant=voter, vote=Vote.AGREE, voted_at=timezone.now()
        )
    survey = survey_services.create_survey(by=None, process=survey_process, title="U")
    survey_services.save_question(by=None, survey=survey, kind="text", text="Was?")
    for p in (carla, anna):
        survey_services.answer_survey(by=p.user, survey=survey, participant=p, answers={})
    start = timezone.now() + dt.timedelta(days=3)
    event = event_services.save_event(
        by=None,
        district=district,
        values={
            "process": workshop,
            "title": "Vereinsabend",
            "start": start,
            "end": start + dt.timedelta(hours=2),
            "place": "Aula",
        },
        target_groups=[clubs],
    )
    event_services.record_event_result(by=None, event=event, title="Ergebnis", text="x", actor_group=clubs)

    reach = {r.group.name: r for r in reach_by_group(district)}
    wirtschaft = reach["Wirtschaft"]
    assert (wirtschaft.participants, wirtschaft.ideas, wirtschaft.comments, wirtschaft.statements) == (2, 2, 1, 1)
    assert (wirtschaft.responses, wirtschaft.votes, wirtschaft.contributions) == (1, 2, 7)
    assert [p.pk for p in wirtschaft.processes] == sorted([ideas.pk, survey_process.pk, statements.pk])
    schulen = reach["Schulen"]
    assert (schulen.participants, schulen.ideas, schulen.comments, schulen.responses, schulen.votes) == (1, 0, 1, 1, 1)
    assert {p.pk for p in schulen.processes} == {ideas.pk, survey_process.pk, statements.pk}  # B1 is tagged Schulen
    vereine = reach["Vereine"]
    assert (vereine.participants, vereine.ideas, vereine.contributions) == (0, 1, 1)  # the workshop's result
    assert [e.title for e in vereine.events] == ["Vereinsabend"] and [p.pk for p in vereine.processes] == [workshop.pk]
    senioren = reach["Senioren"]
    assert not senioren.reached and senioren.contributions == 0

    staff = Client()
    staff.force_login(factories.member(district, Role.STRATEGY_TEAM))
    page = staff.get(map_url(district)).content.decode()
    row = page.split(f'id="gruppe-{seniors.pk}"')[1].split("</tr>")[0]
    assert "noch nicht erreicht" in row
    row = page.split(f'id="gruppe-{business.pk}"')[1].split("</tr>")[0]
    assert re.findall(r"--numeric\">(\d+)</td>", row) == ["2", "2", "1", "1", "1", "2", "7"]


def test_map_queries_do_not_grow_with_groups_and_contributions() -> None:
    def count(size: int) -> int:
        process = factories.running_process(kind="ideas")
        district = process.district
        for n in range(size):
            group = factories.ActorGroupFactory(district=district)
            factories.StakeholderFactory(district=district, group=group, influence=1 + n % 3, interest=1 + (n // 3) % 3)
            body = actor_services.create_body(by=None, district=district, name=f"Gremium {n}")
            actor_services.add_member(
                by=None, body=body, stakeholder=Stakeholder.objects.filter(district=district).last(), role="Mitglied"
            )  # type: ignore[arg-type]
            participant = factories.participant(district, factories.UserFactory(), name=f"P{n}")
            participant.actor_group = group
            participant.save()
            idea = Idea.objects.create(district=district, process=process, author=participant, title=f"I{n}", text="x")
            Comment.objects.create(district=district, process=process, author=participant, idea=idea, text="c")
            start = timezone.now() + dt.timedelta(days=n + 1)
            event_services.save_event(
                by=None,
                district=district,
                values={
                    "process": process,
                    "title": f"T{n}",
                    "start": start,
                    "end": start + dt.timedelta(hours=1),
                    "place": "x",
                },
                target_groups=[group],
            )
        client = Client()
        client.force_login(factories.member(district, Role.STRATEGY_TEAM))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(map_url(district)).status_code == 200
        return len(ctx.captured_queries)

    assert count(2) == count(9)
