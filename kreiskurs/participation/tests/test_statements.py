"""Statements of opinion maps: staff write them, participants propose and vote — through services and HTTP."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kreiskurs.accounts.models import Role
from kreiskurs.audit.models import AuditEntry
from kreiskurs.participation.models import Participant, Process, Statement, StatementVote, Visibility, Vote
from kreiskurs.participation.protection import HONEYPOT, STAMP
from kreiskurs.participation.selectors import statements as statement_reads
from kreiskurs.participation.services import statements as services
from kreiskurs.participation.services.base import NotAllowedNow
from tests import factories

pytestmark = pytest.mark.django_db


def human_stamp(seconds_ago: float = 10) -> str:
    """A form timestamp signed as protection.form_stamp does, old enough to pass as typed by a person."""
    moment = timezone.now().timestamp() - seconds_ago
    return signing.dumps(moment, salt="kreiskurs.participation.form")


def form(**values: Any) -> dict[str, Any]:
    return {STAMP: human_stamp(), HONEYPOT: "", **values}


def statements_process(**kwargs: Any) -> Process:
    return factories.running_process(kind="statements", **kwargs)


def staff_statement(process: Process, text: str = "Alle Ämter sollen online erreichbar sein.") -> Statement:
    return services.add_statement(by=factories.member(process.district, Role.STRATEGY_TEAM), process=process, text=text)


def voter(process: Process, name: str = "Anna") -> tuple[Any, Participant]:
    user = factories.UserFactory()
    return user, factories.participant(process.district, user, name=name)


def list_url(process: Process) -> str:
    return f"/{process.district.slug}/beteiligung/{process.pk}/thesen/"


def vote_url(statement: Statement) -> str:
    return f"{list_url(statement.process)}{statement.pk}/abstimmen/"


# --- services ----------------------------------------------------------------------------------


def test_staff_statements_need_the_strategy_team_and_are_audited() -> None:
    process = statements_process()
    statement = staff_statement(process, "  Digitale\u202e Verwaltung  ")
    assert statement.by_staff and statement.author is None and statement.visibility == Visibility.VISIBLE
    assert statement.text == "Digitale Verwaltung"
    assert AuditEntry.objects.filter(object_type="participation.statement", object_id=str(statement.pk)).exists()
    for outsider in (None, factories.UserFactory(), factories.member(factories.DistrictFactory(), Role.STRATEGY_TEAM)):
        with pytest.raises(PermissionDenied):
            services.add_statement(by=outsider, process=process, text="Nicht erlaubt")
    with pytest.raises(ValidationError):
        staff_statement(process, " \u200b ")
    assert Statement.objects.count() == 1


def test_participants_propose_statements_moderated_as_the_process_says() -> None:
    post = statements_process()
    user, anna = voter(post)
    shown = services.propose_statement(by=user, process=post, participant=anna, text="Mehr WLAN\r\n\r\n\r\nan Schulen")
    assert shown.visibility == Visibility.VISIBLE and shown.author == anna and not shown.by_staff
    assert shown.text == "Mehr WLAN\n\nan Schulen"
    pre = statements_process(moderation="pre")
    user2, ben = voter(pre, "Ben")
    held = services.propose_statement(by=user2, process=pre, participant=ben, text="Open Data zuerst")
    assert held.visibility == Visibility.PENDING


def test_proposing_and_voting_follow_the_phase_rule() -> None:
    ideas = factories.running_process(kind="ideas")
    user, anna = voter(ideas)
    statement = staff_statement(ideas)
    with pytest.raises(NotAllowedNow):
        services.propose_statement(by=user, process=ideas, participant=anna, text="Geht nicht")
    with pytest.raises(NotAllowedNow):
        services.cast_vote(by=user, statement=statement, participant=anna, vote=Vote.AGREE)
    process = statements_process()
    other = staff_statement(process)
    with pytest.raises(NotAllowedNow):  # acting without having joined
        services.cast_vote(by=factories.UserFactory(), statement=other, participant=None, vote=Vote.AGREE)
    assert not StatementVote.objects.exists() and Statement.objects.filter(author__isnull=False).count() == 0


def test_one_vote_per_participant_which_may_change() -> None:
    process = statements_process()
    statement = staff_statement(process)
    user, anna = voter(process)
    services.cast_vote(by=user, statement=statement, participant=anna, vote=Vote.AGREE)
    services.cast_vote(by=user, statement=statement, participant=anna, vote=Vote.DISAGREE)
    services.cast_vote(by=user, statement=statement, participant=anna, vote=Vote.PASS)
    assert list(StatementVote.objects.values_list("vote", flat=True)) == [Vote.PASS]
    other_user, ben = voter(process, "Ben")
    services.cast_vote(by=other_user, statement=statement, participant=ben, vote=Vote.AGREE)
    assert statement_reads.tallies([statement.pk])[statement.pk] == statement_reads.Tally(agree=1, disagree=0, passed=1)
    assert statement_reads.own_votes(anna, [statement.pk]) == {statement.pk: Vote.PASS}
    with pytest.raises(ValidationError):
        services.cast_vote(by=user, statement=statement, participant=anna, vote=2)
    with pytest.raises(IntegrityError), transaction.atomic():  # the database itself refuses a second row
        StatementVote.objects.create(
            district=process.district, statement=statement, participant=anna, vote=1, voted_at=timezone.now()
        )


def test_hidden_and_pending_statements_are_not_voted_on() -> None:
    process = statements_process(moderation="pre")
    user, anna = voter(process)
    pending = services.propose_statement(by=user, process=process, participant=anna, text="Noch nicht frei")
    hidden = staff_statement(process)
    Statement.objects.filter(pk=hidden.pk).update(visibility=Visibility.HIDDEN, hidden_reason="Doppelt")
    hidden.refresh_from_db()
    for statement in (pending, hidden):
        with pytest.raises(ValidationError):
            services.cast_vote(by=user, statement=statement, participant=anna, vote=Vote.AGREE)
    assert not StatementVote.objects.exists()


def test_proposals_are_rate_limited() -> None:
    process = statements_process()
    user, anna = voter(process)
    for n in range(10):
        services.propose_statement(by=user, process=process, participant=anna, text=f"These {n}")
    with pytest.raises(ValidationError, match="Zu viele"):
        services.propose_statement(by=user, process=process, participant=anna, text="Eine zu viel")
    assert Statement.objects.count() == 10


# --- the public page ---------------------------------------------------------------------------


def test_page_shows_counts_own_vote_and_buttons_to_a_participant() -> None:
    process = statements_process()
    first = staff_statement(process, "Erste These")
    second = staff_statement(process, "Zweite These")
    user, anna = voter(process)
    services.cast_vote(by=user, statement=first, participant=anna, vote=Vote.DISAGREE)
    for n in range(3):
        other_user, other = voter(process, f"P{n}")
        services.cast_vote(by=other_user, statement=first, participant=other, vote=Vote.AGREE)
    client = Client()
    client.force_login(user)
    body = client.get(list_url(process)).content.decode()
    assert "Erste These" in body and "Zweite These" in body
    assert "3 stimmen zu · 1 stimmen nicht zu · 0 überspringen" in body
    assert "Ihre Stimme: stimme nicht zu" in body
    assert body.count('name="vote" value="1"') == 2  # both statements can be voted on
    assert f'action="{vote_url(second)}"' in body


def test_visitors_are_sent_to_join_and_closed_processes_only_show_results() -> None:
    process = statements_process()
    staff_statement(process)
    body = Client().get(list_url(process)).content.decode()
    assert f"/beteiligung/{process.pk}/teilnehmen/" in body and 'name="vote"' not in body
    closed = factories.running_process(kind="feedback")
    staff_statement(closed)
    user, _anna = voter(closed)
    client = Client()
    client.force_login(user)
    body = client.get(list_url(closed)).content.decode()
    assert 'name="vote"' not in body and "These vorschlagen" not in body
    assert "0 stimmen zu" in body


def test_voting_without_javascript_then_changing_the_vote() -> None:
    process = statements_process()
    statement = staff_statement(process)
    user, anna = voter(process)
    client = Client()
    client.force_login(user)
    response = client.post(vote_url(statement), form(vote="1", seite="1"))
    assert response.status_code == 302 and response["Location"].endswith(f"?seite=1#these-{statement.pk}")
    client.post(vote_url(statement), form(vote="-1", seite="1"))
    assert list(StatementVote.objects.values_list("participant", "vote")) == [(anna.pk, Vote.DISAGREE)]
    body = client.get(list_url(process)).content.decode()
    assert "Ihre Stimme: stimme nicht zu" in body and 'aria-pressed="true"' in body


def test_voting_with_htmx_answers_the_row() -> None:
    process = statements_process()
    statement = staff_statement(process)
    user, _anna = voter(process)
    client = Client()
    client.force_login(user)
    response = client.post(vote_url(statement), form(vote="0", seite="1"), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200 and body.startswith("<article") and f'id="these-{statement.pk}"' in body
    assert "0 stimmen zu · 0 stimmen nicht zu · 1 überspringen" in body and "Ihre Stimme: weiß nicht" in body
    again = client.post(vote_url(statement), form(vote="1", seite="1"), headers={"HX-Request": "true"})
    assert "1 stimmen zu · 0 stimmen nicht zu · 0 überspringen" in again.content.decode()


def test_a_joined_participant_votes_on_twenty_statements_in_quick_succession_and_all_count() -> None:
    """Votes carry no timestamp and are never refused as too fast (the bot check guards joining, not voting)."""
    process = statements_process()
    statements = [staff_statement(process, f"These {n}") for n in range(20)]
    user, anna = voter(process)
    client = Client()
    client.force_login(user)
    for n, statement in enumerate(statements):
        response = client.post(
            vote_url(statement), {HONEYPOT: "", "vote": str(n % 3 - 1), "seite": "1"}, headers={"HX-Request": "true"}
        )
        body = response.content.decode()
        assert response.status_code == 200 and 'role="alert"' not in body and "Ihre Stimme:" in body
        assert f'name="{STAMP}"' not in body and f'name="{HONEYPOT}"' in body  # the row's vote form
    assert StatementVote.objects.filter(participant=anna).count() == 20


def test_statements_of_other_processes_are_not_found() -> None:
    process, other = statements_process(), statements_process()
    foreign = staff_statement(other)
    user, _anna = voter(process)
    client = Client()
    client.force_login(user)
    url = f"{list_url(process)}{foreign.pk}/abstimmen/"
    assert client.post(url, form(vote="1")).status_code == 404
    assert not StatementVote.objects.exists()


def test_honeypot_bots_and_refused_votes_leave_a_message_and_no_vote() -> None:
    process = statements_process()
    statement = staff_statement(process)
    user, _anna = voter(process)
    client = Client()
    client.force_login(user)
    trapped = client.post(vote_url(statement), form(vote="1", **{HONEYPOT: "http://spam"}), follow=True)
    assert "zu schnell" in trapped.content.decode()
    stranger = Client()
    stranger.force_login(factories.UserFactory())  # has not joined
    refused = stranger.post(vote_url(statement), form(vote="1"), follow=True)
    assert "Bitte nehmen Sie zuerst teil" in refused.content.decode()
    assert not StatementVote.objects.exists()


def test_hidden_statements_show_their_reason_without_buttons_and_pending_ones_only_to_their_author() -> None:
    process = statements_process(moderation="pre")
    hidden = staff_statement(process, "Beleidigender Text")
    Statement.objects.filter(pk=hidden.pk).update(visibility=Visibility.HIDDEN, hidden_reason="Beleidigung")
    user, anna = voter(process)
    services.propose_statement(by=user, process=process, participant=anna, text="Meine wartende These")
    client = Client()
    client.force_login(user)
    body = client.get(list_url(process)).content.decode()
    assert "Grund: Beleidigung" in body and "Beleidigender Text" not in body
    assert "Meine wartende These" in body and "wartet auf Freigabe" in body
    assert 'name="vote"' not in body
    assert "Meine wartende These" not in Client().get(list_url(process)).content.decode()
    assert Client().post(f"{list_url(process)}{hidden.pk}/abstimmen/", form(vote="1")).status_code == 302
    assert not StatementVote.objects.exists()


def test_proposing_through_the_page() -> None:
    process = statements_process()
    user, anna = voter(process)
    client = Client()
    client.force_login(user)
    assert "These vorschlagen" in client.get(list_url(process)).content.decode()
    response = client.post(list_url(process), form(text="Jede Gemeinde braucht einen Digitallotsen."))
    statement = Statement.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"?seite=1#these-{statement.pk}")
    assert statement.author == anna
    empty = client.post(list_url(process), form(text="   "))
    assert empty.status_code == 200 and Statement.objects.count() == 1
    assert 'class="kern-error"' in empty.content.decode()


def test_pages_of_fifty_statements() -> None:
    process = statements_process()
    Statement.objects.bulk_create(
        Statement(district=process.district, process=process, text=f"These Nr. {n}", by_staff=True) for n in range(55)
    )
    client = Client()
    first = client.get(list_url(process)).content.decode()
    assert "These Nr. 49" in first and "These Nr. 50" not in first and "Seite 1 von 2" in first
    second = client.get(f"{list_url(process)}?seite=2").content.decode()
    assert "These Nr. 54" in second and "These Nr. 0<" not in second


def _page_queries(process: Process, user: Any) -> int:
    client = Client()
    client.force_login(user)
    client.get(list_url(process))  # session and caches warm
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(list_url(process)).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_statements_or_votes() -> None:
    def build(statements: int, voters: int) -> tuple[Process, Any]:
        process = statements_process()
        rows = Statement.objects.bulk_create(
            Statement(district=process.district, process=process, text=f"These {n}", by_staff=True)
            for n in range(statements)
        )
        people = Participant.objects.bulk_create(
            Participant(district=process.district, display_name=f"P{n}") for n in range(voters)
        )
        now = timezone.now()
        StatementVote.objects.bulk_create(
            StatementVote(district=process.district, statement=s, participant=p, vote=(i + j) % 3 - 1, voted_at=now)
            for i, s in enumerate(rows)
            for j, p in enumerate(people)
        )
        user, anna = voter(process)
        StatementVote.objects.create(
            district=process.district, statement=rows[0], participant=anna, vote=1, voted_at=now
        )
        return process, user

    small = _page_queries(*build(2, 2))
    large = _page_queries(*build(70, 40))
    assert small == large
    assert large <= 15


# --- back office -------------------------------------------------------------------------------


def test_staff_add_statements_in_the_back_office_others_get_404() -> None:
    process = statements_process(published=False)
    url = f"/{process.district.slug}/verwaltung/beteiligung/{process.pk}/thesen/"
    cdo = factories.member(process.district, Role.STRATEGY_TEAM)
    client = Client()
    client.force_login(cdo)
    assert client.get(url).status_code == 200
    response = client.post(url, {"text": "Der Kreis stellt Daten offen bereit."})
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.by_staff and statement.process == process
    assert "Der Kreis stellt Daten offen bereit." in client.get(url).content.decode()
    for user in (factories.UserFactory(), factories.member(factories.DistrictFactory(), Role.STRATEGY_TEAM)):
        other = Client()
        other.force_login(user)
        assert other.get(url).status_code == 404
        assert other.post(url, {"text": "Eingeschleust"}).status_code == 404
    assert Client().get(url).status_code == 302  # to the login page
    assert Statement.objects.count() == 1


def test_unpublished_processes_are_not_found_by_the_public() -> None:
    process = statements_process(published=False)
    staff_statement(process)
    assert Client().get(list_url(process)).status_code == 404
    member = Client()
    member.force_login(factories.member(process.district, Role.STRATEGY_TEAM))
    assert member.get(list_url(process)).status_code == 200


def test_votes_keep_their_time() -> None:
    process = statements_process()
    statement = staff_statement(process)
    user, anna = voter(process)
    before = timezone.now() - dt.timedelta(seconds=1)
    services.cast_vote(by=user, statement=statement, participant=anna, vote=Vote.AGREE)
    assert StatementVote.objects.get().voted_at >= before
