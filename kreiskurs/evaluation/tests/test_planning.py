"""Evaluations planned ahead: the team's task, the e-mail when due, a yearly plan moving on; rounds at adoption."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from kreiskurs.accounts.models import Role
from kreiskurs.evaluation import planning, services
from kreiskurs.evaluation.models import EvaluationPlan, EvaluationRound
from kreiskurs.strategy import services as strategy_services
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_due_plan_shows_on_the_task_page_and_mails_the_team_once() -> None:
    adopted = factories.adopted_strategy(measures=1)
    district = adopted.district
    team = factories.member(
        district,
        Role.STRATEGY_TEAM,
    )
    team.email = "team@example.org"
    team.email_confirmed_at = timezone.now()
    team.save()
    factories.member(district, Role.STEERING)
    today = timezone.localdate()
    planning.plan_evaluation(by=team, district=district, title="Jahresevaluation", due_on=today + dt.timedelta(days=40))
    client = Client()
    client.force_login(team)
    tasks = f"/{district.slug}/verwaltung/aufgaben/"
    assert "Jahresevaluation" not in client.get(tasks).content.decode()  # more than 30 days ahead
    EvaluationPlan.objects.update(due_on=today)
    assert "Jahresevaluation" in client.get(tasks).content.decode()

    out = StringIO()
    call_command("remind_evaluations", stdout=out)
    call_command("remind_evaluations", stdout=out)
    assert [m.to for m in mail.outbox] == [["team@example.org"]]
    assert "Jahresevaluation" in mail.outbox[0].subject


def test_a_yearly_plan_moves_on_and_a_single_one_is_done() -> None:
    district = factories.DistrictFactory()
    yearly = planning.plan_evaluation(by=None, district=district, title="A", due_on=dt.date(2027, 2, 28))
    single = planning.plan_evaluation(
        by=None, district=district, title="B", due_on=dt.date(2027, 3, 1), repeat_months=0
    )
    yearly = planning.complete_plan(by=None, plan=yearly, expected_revision=1)
    assert (yearly.due_on, yearly.done) == (dt.date(2028, 2, 28), False)
    assert planning.complete_plan(by=None, plan=single, expected_revision=1).done
    with pytest.raises(ValidationError):
        planning.complete_plan(by=None, plan=yearly, expected_revision=1)  # stale


def test_the_plans_page_adds_a_plan_for_the_team_only() -> None:
    district = factories.DistrictFactory()
    url = f"/{district.slug}/verwaltung/evaluation/planung/"
    team = Client()
    team.force_login(factories.member(district, Role.STRATEGY_TEAM))
    response = team.post(url, {"title": "Evaluation 2027", "due_on": "2027-03-01", "repeat_months": "12"})
    assert response.status_code == 302 and EvaluationPlan.objects.get().title == "Evaluation 2027"
    steering = Client()
    steering.force_login(factories.member(district, Role.STEERING))
    assert steering.get(url).status_code == 200
    assert steering.post(url, {"title": "x", "due_on": "2027-03-01", "repeat_months": "0"}).status_code == 404


def test_an_open_round_is_closed_when_the_next_version_is_adopted_with_confirmation() -> None:
    adopted = factories.adopted_strategy(measures=1)
    evaluation = services.open_round(
        by=None, version=adopted, title="Runde", period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31)
    )
    draft = strategy_services.start_revision(by=None, strategy=adopted.strategy)
    with pytest.raises(ValidationError, match="Evaluationsrunde ist noch offen: Runde"):
        strategy_services.adopt_version(
            by=None, version=draft, body="kreistag", date=timezone.localdate(), reference="2"
        )
    strategy_services.adopt_version(
        by=None, version=draft, body="kreistag", date=timezone.localdate(), reference="2", settle=True
    )
    evaluation.refresh_from_db()
    assert evaluation.state == EvaluationRound.State.CLOSED
