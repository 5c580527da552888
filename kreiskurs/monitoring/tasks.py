"""Background work of the monitoring: large confirmed imports, run by the task worker (kreiskurs.core.jobs)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from kreiskurs.core.jobs import JobRefused, Outcome, Progress
from kreiskurs.core.models import Job

from . import services


def import_upload(*, job: Job, progress: Progress, pending_id: int) -> Outcome:
    """Import the confirmed upload ``pending_id`` for the job's user and district (all or nothing)."""
    try:
        summary = services.import_pending(
            by=job.created_by, district=job.district, pending_id=pending_id, progress=progress
        )
    except services.ImportRejected as rejected:
        raise JobRefused(str(rejected)) from None
    return Outcome(
        message=_("Import erfolgreich: %(summary)s.") % {"summary": summary},
        result_url=reverse("monitoring_manage:list", args=[job.district.slug]),
    )
