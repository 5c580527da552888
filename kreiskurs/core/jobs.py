"""Heavy work as background jobs with visible progress.

A view calls :func:`start_job` with the dotted path of a *runner*, a plain
function of our own code::

    def run_import(*, job: Job, progress: Progress, indicator: str) -> Outcome: ...

The task worker (``kreiskurs db_worker``, django-tasks with its database
backend) calls it through :func:`run_job`. A runner reports progress with
``progress(stage, done, total)``; it ends by returning an :class:`Outcome`
(the summary the user reads and where to see the result) or by raising
:class:`JobRefused` / ``ValidationError`` with the message that says what is
wrong. Any other exception is logged and shown as a failure without details.

Progress is visible only where it is written outside the runner's own
transaction: all-or-nothing imports report it while they read and check
the file and show the stage "Speichern" while they write.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task

from kreiskurs.accounts.types import account_of
from kreiskurs.territory.models import District

from .models import Job, JobState

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    message: str
    result_url: str = ""


class JobRefused(Exception):
    """The job's input is wrong; the message says what to change."""


class Progress(Protocol):
    def __call__(self, stage: str, done: int = 0, total: int = 0) -> None: ...


def start_job(
    *,
    by: Actor,
    district: District,
    title: str,
    runner: str,
    params: dict[str, Any] | None = None,
    upload: bytes = b"",
    upload_name: str = "",
    run_after: datetime | None = None,
) -> Job:
    """Record the job and hand it to the worker.

    With the database task backend the task row is written in the caller's
    transaction, so the job exists for the worker exactly when the caller's
    change does. ``run_after`` defers the start where the backend can defer
    (the database backend); a backend that cannot (the immediate one of the
    tests) runs the job now.
    """
    import_string(runner)  # fail now, in the request, for a wrong path
    job = Job.objects.create(
        district=district,
        created_by=account_of(by),
        title=title,
        runner=runner,
        params=params or {},
        upload=upload,
        upload_name=upload_name,
    )
    task = run_job
    if run_after is not None and run_job.get_backend().supports_defer:
        task = run_job.using(run_after=run_after)
    task.enqueue(str(job.pk))
    return job


def _progress_writer(job_id: Any) -> Progress:
    last: list[tuple[str, int]] = [("", -1)]

    def progress(stage: str, done: int = 0, total: int = 0) -> None:
        percent = int(done * 100 / total) if total else 0
        if (stage, percent) == last[0]:
            return  # at most one write per stage and percent
        last[0] = (stage, percent)
        Job.objects.filter(pk=job_id).update(stage=stage, done=done, total=total)

    return progress


def _finish(job_id: Any, state: str, message: str, result_url: str = "") -> None:
    Job.objects.filter(pk=job_id).update(
        state=state, message=message, result_url=result_url, finished_at=timezone.now(), upload=b""
    )


@task()
def run_job(job_id: str) -> str:
    """Run one job's runner and record how it ended (the task itself never fails)."""
    job = Job.objects.select_related("district", "created_by").get(pk=job_id)
    if job.is_finished:
        return job.state
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING)
    runner: Callable[..., Outcome] = import_string(job.runner)
    try:
        outcome = runner(job=job, progress=_progress_writer(job.pk), **job.params)
    except JobRefused as refused:
        _finish(job.pk, JobState.FAILED, str(refused))
    except ValidationError as invalid:
        _finish(job.pk, JobState.FAILED, "\n".join(invalid.messages))
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.runner)
        _finish(job.pk, JobState.FAILED, _("Die Aufgabe ist an einem internen Fehler gescheitert."))
    else:
        _finish(job.pk, JobState.DONE, outcome.message, outcome.result_url)
    return Job.objects.values_list("state", flat=True).get(pk=job.pk)
