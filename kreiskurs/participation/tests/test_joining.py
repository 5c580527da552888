"""The invitation "Jetzt mitmachen": running processes on the district home and on the platform index."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kreiskurs.participation.models import (
    Comment,
    Idea,
    MeasureRating,
    Phase,
    Process,
    Statement,
    StatementVote,
    Support,
    SurveyResponse,
    Visibility,
)
from kreiskurs.participation.selectors.joining import (
    ON_HOME,
    PEOPLE_REFRESH,
    count_people,
    joinable_everywhere,
    joinable_in,
    people_per_process,
)
from kreiskurs.participation.services import ideas as idea_services
from kreiskurs.participation.services import representativeness
from tests import factories

pytestmark = pytest.mark.django_db


def _with_people(process: Any, n: int) -> None:
    """``n`` people take part: each submits an idea; the first also supports the second's and comments."""
    district = process.district
    people = [factories.participant(district, factories.UserFactory(), name=f"P{i}") for i in range(n)]
    ideas = [
        idea_services.submit_idea(by=p.user, process=process, participant=p, title=f"Idee {i}", text="x")
        for i, p in enumerate(people)
    ]
    if n > 1:
        idea_services.toggle_support(by=people[0].user, idea=ideas[1], participant=people[0])
        idea_services.comment(by=people[0].user, process=process, participant=people[0], text="Gut", idea=ideas[1])


def test_the_district_home_invites_to_running_processes_with_deadline_people_and_a_call_to_action(
    client: Any,
) -> None:
    district = factories.DistrictFactory(slug="kreis")
    running = factories.running_process(district, kind="ideas")
    running.title = "Ideen für das Breitband"
    running.save()
    _with_people(running, 3)
    closed = factories.running_process(district)
    Phase.objects.filter(process=closed).update(end=timezone.now() - dt.timedelta(hours=1))
    hidden = factories.running_process(district, published=False)
    hidden.title = "Noch geheim"
    hidden.save()
    page = client.get("/kreis/").content.decode()
    assert "Jetzt mitmachen" in page and "Ideen für das Breitband" in page
    assert "3 Personen" in page  # distinct people: the one who also supported and commented counts once
    deadline = timezone.localtime(running.phases.get().end).strftime("%d.%m.%Y")
    assert 'Mitmachen bis</dt><dd class="kern-body"><time datetime="' in page and deadline in page
    assert f'href="/kreis/beteiligung/{running.pk}/"' in page
    assert f'href="/kreis/beteiligung/{closed.pk}/"' not in page and "Noch geheim" not in page


def test_a_district_without_running_processes_says_so_and_links_the_process_list(client: Any) -> None:
    factories.DistrictFactory(slug="leer")
    page = client.get("/leer/").content.decode()
    assert "Gerade läuft kein Beteiligungsverfahren." in page and 'href="/leer/beteiligung/"' in page


def test_between_two_phases_the_next_phase_is_named_instead_of_a_deadline() -> None:
    process = factories.running_process(kind="ideas")
    now = timezone.now()
    Phase.objects.filter(process=process).update(start=now - dt.timedelta(days=3), end=now - dt.timedelta(days=1))
    later = Phase.objects.create(
        district=process.district,
        process=process,
        kind="survey",
        title="Umfrage",
        start=now + dt.timedelta(days=2),
        end=now + dt.timedelta(days=9),
    )
    [row], total = joinable_in(process.district, AnonymousUser())
    assert total == 1 and row.phase is None and row.deadline is None and row.next_phase == later


def test_the_home_shows_the_first_deadlines_and_counts_the_rest() -> None:
    district = factories.DistrictFactory()
    processes = [factories.running_process(district) for _ in range(ON_HOME + 2)]
    for days, process in enumerate(processes, start=1):
        Phase.objects.filter(process=process).update(end=timezone.now() + dt.timedelta(days=days))
    rows, total = joinable_in(district, AnonymousUser())
    assert total == ON_HOME + 2
    assert [r.process for r in rows] == processes[:ON_HOME]


def test_the_home_links_its_rows_without_a_query_per_process() -> None:
    district = factories.DistrictFactory()
    for _ in range(ON_HOME):
        factories.running_process(district)
    rows, _total = joinable_in(district, AnonymousUser())
    with CaptureQueriesContext(connection) as ctx:
        slugs = {row.process.district.slug for row in rows}  # what _joinable.html links with
        phases = [list(row.process.phases.all()) for row in rows]  # read with the processes
    assert slugs == {district.slug} and len(rows) == ON_HOME and not ctx.captured_queries
    assert phases == [list(Phase.objects.filter(process=row.process).order_by("start", "id")) for row in rows]
    assert all(phase.process is row.process for row, own in zip(rows, phases, strict=True) for phase in own)


def test_the_platform_index_shows_running_participation_across_districts(client: Any) -> None:
    first = factories.running_process(factories.DistrictFactory(slug="nord", name="Nordkreis"))
    second = factories.running_process(factories.DistrictFactory(slug="sued", name="Südkreis"))
    factories.running_process(factories.DistrictFactory(slug="west"), published=False)
    page = client.get("/").content.decode()
    assert "Jetzt mitmachen" in page and "Nordkreis" in page and "Südkreis" in page
    assert f'href="/nord/beteiligung/{first.pk}/"' in page and f'href="/sued/beteiligung/{second.pk}/"' in page
    assert "/west/beteiligung/" not in page


def test_members_see_their_unpublished_process_marked() -> None:
    process = factories.running_process(published=False)
    user = factories.member(process.district, "strategy_team")
    [row], _total = joinable_in(process.district, user)
    assert row.process == process and not row.process.published
    assert joinable_in(process.district, AnonymousUser()) == ([], 0)


def _queries(read: Any) -> int:
    with CaptureQueriesContext(connection) as ctx:
        read()
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_rows() -> None:
    district = factories.DistrictFactory()
    _with_people(factories.running_process(district), 1)

    def home() -> Any:
        return joinable_in(district, AnonymousUser())

    def everywhere() -> Any:
        return joinable_everywhere(AnonymousUser())

    def counted(read: Any) -> int:  # every count of people stale: counted in one statement, kept in one
        Process.objects.update(people=None, people_at=None)
        return _queries(read)

    before = counted(home), counted(everywhere), _queries(home), _queries(everywhere)
    for _ in range(ON_HOME + 3):
        process = factories.running_process(district)
        _with_people(process, 3)
        factories.running_process(factories.DistrictFactory())
    after = counted(home), counted(everywhere), _queries(home), _queries(everywhere)
    assert [a <= b + 1 for a, b in zip(after, before, strict=True)] == [True] * 4  # + the count of all running
    assert before[0] <= 5 and before[1] <= 5  # processes, phases, people counted, counts kept
    assert (before[2], before[3]) == (before[0] - 2, before[1] - 2)  # kept: neither counted nor written


def test_the_count_of_people_is_kept_for_a_few_minutes_and_dropped_when_a_person_is_forgotten() -> None:
    process = factories.running_process()
    _with_people(process, 2)
    now = timezone.now()
    assert people_per_process([process], now=now) == Counter({process.pk: 2})
    _with_people(process, 1)  # a third person takes part
    kept = Process.objects.get(pk=process.pk)
    assert (kept.people, kept.people_at) == (2, now)
    assert people_per_process([kept], now=now + PEOPLE_REFRESH - dt.timedelta(seconds=1)) == Counter({process.pk: 2})
    assert people_per_process([kept], now=now + PEOPLE_REFRESH) == Counter({process.pk: 3})  # counted again
    assert Process.objects.get(pk=process.pk).people == 3
    assert PEOPLE_REFRESH == representativeness.REFRESH  # one lag for what the public sees of participation
    representativeness.forget_kept(district_id=process.district_id)
    assert Process.objects.get(pk=process.pk).people_at is None


def _people_by_the_orm(processes: list[Any]) -> tuple[list[str], Counter[int]]:
    """The definition ``people_per_process`` implements in one SQL statement: distinct (process, person)
    pairs of public ideas, comments and statements, supports, ratings, votes and survey answers;
    and the kinds of which there is none."""
    ids = [p.pk for p in processes]
    kinds = [
        Idea.objects.public().filter(process__in=ids, author__isnull=False).values_list("process_id", "author_id"),
        Comment.objects.public().filter(process__in=ids, author__isnull=False).values_list("process_id", "author_id"),
        Statement.objects.public().filter(process__in=ids, author__isnull=False).values_list("process_id", "author_id"),
        Support.objects.filter(idea__process__in=ids, idea__process__published=True).values_list(
            "idea__process_id", "participant_id"
        ),
        MeasureRating.objects.filter(process__in=ids, process__published=True).values_list(
            "process_id", "participant_id"
        ),
        StatementVote.objects.filter(statement__process__in=ids, statement__process__published=True).values_list(
            "statement__process_id", "participant_id"
        ),
        SurveyResponse.objects.filter(
            survey__process__in=ids, survey__process__published=True, participant__isnull=False
        ).values_list("survey__process_id", "participant_id"),
    ]
    return [k.model.__name__ for k in kinds if not k.exists()], Counter(
        process_id for process_id, _person in {pair for kind in kinds for pair in kind}
    )


def test_people_are_counted_as_the_union_of_every_kind_of_contribution(demo_district: Any) -> None:
    """The SQL statement counts what the ORM definition counts, on the demo's processes of every kind,
    also after moderation hides a contribution and when a process is not published."""
    voted = StatementVote.objects.filter(statement__district=demo_district).select_related("statement").first()
    assert voted is not None
    author = factories.participant(demo_district, factories.UserFactory(), name="Neu")
    Statement.objects.create(district=demo_district, process=voted.statement.process, author=author, text="These")
    processes = list(Process.objects.filter(district=demo_district).order_by("pk"))
    missing, expected = _people_by_the_orm(processes)
    assert missing == [], "the test needs every kind of contribution"
    assert count_people(processes) == expected and sum(expected.values()) > 0
    assert people_per_process(processes) == expected  # counted and kept

    idea = Idea.objects.public().filter(process__district=demo_district, author__isnull=False).first()
    assert idea is not None
    Idea.objects.filter(pk=idea.pk).update(visibility=Visibility.HIDDEN)
    Process.objects.filter(pk=processes[-1].pk).update(published=False)
    processes = list(Process.objects.filter(district=demo_district).order_by("pk"))
    _missing, changed = _people_by_the_orm(processes)
    assert changed != expected
    assert count_people(processes) == changed
    assert count_people([p for p in processes if not p.published]) == Counter()
