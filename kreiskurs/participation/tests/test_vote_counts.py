"""The vote counts kept on each statement (issue 12): exact after changes, retractions, bulk writes and repairs."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from kreiskurs.accounts.models import Role
from kreiskurs.participation.models import Participant, Statement, StatementVote, Vote
from kreiskurs.participation.selectors.statements import Tally, tallies
from kreiskurs.participation.services import statements as services
from kreiskurs.participation.services.participants import forget
from tests import factories

pytestmark = pytest.mark.django_db


def two_statements() -> tuple[Statement, Statement]:
    process = factories.running_process(kind="statements")
    cdo = factories.member(process.district, Role.STRATEGY_TEAM)
    return (
        services.add_statement(by=cdo, process=process, text="Alle Ämter sollen online erreichbar sein."),
        services.add_statement(by=cdo, process=process, text="Der Kreis braucht ein Open-Data-Portal."),
    )


def counted(statement: Statement) -> Tally:
    """The counts as the votes say (what the stored counts must equal)."""
    by_value = dict(
        StatementVote.objects.filter(statement=statement).values_list("vote").annotate(n=Count("pk")).order_by()
    )
    return Tally(agree=by_value.get(1, 0), disagree=by_value.get(-1, 0), passed=by_value.get(0, 0))


def person(statement: Statement, name: str) -> tuple[Any, Participant]:
    user = factories.UserFactory()
    return user, factories.participant(statement.district, user, name=name)


def test_changing_and_retracting_votes_keep_the_stored_counts_equal_to_the_votes() -> None:
    first, second = two_statements()
    anna_user, anna = person(first, "Anna")
    ben_user, ben = person(first, "Ben")
    services.cast_vote(by=anna_user, statement=first, participant=anna, vote=Vote.AGREE)
    assert Tally.of(first) == Tally(agree=1)  # the instance the view answers with is up to date
    services.cast_vote(by=ben_user, statement=first, participant=ben, vote=Vote.AGREE)
    services.cast_vote(by=anna_user, statement=first, participant=anna, vote=Vote.AGREE)  # the same again
    services.cast_vote(by=anna_user, statement=first, participant=anna, vote=Vote.DISAGREE)
    services.cast_vote(by=anna_user, statement=second, participant=anna, vote=Vote.PASS)
    assert tallies([first.pk, second.pk]) == {
        first.pk: Tally(agree=1, disagree=1),
        second.pk: Tally(passed=1),
    }
    assert services.retract_vote(by=anna_user, statement=first, participant=anna) is True
    assert services.retract_vote(by=anna_user, statement=first, participant=anna) is False  # nothing left to take
    assert Tally.of(first) == Tally(agree=1)
    for statement in (first, second):
        statement.refresh_from_db()
        assert Tally.of(statement) == counted(statement)


def test_forgetting_a_person_takes_their_votes_out_of_the_counts_unless_they_are_kept() -> None:
    first, second = two_statements()
    anna_user, anna = person(first, "Anna")
    ben_user, ben = person(first, "Ben")
    for statement in (first, second):
        services.cast_vote(by=anna_user, statement=statement, participant=anna, vote=Vote.DISAGREE)
        services.cast_vote(by=ben_user, statement=statement, participant=ben, vote=Vote.AGREE)
    forget(participants=[anna], keep_contributions=False)
    forget(participants=[ben], keep_contributions=True)  # kept as an anonymous count
    assert tallies([first.pk, second.pk]) == {first.pk: Tally(agree=1), second.pk: Tally(agree=1)}


def test_recount_repairs_counts_written_around_the_service_and_the_migration_fills_them_in() -> None:
    first, second = two_statements()
    people = Participant.objects.bulk_create(
        Participant(district=first.district, display_name=f"P{n}") for n in range(5)
    )
    now = timezone.now()
    StatementVote.objects.bulk_create(  # bulk writes bypass cast_vote: the counts stay at zero
        StatementVote(district=first.district, statement=s, participant=p, vote=n % 3 - 1, voted_at=now)
        for s in (first, second)
        for n, p in enumerate(people)
    )
    assert tallies([first.pk])[first.pk] == Tally()
    call_command("recount_votes", "--process", str(first.process_id))
    expected = Tally(agree=1, disagree=2, passed=2)
    assert tallies([first.pk, second.pk]) == {first.pk: expected, second.pk: expected}
    assert services.recount_votes([first.pk, second.pk]) == 0  # nothing left to correct

    Statement.objects.update(agree_count=0, disagree_count=0, pass_count=0)
    migration = importlib.import_module("kreiskurs.participation.migrations.0007_statement_vote_counts")
    migration.count_votes(apps, None)
    assert tallies([first.pk, second.pk]) == {first.pk: expected, second.pk: expected}


def test_the_staff_dashboard_counts_the_votes_of_a_running_statements_process_from_the_kept_counts() -> None:
    from django.test import Client

    first, second = two_statements()
    for name, statement, vote in (("Anna", first, Vote.AGREE), ("Ben", first, Vote.PASS), ("Cem", second, Vote.AGREE)):
        user, someone = person(first, name)
        services.cast_vote(by=user, statement=statement, participant=someone, vote=vote)
    staff = Client()
    staff.force_login(factories.member(first.district, Role.STRATEGY_TEAM))
    body = staff.get(f"/{first.district.slug}/verwaltung/").content.decode()
    assert "3 Stimmen" in body
