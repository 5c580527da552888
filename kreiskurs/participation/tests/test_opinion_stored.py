"""The stored opinion map: stored by a service, queued (debounced) by votes, run as a job, shown on a page."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kreiskurs.accounts.models import Role
from kreiskurs.audit.models import AuditEntry
from kreiskurs.core.models import Job, JobState
from kreiskurs.participation.models import OpinionMap, Participant, Process, Statement, StatementVote, Visibility
from kreiskurs.participation.selectors import SESSION_KEY
from kreiskurs.participation.selectors.opinion import opinion_map_of
from kreiskurs.participation.services import moderation as moderation_services
from kreiskurs.participation.services import participants as participant_services
from kreiskurs.participation.services import statements as statement_services
from kreiskurs.participation.services.opinion import DEBOUNCE, note_votes_changed, store_opinion_map
from tests import factories

pytestmark = pytest.mark.django_db


def two_camps(
    people: int = 8, statements: int = 7, per_person: int | None = None, district: Any = None
) -> tuple[Process, list[Participant], list[Statement]]:
    """A running statements process: half the people agree with every statement, half disagree;
    everyone agrees with the last one (a consensus statement). With ``per_person`` each votes on only
    that many statements, the next ones from their own place on."""
    process = factories.running_process(district, kind="statements", pseudonymous=True)
    district = process.district
    rows = [
        Statement.objects.create(district=district, process=process, text=f"These {n}", visibility=Visibility.VISIBLE)
        for n in range(statements + 1)
    ]
    persons = [Participant.objects.create(district=district, display_name=f"P{n}") for n in range(people)]
    now = timezone.now()
    StatementVote.objects.bulk_create(
        StatementVote(
            district=district,
            statement=s,
            participant=p,
            vote=1 if (i % 2 == 0 or s == rows[-1]) else -1,
            voted_at=now,
        )
        for i, p in enumerate(persons)
        for k, s in enumerate(rows)
        if per_person is None or (k - i) % len(rows) < per_person
    )
    return process, persons, rows


def newcomer(process: Process) -> Participant:
    """Someone who has not voted yet (the vote services count each vote on top of the statement's counts)."""
    return Participant.objects.create(district=process.district, display_name="Neu")


def command_json(process: Process) -> dict[str, Any]:
    out = io.StringIO()
    call_command("opinion_map", "--process", str(process.pk), "--format", "json", stdout=out)
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def test_the_stored_result_is_the_commands_and_the_command_prints_it_only_while_the_votes_match() -> None:
    process, persons, rows = two_camps()
    stored = store_opinion_map(process=process)
    assert stored.result == opinion_map_of(process)
    assert stored.group_count == 2 and stored.vote_count == 64 and not stored.is_outdated
    # the command prints what is stored (marked here to tell it from a computation) …
    OpinionMap.objects.filter(pk=stored.pk).update(result={**stored.result, "consensus": ["gespeichert"]})
    assert command_json(process)["consensus"] == ["gespeichert"]
    # … until the votes change: then it computes (and the stored marker no longer matches)
    StatementVote.objects.filter(participant=persons[0], statement=rows[0]).delete()
    assert command_json(process)["consensus"] != ["gespeichert"]


def test_storing_again_without_changed_votes_computes_nothing() -> None:
    process, _persons, _rows = two_camps()
    first = store_opinion_map(process=process)
    OpinionMap.objects.filter(pk=first.pk).update(result={"unverändert": True})
    assert store_opinion_map(process=process).result == {"unverändert": True}


def test_a_vote_queues_one_recomputation_and_computes_nothing_itself(django_capture_on_commit_callbacks: Any) -> None:
    process, _persons, rows = two_camps()
    with django_capture_on_commit_callbacks() as queued:
        voter = newcomer(process)
        statement_services.cast_vote(by=None, statement=rows[0], participant=voter, vote=1)
        statement_services.cast_vote(by=None, statement=rows[1], participant=voter, vote=1)
    row = OpinionMap.objects.get(process=process)
    assert len(queued) == 1  # the second vote finds the recomputation queued
    assert row.computed_at is None and row.result == {}
    assert row.queued_for is not None and row.votes_changed_at is not None and row.votes_changed_at >= row.queued_for


def test_the_next_recomputation_starts_no_earlier_than_the_debounce_after_the_last(
    django_capture_on_commit_callbacks: Any,
) -> None:
    process, _persons, rows = two_camps()
    stored = store_opinion_map(process=process)
    assert stored.started_at is not None
    with django_capture_on_commit_callbacks() as queued:
        statement_services.cast_vote(by=None, statement=rows[0], participant=newcomer(process), vote=1)
    row = OpinionMap.objects.get(process=process)
    assert len(queued) == 1 and row.queued_for == stored.started_at + DEBOUNCE
    assert row.is_outdated
    # long after the last run a vote queues for now
    OpinionMap.objects.filter(pk=row.pk).update(queued_for=None, started_at=timezone.now() - 2 * DEBOUNCE)
    before = timezone.now()
    with django_capture_on_commit_callbacks():
        note_votes_changed(process=process)
    assert OpinionMap.objects.get(pk=row.pk).queued_for >= before  # type: ignore[operator]


def test_the_queued_job_stores_the_map_and_reports_how_it_ended(django_capture_on_commit_callbacks: Any) -> None:
    process, _persons, rows = two_camps()
    with django_capture_on_commit_callbacks(execute=True):
        statement_services.cast_vote(by=None, statement=rows[0], participant=newcomer(process), vote=1)
    row = OpinionMap.objects.select_related("job").get(process=process)
    assert row.job is not None and row.job.state == JobState.DONE
    assert row.job.result_url == f"/{process.district.slug}/beteiligung/{process.pk}/meinungsbild/"
    assert "2 Gruppen" in row.job.message
    assert row.queued_for is None and row.group_count == 2 and not row.is_outdated
    assert row.vote_count == 65


def test_moderators_recompute_now_others_get_404(django_capture_on_commit_callbacks: Any) -> None:
    process, _persons, _rows = two_camps()
    url = f"/{process.district.slug}/verwaltung/beteiligung/{process.pk}/thesen/meinungsbild/neu-berechnen/"
    steering = Client()
    steering.force_login(factories.member(process.district, Role.STEERING))
    assert steering.post(url).status_code == 404
    assert not Job.objects.exists()
    moderator = Client()
    moderator.force_login(factories.member(process.district, Role.MODERATOR))
    page = moderator.get(f"/{process.district.slug}/verwaltung/beteiligung/{process.pk}/").content.decode()
    assert "noch nicht berechnet" in page and "Jetzt neu berechnen" in page
    with django_capture_on_commit_callbacks(execute=True):
        assert moderator.post(url).status_code == 302
    assert OpinionMap.objects.get(process=process).group_count == 2
    assert AuditEntry.objects.filter(action="recompute_opinion_map").count() == 1
    page = moderator.get(f"/{process.district.slug}/verwaltung/beteiligung/{process.pk}/").content.decode()
    assert "aktuell" in page and "Berücksichtigte Stimmen" in page


def page_of(process: Process, participant: Participant | None = None) -> str:
    client = Client()
    if participant is not None:
        session = client.session
        session[SESSION_KEY.format(district=process.district_id)] = participant.pk
        session.save()
    response = client.get(f"/{process.district.slug}/beteiligung/{process.pk}/meinungsbild/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_draws_labelled_groups_tables_and_the_voters_own_position() -> None:
    process, persons, _rows = two_camps()
    store_opinion_map(process=process)
    html = page_of(process, persons[0])
    assert '<svg viewBox="0 0 640 420" role="img" aria-labelledby="opinion-title opinion-desc"' in html
    assert html.count('class="opinion-group"') == 2
    assert "Gruppe A (4 Personen)" in html and "Gruppe B (4 Personen)" in html
    assert 'id="opinion-own"' in html and "Ihre Position ist mit „Sie“ markiert." in html
    assert "Wofür die Gruppen stehen" in html and "These 0" in html
    assert "Worin sich alle Gruppen einig sind" in html and "These 7" in html
    assert "100 % / 0 %" in html and "0 % / 100 %" in html  # a camp's share against the other's
    # a visitor who has not voted, and someone of the district who has not voted, see no own position
    assert 'id="opinion-own"' not in page_of(process)
    newcomer = Participant.objects.create(district=process.district, display_name="Neu")
    assert 'id="opinion-own"' not in page_of(process, newcomer)


def test_a_statement_moderated_out_leaves_the_tables_at_once() -> None:
    process, _persons, rows = two_camps()
    store_opinion_map(process=process)
    Statement.objects.filter(pk=rows[-1].pk).update(visibility=Visibility.HIDDEN)
    assert "These 7" not in page_of(process)


def test_without_two_groups_the_page_says_why_not_yet() -> None:
    process, _persons, _rows = two_camps(people=8, per_person=4)  # four votes of eight each: nobody is grouped
    html = page_of(process)
    assert "noch nicht berechnet" in html
    store_opinion_map(process=process)
    html = page_of(process)
    assert "<svg" not in html and 'id="opinion-not-yet"' in html
    assert "mindestens 7 Thesen" in html and "bisher 0 von 8 Personen" in html


def test_the_page_reads_the_same_queries_for_few_and_many_participants() -> None:
    counts = []
    for people in (4, 24):
        process, persons, _rows = two_camps(people=people)
        store_opinion_map(process=process)
        page_of(process, persons[0])  # session and caches warm
        client = Client()
        session = client.session
        session[SESSION_KEY.format(district=process.district_id)] = persons[0].pk
        session.save()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/{process.district.slug}/beteiligung/{process.pk}/meinungsbild/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_an_hour_old_queue_marker_counts_as_lost(django_capture_on_commit_callbacks: Any) -> None:
    process, _persons, _rows = two_camps()
    OpinionMap.objects.create(
        district=process.district, process=process, queued_for=timezone.now() - dt.timedelta(hours=2)
    )
    with django_capture_on_commit_callbacks() as queued:
        note_votes_changed(process=process)
    assert len(queued) == 1


def test_moderating_out_a_voted_statement_queues_a_recomputation(django_capture_on_commit_callbacks: Any) -> None:
    process, _persons, rows = two_camps()
    store_opinion_map(process=process)
    moderator = factories.member(process.district, Role.MODERATOR)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        moderation_services.moderate(by=moderator, obj=rows[-1], visibility=Visibility.HIDDEN, reason="Doppelt")
    # one recomputation queued (beside it, the district's generation notes its bump: territory/generations.py)
    assert [callback.__name__ for callback in queued].count("enqueue") == 1
    consensus = OpinionMap.objects.get(process=process).result["consensus"]
    assert rows[-1].pk not in {s["statement"] for s in consensus}


def test_a_forgotten_persons_position_leaves_the_stored_map(django_capture_on_commit_callbacks: Any) -> None:
    process, persons, _rows = two_camps()
    assert f"p{persons[0].pk}" in store_opinion_map(process=process).positions
    with django_capture_on_commit_callbacks(execute=True):
        participant_services.forget(participants=[persons[0]], keep_contributions=False)
    assert f"p{persons[0].pk}" not in OpinionMap.objects.get(process=process).positions
