"""The staff dashboard's running participation: what each running phase gathered, what waits, in one query
(who takes part: ``test_running_kept``)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from kreiskurs.accounts.models import Role
from kreiskurs.participation.models import (
    Comment,
    Idea,
    MeasureRating,
    Phase,
    Statement,
    SurveyResponse,
    Visibility,
)
from kreiskurs.participation.sections import open_participation
from kreiskurs.participation.selectors.gathered import COUNTED_BY_KIND, gathered_count
from kreiskurs.participation.services import ideas as idea_services
from kreiskurs.participation.services import statements as statement_services
from tests import factories

pytestmark = pytest.mark.django_db


def section(district: object) -> tuple[dict[str, object], int]:
    request = RequestFactory().get("/")
    request.user = factories.member(district, Role.STRATEGY_TEAM)  # type: ignore[arg-type]
    request.user.has_perm("participation.moderate", district)  # memberships loaded before counting
    open_participation(request=request, district=district)  # the representativeness kept and rendered once
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
    assert few == many == 1  # the running phases with their processes, what they gathered and what waits


def test_what_waits_is_counted_with_the_running_phases_or_alone_when_nothing_runs() -> None:
    """Ideas and comments waiting for moderation, of this district only: read with the running phases,
    and in a query of their own when no process runs."""
    process = factories.running_process(kind="ideas", pseudonymous=True)
    district = process.district
    anna = factories.participant(district, name="Anna")
    for title in ("Radweg", "Glasfaser", "WLAN"):
        idea = idea_services.submit_idea(by=None, process=process, participant=anna, title=title, text="x")
    Idea.objects.filter(process=process).exclude(title="Radweg").update(visibility=Visibility.PENDING)
    Comment.objects.create(
        district=district, process=process, idea=idea, author=anna, text="Gern", visibility=Visibility.PENDING
    )
    elsewhere = factories.running_process(kind="ideas", pseudonymous=True)
    idea_services.submit_idea(
        by=None, process=elsewhere, participant=factories.participant(elsewhere.district), title="Anderswo", text="x"
    )
    Idea.objects.filter(process=elsewhere).update(visibility=Visibility.PENDING)
    context, queries = section(district)
    assert (context["pending"], queries) == (3, 1)
    process.phases.all().delete()  # nothing runs any more
    context, queries = section(district)
    assert (context["rows"], context["pending"], queries) == ([], 3, 2)  # the phases (none), what waits


def test_every_kind_is_counted_as_the_orm_counts_it(demo_district: object) -> None:
    """Each phase's count of what its kind gathers against the ORM's counts, on every phase of the
    demo's processes and for every kind (all of a process's rows, whatever their moderation; votes as
    kept on the statements); kinds that gather nothing count None."""
    by_orm = {
        "ideas": lambda p: Idea.objects.filter(process=p).count(),
        "comments": lambda p: Comment.objects.filter(process=p).count(),
        "ratings": lambda p: MeasureRating.objects.filter(process=p).count(),
        "responses": lambda p: SurveyResponse.objects.filter(survey__process=p).count(),
        "votes": lambda p: sum(
            s.agree_count + s.disagree_count + s.pass_count for s in Statement.objects.filter(process=p)
        ),
    }
    phases = list(Phase.objects.filter(district=demo_district).annotate(gathered=gathered_count()))
    found: dict[str, int] = {}
    for phase in phases:
        what = COUNTED_BY_KIND.get(phase.kind)
        expected = by_orm[what](phase.process) if what else None
        assert phase.gathered == expected, (phase.kind, phase.process.title)  # type: ignore[attr-defined]
        if what:
            found[what] = found.get(what, 0) + (expected or 0)
    assert {what for what, n in found.items() if n} == set(by_orm), f"the demo should gather every kind: {found}"
