"""The page of one background job: its progress while it runs, its outcome when it ends."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpResponse
from django.shortcuts import render

from kreiskurs.accounts.access import login_required_404

from .http import HtmxHttpRequest
from .models import Job


@login_required_404
def job_detail(request: HtmxHttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Only the person who started a job (or a superuser) sees it; others get 404."""
    job = Job.objects.select_related("district").filter(pk=pk).first()
    if job is None or not (request.user.is_superuser or job.created_by_id == request.user.pk):
        raise Http404
    template = "core/job.html#status" if request.htmx else "core/job.html"
    return render(request, template, {"job": job, "district": job.district})
