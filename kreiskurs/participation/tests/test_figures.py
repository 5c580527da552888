"""Participation figures of a period (the evaluation report) count each person once, in the database."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kreiskurs.accounts.models import Role
from kreiskurs.participation.models import StatementVote
from kreiskurs.participation.services import ideas as idea_services
from kreiskurs.participation.services import statements as statement_services
from kreiskurs.participation.templatetags.participated import participation_figures
from tests import factories

pytestmark = pytest.mark.django_db


def test_people_are_counted_once_across_kinds_and_only_within_the_period() -> None:
    process = factories.running_process(kind="ideas", pseudonymous=True)
    district = process.district
    opinions = factories.running_process(district, kind="statements", pseudonymous=True)
    team = factories.member(district, Role.STRATEGY_TEAM)
    statement = statement_services.add_statement(by=team, process=opinions, text="Glasfaser zuerst")
    anna, ben, cleo = (factories.participant(district, name=n) for n in ("Anna", "Ben", "Cleo"))
    idea_services.submit_idea(by=None, process=process, participant=anna, title="Idee", text="x")
    for person in (anna, ben, cleo):
        statement_services.cast_vote(by=None, statement=statement, participant=person, vote=1)
    # Cleo voted long before the period
    StatementVote.objects.filter(participant=cleo).update(voted_at=timezone.now() - dt.timedelta(days=400))
    today = timezone.localdate()
    figures = participation_figures(district, today - dt.timedelta(days=30), today)["figures"]
    assert (figures["people"], figures["ideas"], figures["votes"]) == (2, 1, 2)
