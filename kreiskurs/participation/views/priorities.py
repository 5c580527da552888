"""Prioritising the measures of the process's version: each participant rates how important a measure is (1–5)."""

from __future__ import annotations

import uuid

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kreiskurs.territory.selectors import district_by_slug

from .. import selectors
from ..forms import ParticipationForm
from ..models import Action, PhaseKind
from ..protection import looks_like_a_bot
from ..services import ideas as idea_services
from ..services.base import NotAllowedNow
from .common import REVISING, acting, address, frame, join_url, refused, require_phase_shown


@require_http_methods(["GET", "POST"])
def priorities(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    district = district_by_slug(slug)
    process = selectors.process_for(request.user, district, pk)
    if process.version is None:
        raise Http404(_("Keine Strategieversion"))
    require_phase_shown(request, process, PhaseKind.PRIORITISATION)
    participant = acting(request, process)
    here = reverse("participation:priorities", args=[slug, pk])
    # measures of a draft the team is (again) working on are not public: the page stays, the measures do not
    # (members preview them)
    version = selectors.version_shown(process, request.user)
    released = version is not None and version.is_public
    if request.method == "POST":
        if participant is None:
            return redirect(join_url(process, here))
        if not released:
            messages.error(request, REVISING)
            return redirect(here)
        if looks_like_a_bot(request.POST):
            messages.error(request, _("Das Formular wurde zu schnell abgeschickt. Bitte versuchen Sie es noch einmal."))
            return redirect(here)
        try:
            lineage = uuid.UUID(request.POST.get("measure", ""))
            value = int(request.POST.get("value", ""))
        except ValueError:
            messages.error(request, _("Bitte eine Priorität von 1 bis 5 wählen."))
            return redirect(here)
        try:
            idea_services.rate_measure(
                by=request.user,
                process=process,
                participant=participant,
                measure_lineage=lineage,
                value=value,
                address=address(request),
            )
        except (NotAllowedNow, ValidationError) as exc:
            return refused(request, exc, here)
        messages.success(request, _("Ihre Bewertung ist gespeichert."))
        return redirect(f"{here}#m-{lineage}")
    # the result is public once every prioritisation phase has ended (so it cannot steer the rating);
    # the district's members see it while it runs
    rating_phases = [p for p in process.phases.all() if p.kind == PhaseKind.PRIORITISATION]
    ended = bool(rating_phases) and all(p.end <= timezone.now() for p in rating_phases)
    show_results = ended or rules.has_perm("participation.view_internal", request.user, district)
    context = frame(
        request,
        district,
        process=process,
        participant=participant,
        released=released,
        measures=selectors.measures_to_rate(process, request.user) if version else [],
        own=selectors.own_ratings(process, participant),
        results=selectors.priority_results(process) if show_results and version else None,
        can_rate=process.allows(Action.RATE) and released and version is not None and version.consultation_open,
        bot_form=ParticipationForm(),
        values=range(1, 6),
    )
    return render(request, "participation/priorities.html", context)
