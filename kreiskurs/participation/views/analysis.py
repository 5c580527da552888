"""Back office of the text analysis: decide on suggested duplicates, assign an idea's field and goal, run it now."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kreiskurs.accounts.access import district_for, login_required_404, row_in_district

from ..forms import FieldAssignmentForm
from ..models import CommentDuplicate, DuplicateSuggestion, Idea, Process
from ..services import analysis as analysis_services
from ..services import duplicates as duplicate_services
from ..services import fields as field_services


def _back(request: HttpRequest, slug: str) -> HttpResponse:
    back = request.POST.get("back", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("participation_manage:queue", slug)


@login_required_404
@require_POST
def decide_duplicate(request: HttpRequest, slug: str, suggestion_pk: int) -> HttpResponse:
    """ "Zusammenführen" or "Keine Dublette" for one suggested pair."""
    district = district_for(request.user, slug, "participation.review_text_analysis")
    suggestion = row_in_district(DuplicateSuggestion.objects.all(), district, suggestion_pk)
    decision = request.POST.get("decision", "")
    if decision not in ("merge", "dismiss"):
        raise Http404
    try:
        if decision == "merge":
            duplicate_services.merge_duplicate(by=request.user, suggestion=suggestion)
            messages.success(
                request, _("Die Ideen sind zusammengeführt; Unterstützungen und Kommentare sind übernommen.")
            )
        else:
            duplicate_services.dismiss_duplicate(by=request.user, suggestion=suggestion)
            messages.success(request, _("Vermerkt: keine Dublette. Das Paar wird nicht wieder vorgeschlagen."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _back(request, slug)


@login_required_404
@require_POST
def decide_comment_duplicate(request: HttpRequest, slug: str, suggestion_pk: int) -> HttpResponse:
    """ "Wiederholung ausblenden" or "Keine Dublette" for one suggested pair of comments."""
    district = district_for(request.user, slug, "participation.review_text_analysis")
    suggestion = row_in_district(CommentDuplicate.objects.all(), district, suggestion_pk)
    decision = request.POST.get("decision", "")
    if decision not in ("hide", "dismiss"):
        raise Http404
    try:
        if decision == "hide":
            duplicate_services.hide_repeated_comment(by=request.user, suggestion=suggestion)
            messages.success(request, _("Der wiederholte Kommentar ist ausgeblendet; der Grund nennt den früheren."))
        else:
            duplicate_services.dismiss_comment_duplicate(by=request.user, suggestion=suggestion)
            messages.success(request, _("Vermerkt: keine Dublette. Das Paar wird nicht wieder vorgeschlagen."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _back(request, slug)


@login_required_404
@require_POST
def assign_field(request: HttpRequest, slug: str, pk: int, idea_pk: int) -> HttpResponse:
    """Confirm the suggested field of action and goal, or correct them, in one step."""
    district = district_for(request.user, slug, "participation.assign_field")
    process = row_in_district(Process.objects.all(), district, pk)
    idea = get_object_or_404(Idea, process=process, pk=idea_pk)
    form = FieldAssignmentForm(request.POST, version_id=process.version_id)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie Handlungsfeld und Ziel aus der Liste."))
    else:
        try:
            field_services.assign_idea_field(by=request.user, idea=idea, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Handlungsfeld und Ziel der Idee sind gespeichert."))
    return redirect("participation_manage:idea", slug, pk, idea_pk)


@login_required_404
@require_POST
def analyse(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Run the analysis of the process's ideas now; the job page shows its progress."""
    district = district_for(request.user, slug, "participation.review_text_analysis")
    process = row_in_district(Process.objects.all(), district, pk)
    job = analysis_services.start_analysis(by=request.user, process=process)
    return redirect("core:job", job.pk)
