"""Reminder e-mails: to the measure lead, else the team; at most once a week per measure."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from kreiskurs.accounts.models import Role
from kreiskurs.strategy import services
from kreiskurs.strategy.models import Measure
from kreiskurs.strategy.services.reminders import send_report_reminders
from tests import factories

pytestmark = pytest.mark.django_db


def test_overdue_reports_are_reminded_once_a_week(mailoutbox: Any) -> None:
    version = factories.adopted_strategy(measures=2)
    m1, m2 = Measure.objects.filter(version=version).order_by("code")
    for m in (m1, m2):
        services.record_status_report(
            by=None, measure=m, date=dt.date(2024, 1, 31), phase="pilot", progress=10, text="x"
        )
    lead = factories.member(version.district, Role.MEASURE_LEAD, measure_lineage=m1.lineage)
    lead.email, lead.email_confirmed_at = "lead@example.org", timezone.now()
    lead.save()
    team = factories.member(version.district, Role.STRATEGY_TEAM)
    team.email, team.email_confirmed_at = "team@example.org", timezone.now()
    team.save()
    now = timezone.now()
    run = send_report_reminders(district=version.district, now=now)
    assert (run.measures, run.mails) == (2, 2)
    by_address = {mail.to[0]: mail.body for mail in mailoutbox}
    assert "M1" in by_address["lead@example.org"] and "M2" not in by_address["lead@example.org"]
    assert "M2" in by_address["team@example.org"]  # no lead: the team is reminded
    assert send_report_reminders(district=version.district, now=now + dt.timedelta(days=3)).mails == 0
    assert send_report_reminders(district=version.district, now=now + dt.timedelta(days=8)).mails == 2


def test_command_dry_run_sends_nothing(mailoutbox: Any) -> None:
    version = factories.adopted_strategy(measures=1)
    measure = Measure.objects.get(version=version)
    services.record_status_report(
        by=None, measure=measure, date=dt.date(2024, 1, 31), phase="pilot", progress=10, text="x"
    )
    team = factories.member(version.district, Role.STRATEGY_TEAM)
    team.email, team.email_confirmed_at = "team@example.org", timezone.now()
    team.save()
    out = StringIO()
    call_command("send_report_reminders", "--dry-run", stdout=out)
    assert "1 Maßnahmen, 1 E-Mails" in out.getvalue() and not mailoutbox
