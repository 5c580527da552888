"""The staff dashboard's running participation: what each running phase gathered, what waits, in three queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from kreiskurs.accounts.models import Role
from kreiskurs.participation.models import Idea, Visibility
from kreiskurs.participation.sections import open_participation
from kreiskurs.participation.services import ideas as idea_services
from kreiskurs.participation.services import statements as statement_services
from tests import factories

pytestmark = pytest.mark.django_db


def section(district: object) -> tuple[dict[str, object], int]:
    request = RequestFactory().get("/")
    request.user = factories.member(district, Role.STRATEGY_TEAM)  # type: ignore[arg-type]
    request.user.has_perm("participation.moderate", district)  # memberships loaded before counting
    with CaptureQueriesContext(connection) as queries:
        context = open_participation(request=request, district=district)
    return context, len(queries.captured_queries)


def test_each_running_process_shows_the_count_of_its_phase_kind_and_pending_counts_both_kinds() -> None:
    ideas = factories.running_process(kind="ideas", pseudonymous=True)
    district = ideas.district
    opinions = factories.running_process(district, kind="statements", pseudonymous=True)
    factories.running_process(district, kind="survey")
    team = factories.member(district, Role.STRATEGY_TEAM)
    anna, ben = factories.participant(district, name="Anna"), factories.participant(district, name="Ben")
    for title in ("Radweg", "Glasfaser", "WLAN"):
        idea_services.submit_idea(by=None, process=ideas, participant=anna, title=title, text="x")
    Idea.objects.filter(title="WLAN").update(visibility=Visibility.PENDING)
    statement = statement_services.add_statement(by=team, process=opinions, text="Open Data zuerst")
    for person in (anna, ben):
        statement_services.cast_vote(by=None, statement=statement, participant=person, vote=1)

    context, _queries = section(district)
    counted = {process.title: (what, n) for process, _phase, what, n in context["rows"]}  # type: ignore[attr-defined]
    assert counted == {
        "Verfahren ideas": ("ideas", 3),
        "Verfahren statements": ("votes", 2),
        "Verfahren survey": ("responses", 0),
    }
    assert context["pending"] == 1


def test_the_queries_do_not_grow_with_the_running_processes() -> None:
    one = factories.running_process(kind="ideas")
    _context, few = section(one.district)
    for kind in ("commenting", "statements", "survey", "prioritisation"):
        factories.running_process(one.district, kind=kind)
    context, many = section(one.district)
    assert len(context["rows"]) == 5  # type: ignore[arg-type]
    assert few == many == 3
