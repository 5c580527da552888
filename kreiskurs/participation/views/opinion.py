"""The opinion map: the public page of a statements process and the moderators' "Jetzt neu berechnen"."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kreiskurs.accounts.access import district_for, login_required_404, row_in_district
from kreiskurs.territory.selectors import district_by_slug

from .. import selectors
from ..models import Process
from ..selectors.opinion_page import opinion_page
from ..services import opinion as opinion_services
from .common import frame


def opinion_map(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The groups, where you stand, what each group stands for and what all agree on (stored map only)."""
    district = district_by_slug(slug)
    process = selectors.process_for(request.user, district, pk)
    participant = selectors.participant_for(request, district)
    page = opinion_page(process, participant)
    return render(request, "participation/opinion/map.html", frame(request, district, process=process, page=page))


@login_required_404
@require_POST
def recompute(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    district = district_for(request.user, slug, "participation.recompute_opinion_map")
    process = row_in_district(Process.objects.select_related("district"), district, pk)
    try:
        opinion_services.request_recomputation(by=request.user, process=process)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("Das Meinungsbild wird neu berechnet."))
    return redirect("participation_manage:process", slug, pk)
