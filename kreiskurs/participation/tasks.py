"""The background work of the participation app (runners of ``core.jobs``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from kreiskurs.core.jobs import JobRefused, Outcome, Progress
from kreiskurs.core.models import Job

from .models import Process
from .services.opinion import store_opinion_map


def recompute_opinion_map(*, job: Job, progress: Progress, process_id: int) -> Outcome:
    """Recompute and store the opinion map of a process (queued by ``services.opinion``, debounced there)."""
    process = Process.objects.select_related("district").filter(pk=process_id, district=job.district).first()
    if process is None:
        raise JobRefused(_("Das Verfahren gibt es nicht mehr."))
    stored = store_opinion_map(process=process, progress=progress)
    url = reverse("participation:opinion_map", args=[process.district.slug, process.pk])
    message = _("Meinungsbild berechnet: %(groups)s Gruppen aus %(votes)s Stimmen.") % {
        "groups": stored.group_count,
        "votes": stored.vote_count,
    }
    return Outcome(message, url)
