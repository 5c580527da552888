"""The voting flow as in Polis: one statement at a time, counts after one's own vote, progress, "Weiter"."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kreiskurs.participation.models import Participant, Phase, Process, Statement, StatementVote, Visibility, Vote
from kreiskurs.participation.selectors import voting
from kreiskurs.participation.services import statements as services
from tests import factories

from .test_statements import form, list_url, staff_statement, statements_process, voter

pytestmark = pytest.mark.django_db


def flow_url(process: Process) -> str:
    return f"{list_url(process)}abstimmen/"


def flow_vote_url(statement: Statement) -> str:
    return f"{flow_url(statement.process)}{statement.pk}/"


def votes_by_others(statement: Statement, n: int) -> None:
    people = Participant.objects.bulk_create(
        Participant(district=statement.district, display_name=f"P{statement.pk}-{k}") for k in range(n)
    )
    StatementVote.objects.bulk_create(
        StatementVote(district=statement.district, statement=statement, participant=p, vote=1, voted_at=timezone.now())
        for p in people
    )


def cast_by_others(statement: Statement, values: list[int]) -> None:
    """Votes of other participants, cast through the service as the page does."""
    for n, value in enumerate(values):
        user, person = voter(statement.process, f"Andere {statement.pk}-{n}")
        services.cast_vote(by=user, statement=statement, participant=person, vote=value)


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- the order and the progress (selectors/voting.py) ------------------------------------------


def test_the_order_is_fixed_per_participant_differs_between_them_and_alternates_established_and_new() -> None:
    candidates = [voting.Candidate(pk, established=pk % 2 == 0) for pk in range(1, 41)]
    anna = voting.order(candidates, process_pk=1, participant_pk=7)
    assert anna == voting.order(list(reversed(candidates)), process_pk=1, participant_pk=7)
    assert sorted(anna) == list(range(1, 41))
    assert anna != voting.order(candidates, process_pk=1, participant_pk=8)
    assert anna != voting.order(candidates, process_pk=2, participant_pk=7)
    assert [pk % 2 == 0 for pk in anna[:6]] == [True, False, True, False, True, False]
    # a new statement slots in: the others keep their order among themselves
    grown = voting.order([*candidates, voting.Candidate(99, established=False)], process_pk=1, participant_pk=7)
    assert [pk for pk in grown if pk != 99 and pk % 2] == [pk for pk in anna if pk % 2]
    uneven = voting.order(
        [voting.Candidate(1, True), *(voting.Candidate(k, False) for k in (2, 3, 4))], process_pk=1, participant_pk=7
    )
    assert uneven[0] == 1 and sorted(uneven[1:]) == [2, 3, 4]


def test_a_statement_is_established_from_the_fifth_vote() -> None:
    process = statements_process()
    four, five = staff_statement(process, "Vier"), staff_statement(process, "Fünf")
    votes_by_others(four, voting.ESTABLISHED - 1)
    votes_by_others(five, voting.ESTABLISHED)
    assert {c.pk: c.established for c in voting.candidates(process)} == {four.pk: False, five.pk: True}


def test_next_unseen_statement_skips_hidden_pending_and_voted_ones_and_a_pass_counts_as_seen() -> None:
    process = statements_process(moderation="pre")
    shown = [staff_statement(process, f"These {n}") for n in range(4)]
    user, anna = voter(process)
    hidden = staff_statement(process, "Ausgeblendet")
    services.cast_vote(by=user, statement=hidden, participant=anna, vote=Vote.AGREE)
    Statement.objects.filter(pk=hidden.pk).update(visibility=Visibility.HIDDEN, hidden_reason="Doppelt")
    pending = services.propose_statement(by=user, process=process, participant=anna, text="Wartet")
    start = voting.position(process, anna)
    assert start.progress == voting.Progress(seen=0, total=4) and not start.progress.done
    assert start.next is not None and start.next.pk in {s.pk for s in shown}
    assert voting.position(process, anna).next == start.next  # deterministic
    met = []
    for value in (Vote.AGREE, Vote.PASS, Vote.DISAGREE, Vote.PASS):
        step = voting.position(process, anna)
        assert step.next is not None and step.next.pk not in met + [hidden.pk, pending.pk]
        met.append(step.next.pk)
        services.cast_vote(by=user, statement=step.next, participant=anna, vote=value)
        assert voting.progress_of(process, anna) == voting.Progress(seen=len(met), total=4)
    end = voting.position(process, anna)
    assert end.next is None and end.progress.done and sorted(met) == [s.pk for s in shown]
    _other_user, ben = voter(process, "Ben")
    assert voting.position(process, ben).next is not None  # others' votes are not Anna's


# --- the pages ---------------------------------------------------------------------------------


def test_vote_then_see_the_counts_then_go_on_post_redirect_get() -> None:
    process = statements_process()
    for n in range(3):
        staff_statement(process, f"These Nummer {n}")
    user, anna = voter(process)
    client = logged_in(user)
    page = client.get(flow_url(process)).content.decode()
    first = voting.position(process, anna).next
    assert first is not None and first.text in page
    assert "0 von 3 Thesen bewertet" in page and '<progress id="flow-progress" max="3" value="0">' in page
    assert "stimmen zu ·" not in page and ">Weiter<" not in page
    response = client.post(flow_vote_url(first), form(vote="1"))
    assert response.status_code == 302 and response["Location"] == f"{flow_url(process)}?these={first.pk}"
    after = client.get(response["Location"]).content.decode()
    assert first.text in after and "1 von 3 Thesen bewertet" in after
    assert "1 stimmen zu · 0 stimmen nicht zu · 0 überspringen" in after and "Ihre Stimme: stimme zu" in after
    assert ">Weiter<" in after and 'aria-pressed="true"' in after
    second = voting.position(process, anna).next
    assert second is not None and second != first and second.text in client.get(flow_url(process)).content.decode()
    passed = client.post(flow_vote_url(second), form(vote="0"))
    assert passed["Location"] == flow_url(process)  # a pass goes straight on
    assert "2 von 3 Thesen bewertet" in client.get(flow_url(process)).content.decode()
    assert dict(StatementVote.objects.filter(participant=anna).values_list("statement", "vote")) == {
        first.pk: Vote.AGREE,
        second.pk: Vote.PASS,
    }


def test_counts_on_the_list_only_after_ones_own_vote_while_voting_runs() -> None:
    process = statements_process()
    mine, other = staff_statement(process, "Meine"), staff_statement(process, "Andere")
    cast_by_others(mine, [Vote.AGREE, Vote.AGREE])
    cast_by_others(other, [Vote.AGREE, Vote.AGREE, Vote.AGREE])
    user, anna = voter(process)
    client = logged_in(user)
    body = client.get(list_url(process)).content.decode()
    assert "stimmen zu ·" not in body and body.count("sehen Sie nach Ihrer eigenen Stimme") == 2
    services.cast_vote(by=user, statement=mine, participant=anna, vote=Vote.DISAGREE)
    body = client.get(list_url(process)).content.decode()
    assert "2 stimmen zu · 1 stimmen nicht zu · 0 überspringen" in body and "3 stimmen zu" not in body
    assert "stimmen zu ·" not in Client().get(list_url(process)).content.decode()
    assert f'href="{flow_url(process)}"' in body


def test_visitors_who_have_not_joined_are_led_to_joining() -> None:
    process = statements_process()
    statement = staff_statement(process, "Eine These")
    join = f"/beteiligung/{process.pk}/teilnehmen/?next={flow_url(process)}"
    for client in (Client(), logged_in(factories.UserFactory())):
        page = client.get(flow_url(process)).content.decode()
        assert join in page and 'name="vote"' not in page and "Eine These" not in page
        response = client.post(flow_vote_url(statement), form(vote="1"))
        assert response.status_code == 302 and response["Location"].endswith(join)
    assert not StatementVote.objects.exists()


def test_a_pseudonym_votes_where_allowed_and_is_led_to_joining_where_an_account_is_needed() -> None:
    open_process = statements_process(pseudonymous=True)
    staff_statement(open_process, "Ohne Konto")
    strict = statements_process(district=open_process.district)
    staff_statement(strict, "Nur mit Konto")
    guest = Participant.objects.create(district=open_process.district, display_name="Gast")
    client = Client()
    session = client.session
    session[f"kreiskurs.participant.{open_process.district.pk}"] = guest.pk
    session.save()
    assert "Ohne Konto" in client.get(flow_url(open_process)).content.decode()
    page = client.get(flow_url(strict)).content.decode()
    assert f"/beteiligung/{strict.pk}/teilnehmen/" in page and "Nur mit Konto" not in page and 'name="vote"' not in page


def test_counts_open_to_everyone_only_after_the_last_voting_phase() -> None:
    """Between two voting phases the counts stay with the voters (decision 0032); the API follows the same rule."""
    process = statements_process()
    statement = staff_statement(process, "Zwei Runden")
    cast_by_others(statement, [Vote.AGREE, Vote.AGREE])
    now = timezone.now()
    first = process.phases.get()
    process.phases.filter(pk=first.pk).update(start=now - dt.timedelta(days=7), end=now - dt.timedelta(days=1))
    second = Phase.objects.create(
        district=process.district,
        process=process,
        kind=first.kind,
        title="Zweite Runde",
        start=now + dt.timedelta(days=1),
        end=now + dt.timedelta(days=8),
    )
    api = f"/api/v1/processes/{process.pk}/statements/"
    assert "sehen Sie nach Ihrer eigenen Stimme" in Client().get(list_url(process)).content.decode()
    assert Client().get(api).json()["results"][0]["agree"] is None
    second.delete()
    assert "2 stimmen zu · 0 stimmen nicht zu" in Client().get(list_url(process)).content.decode()
    assert Client().get(api).json()["results"][0]["agree"] == 2


def test_a_closed_process_shows_no_statement_and_refuses_votes() -> None:
    closed = factories.running_process(kind="feedback")
    statement = staff_statement(closed, "Geschlossen")
    user, _anna = voter(closed)
    client = logged_in(user)
    page = client.get(flow_url(closed)).content.decode()
    assert "Zurzeit wird nicht abgestimmt." in page and 'name="vote"' not in page
    refused = client.post(flow_vote_url(statement), form(vote="1"), follow=True)
    assert refused.redirect_chain[-1][0] == flow_url(closed) and 'class="kk-messages"' in refused.content.decode()
    assert not StatementVote.objects.exists()
    assert "Thesen einzeln bewerten" not in client.get(list_url(closed)).content.decode()


def test_when_all_are_done_the_page_says_so_and_links_results_and_proposing() -> None:
    process = statements_process()
    statement = staff_statement(process)
    user, anna = voter(process)
    services.cast_vote(by=user, statement=statement, participant=anna, vote=Vote.PASS)
    page = logged_in(user).get(flow_url(process)).content.decode()
    assert "Sie haben alle Thesen bewertet" in page and "1 von 1 These bewertet" in page
    assert f'href="{list_url(process)}"' in page and f'href="{list_url(process)}#propose-heading"' in page


def test_hidden_and_foreign_statements_are_not_found_and_hidden_ones_are_not_voted_on() -> None:
    process, other = statements_process(), statements_process()
    hidden = staff_statement(process, "Ausgeblendet")
    Statement.objects.filter(pk=hidden.pk).update(visibility=Visibility.HIDDEN, hidden_reason="Doppelt")
    foreign = staff_statement(other)
    user, _anna = voter(process)
    client = logged_in(user)
    for value in (str(hidden.pk), str(foreign.pk), "x"):
        assert client.get(f"{flow_url(process)}?these={value}").status_code == 404
    assert client.post(f"{flow_url(process)}{foreign.pk}/", form(vote="1")).status_code == 404
    assert client.post(flow_vote_url(hidden), form(vote="1")).status_code == 302
    assert "Sie haben alle Thesen bewertet" not in client.get(flow_url(process)).content.decode()
    assert not StatementVote.objects.exists()


def _flow_queries(statements: int, voters: int) -> int:
    process = statements_process()
    rows = Statement.objects.bulk_create(
        Statement(district=process.district, process=process, text=f"These {n}", by_staff=True)
        for n in range(statements)
    )
    for row in rows[: voters // 4]:
        votes_by_others(row, voters)
    user, anna = voter(process)
    services.cast_vote(by=user, statement=rows[0], participant=anna, vote=Vote.AGREE)
    client = logged_in(user)
    client.get(flow_url(process))  # session and caches warm
    counts = []
    for url in (flow_url(process), f"{flow_url(process)}?these={rows[0].pk}"):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    return max(counts)


def test_query_count_does_not_grow_with_statements_or_votes() -> None:
    small = _flow_queries(2, 4)
    large = _flow_queries(60, 20)
    assert small == large
    assert large <= 15
