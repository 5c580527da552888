"""Background work on the database backend with its real worker: jobs with progress, mail with retries."""

from __future__ import annotations

import datetime as dt
import socket
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kreiskurs.accounts.models import Role
from kreiskurs.core.jobs import JobRefused, Outcome, Progress, start_job
from kreiskurs.core.mail import RETRY_AFTER, queue_mail
from kreiskurs.core.models import Job, JobState
from kreiskurs.participation.services import ideas as idea_services
from tests import factories

# The worker manages its own transactions and connections, so these tests run without
# the usual wrapping transaction.
pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker() -> None:
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def counting_runner(*, job: Job, progress: Progress, rows: int) -> Outcome:
    seen = []
    for n in range(rows):
        progress("Prüfen", n + 1, rows)
        seen.append(Job.objects.get(pk=job.pk).done)  # written outside the runner's transaction
    return Outcome(message=f"{len(job.upload)} Bytes, Fortschritt {seen}", result_url="/ergebnis/")


def refusing_runner(*, job: Job, progress: Progress) -> Outcome:
    raise JobRefused("Zeile 3, Spalte „wert“: keine Zahl")


def broken_runner(*, job: Job, progress: Progress) -> Outcome:
    raise RuntimeError("secret internals")


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # nothing listens there once the socket is closed


def test_a_job_waits_for_the_worker_reports_progress_and_keeps_its_outcome(settings: Any) -> None:
    settings.TASKS = DATABASE_BACKEND
    district = factories.DistrictFactory()
    user = factories.member(district, Role.STRATEGY_TEAM)
    job = start_job(
        by=user,
        district=district,
        title="Import",
        runner="kreiskurs.core.tests.test_jobs_and_mail.counting_runner",
        params={"rows": 3},
        upload=b"abcd",
        upload_name="werte.csv",
    )
    assert Job.objects.get(pk=job.pk).state == JobState.QUEUED
    run_worker()
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.percent == 100
    assert job.message == "4 Bytes, Fortschritt [1, 2, 3]" and job.result_url == "/ergebnis/"
    assert bytes(job.upload) == b"" and job.finished_at is not None


def test_a_deferred_job_waits_until_its_time(settings: Any) -> None:
    """``start_job(run_after=…)``: the worker leaves the job alone before that moment (the opinion map's debounce)."""
    settings.TASKS = DATABASE_BACKEND
    district = factories.DistrictFactory()
    later = timezone.now() + dt.timedelta(minutes=5)
    job = start_job(
        by=None,
        district=district,
        title="Später",
        runner="kreiskurs.core.tests.test_jobs_and_mail.counting_runner",
        params={"rows": 1},
        run_after=later,
    )
    run_worker()
    assert Job.objects.get(pk=job.pk).state == JobState.QUEUED
    DBTaskResult.objects.update(run_after=timezone.now() - dt.timedelta(seconds=1))  # the five minutes are over
    run_worker()
    assert Job.objects.get(pk=job.pk).state == JobState.DONE


@pytest.mark.parametrize(
    ("runner", "message"),
    [
        ("refusing_runner", "Zeile 3, Spalte „wert“: keine Zahl"),
        ("broken_runner", "Die Aufgabe ist an einem internen Fehler gescheitert."),
    ],
)
def test_a_failing_job_says_why_without_internals(settings: Any, runner: str, message: str) -> None:
    settings.TASKS = DATABASE_BACKEND
    district = factories.DistrictFactory()
    job = start_job(
        by=None, district=district, title="Import", runner=f"kreiskurs.core.tests.test_jobs_and_mail.{runner}"
    )
    run_worker()
    job.refresh_from_db()
    assert (job.state, job.message) == (JobState.FAILED, message)


def test_only_the_starter_sees_the_job_page_which_polls_until_done(client: Any) -> None:
    district = factories.DistrictFactory()
    starter = factories.member(district, Role.STRATEGY_TEAM)
    colleague = factories.member(district, Role.STRATEGY_TEAM)
    job = Job.objects.create(district=district, created_by=starter, title="Import", runner="x", total=4, done=1)
    url = reverse("core:job", args=[job.pk])
    client.force_login(colleague)
    assert client.get(url).status_code == 404
    client.force_login(starter)
    page = client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in page and 'value="25"' in page and "1 von 4" in page
    Job.objects.filter(pk=job.pk).update(state=JobState.DONE, message="12 Werte importiert")
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "12 Werte importiert" in fragment and "hx-trigger" not in fragment and "<html" not in fragment


def test_mail_is_retried_later_when_the_server_is_down(settings: Any) -> None:
    settings.TASKS = DATABASE_BACKEND
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 5
    queue_mail(subject="Ihre Idee", body="Text", to=["a@example.org"])
    before = timezone.now()
    run_worker()
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after >= before + RETRY_AFTER[0]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run_worker()  # not due yet
    assert mail.outbox == []
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now() - dt.timedelta(seconds=1))
    run_worker()
    assert [m.subject for m in mail.outbox] == ["Ihre Idee"]


def test_a_status_change_commits_and_answers_normally_while_the_mail_server_is_down(client: Any, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 5
    process = factories.running_process(kind="ideas")
    author_user = factories.UserFactory(email="autorin@example.org")
    author = factories.participant(process.district, author_user)
    idea = idea_services.submit_idea(by=author_user, process=process, participant=author, title="Idee", text="x")
    client.force_login(factories.member(process.district, Role.STRATEGY_TEAM))
    url = reverse("participation_manage:idea", args=[process.district.slug, process.pk, idea.pk])
    for backend in ("django_tasks.backends.immediate.ImmediateBackend", "django_tasks_db.DatabaseBackend"):
        settings.TASKS = {"default": {"BACKEND": backend}}
        status = "in_review" if "Immediate" in backend else "declined"
        response = client.post(url, {"status": status, "reason": "Wird geprüft"})
        assert response.status_code == 302, backend
        idea.refresh_from_db()
        assert idea.status == status
    assert DBTaskResult.objects.filter(status="READY").count() == 1  # waits for the worker
