"""Commenting the draft, paragraph by paragraph; staff see the comments next to the text on the same page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kreiskurs.territory.selectors import district_by_slug

from .. import selectors
from ..forms import CommentForm, ReportForm
from ..models import Action, Comment, PhaseKind
from ..services import ideas as idea_services
from ..services.base import NotAllowedNow
from .common import (
    REVISING,
    acting,
    address,
    commented,
    form_errors,
    frame,
    join_url,
    refused,
    require_phase_shown,
)
from .ideas import _number


@require_http_methods(["GET", "POST"])
def draft(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    district = district_by_slug(slug)
    process = selectors.process_for(request.user, district, pk)
    if process.version is None:
        raise Http404(_("Kein Entwurf"))
    require_phase_shown(request, process, PhaseKind.COMMENTING)
    participant = acting(request, process)
    here = reverse("participation:draft", args=[slug, pk])
    # a draft the team is (again) working on is not public: the page stays, the text does not (members preview it)
    version = selectors.version_shown(process, request.user)
    released = version is not None and version.is_public
    if request.method == "POST":
        if participant is None:
            return redirect(join_url(process, here))
        if not released:
            messages.error(request, REVISING)
            return redirect(here)
        paragraphs = {p.key for p in selectors.draft_paragraphs(process, None, request.user)}
        key = request.POST.get("paragraph", "")
        parent = None
        if request.POST.get("parent"):
            parent = Comment.objects.filter(
                process=process, idea__isnull=True, pk=_number(request.POST["parent"])
            ).first()
            if parent is None:
                raise Http404
            key = parent.paragraph
        if key not in paragraphs:
            raise Http404
        form = CommentForm(request.POST)
        if not form.is_valid():
            messages.error(request, form_errors(form))
            return redirect(here)
        try:
            row = idea_services.comment(
                by=request.user,
                process=process,
                participant=participant,
                text=form.cleaned_data["text"],
                paragraph=key if parent is None else "",
                parent=parent,
                address=address(request),
            )
        except (NotAllowedNow, ValidationError) as exc:
            return refused(request, exc, here)
        return commented(request, row, here)
    in_consultation = released and version is not None and version.consultation_open
    can_comment = process.allows(Action.COMMENT_DRAFT) and in_consultation
    compared_with, changed = selectors.changed_paragraphs(version) if version is not None else (None, set())
    context = frame(
        request,
        district,
        process=process,
        version=version,
        released=released,
        in_consultation=in_consultation,
        compared_with=compared_with,
        changed=changed,
        paragraphs=selectors.draft_paragraphs(process, participant, request.user) if version else [],
        participant=participant,
        comment_form=CommentForm() if can_comment and participant else None,
        can_comment=can_comment,
        report_form=ReportForm(),
        comment_action=here,
    )
    return render(request, "participation/draft.html", context)
