"""The start page of a district's back office by role: "Meine Aufgaben"."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kreiskurs.accounts.access import district_for, login_required_404
from kreiskurs.core.sections import render_slot


@login_required_404
def my_tasks(request: HttpRequest, slug: str) -> HttpResponse:
    """What waits for this user in the district, one section per app that has work for their roles
    (the sections decide by the user's roles; see ``manage.tasks`` in ``core.sections``)."""
    district = district_for(request.user, slug, "strategy.view_internal")
    sections = render_slot("manage.tasks", request, district=district)
    return render(request, "strategy/manage/tasks.html", {"district": district, "sections": sections})
