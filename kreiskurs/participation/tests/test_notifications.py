"""E-mail to followers at phase boundaries, to authors when their idea's status changes, and the daily digest."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from kreiskurs.participation.models import Participant, PendingMail, Phase
from kreiskurs.participation.services import ideas as idea_services
from kreiskurs.participation.services import moderation, notifications
from tests import factories

pytestmark = pytest.mark.django_db


def test_followers_hear_of_each_phase_start_and_end_once(django_capture_on_commit_callbacks: Any) -> None:
    process = factories.running_process(kind="ideas")
    phase = process.phases.get()
    follower = factories.UserFactory(email="f@example.org")
    assert notifications.toggle_follow(user=follower, process=process) is True
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.send_phase_notices() == 1  # the start (yesterday)
        assert notifications.send_phase_notices() == 0  # never twice
    assert "hat begonnen" in mail.outbox[0].subject and f"/beteiligung/{process.pk}/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.send_phase_notices(now=phase.end + dt.timedelta(hours=1)) == 1
    assert "ist beendet" in mail.outbox[1].subject
    assert notifications.toggle_follow(user=follower, process=process) is False


def test_old_boundaries_are_not_announced_late() -> None:
    process = factories.running_process(kind="ideas")
    Phase.objects.filter(process=process).update(start=timezone.now() - dt.timedelta(days=10))
    notifications.toggle_follow(user=factories.UserFactory(email="f@example.org"), process=process)
    assert notifications.send_phase_notices() == 0
    assert Phase.objects.get(process=process).start_notified_at is not None


def test_digest_collects_instead_of_single_mails(django_capture_on_commit_callbacks: Any) -> None:
    process = factories.running_process(kind="ideas")
    user = factories.UserFactory(email="a@example.org")
    author = factories.participant(process.district, user)
    Participant.objects.filter(pk=author.pk).update(daily_digest=True)
    author.refresh_from_db()
    ideas = [
        idea_services.submit_idea(by=user, process=process, participant=author, title=f"I{n}", text="x")
        for n in range(2)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        for idea in ideas:
            moderation.set_idea_status(by=None, idea=idea, status="in_review", reason="")
    assert not mail.outbox and PendingMail.objects.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.send_digests() == 1
    assert len(mail.outbox) == 1 and "2 Neuigkeiten" in mail.outbox[0].subject
    assert "I0" in mail.outbox[0].body and "I1" in mail.outbox[0].body
    assert not PendingMail.objects.exists()


def test_command_runs() -> None:
    import io

    out = io.StringIO()
    call_command("send_participation_mail", stdout=out)
    assert "Benachrichtigungen zu Phasen" in out.getvalue()
