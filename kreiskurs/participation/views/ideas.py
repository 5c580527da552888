"""Public idea pages: submit, read with comments, support, reply, report."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kreiskurs.territory.selectors import district_by_slug

from .. import selectors
from ..forms import CommentForm, IdeaForm, ReportForm
from ..models import Action, Comment, Idea, Participant, Visibility
from ..services import ideas as idea_services
from ..services.base import NotAllowedNow
from .common import acting, address, commented, form_errors, frame, join_url, refused


def _idea(request: HttpRequest, slug: str, pk: int, idea_pk: int) -> tuple[Idea, Participant | None]:
    district = district_by_slug(slug)
    process = selectors.process_for(request.user, district, pk)
    participant = acting(request, process)
    idea = get_object_or_404(selectors.ideas_of(process, participant, request.user), pk=idea_pk)
    return idea, participant


@require_http_methods(["GET", "POST"])
def idea_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    district = district_by_slug(slug)
    process = selectors.process_for(request.user, district, pk)
    participant = acting(request, process)
    if participant is None:
        return redirect(join_url(process, request.path))
    form = IdeaForm(request.POST or None, process=process)
    if request.method == "POST" and form.is_valid():
        try:
            idea = idea_services.submit_idea(
                by=request.user,
                process=process,
                participant=participant,
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
                field=form.cleaned_data.get("field"),
                municipality=form.cleaned_data.get("municipality"),
                actor_group=form.cleaned_data.get("actor_group"),
                address=address(request),
            )
        except NotAllowedNow as exc:
            form.add_error(None, str(exc.args[0]))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if idea.visibility == Visibility.PENDING:
                messages.success(request, _("Danke! Ihre Idee erscheint, sobald die Moderation sie freigegeben hat."))
            else:
                messages.success(request, _("Danke! Ihre Idee ist veröffentlicht."))
            return redirect("participation:idea", slug, pk, idea.pk)
    return render(request, "participation/idea_form.html", frame(request, district, process=process, form=form))


def idea_detail(request: HttpRequest, slug: str, pk: int, idea_pk: int) -> HttpResponse:
    idea, participant = _idea(request, slug, pk, idea_pk)
    process = idea.process
    can_comment = process.allows(Action.COMMENT)
    context = frame(
        request,
        process.district,
        process=process,
        idea=idea,
        participant=participant,
        comments=selectors.comments_on(Comment.objects.filter(idea=idea), participant, request.user),
        comment_form=CommentForm() if can_comment and participant else None,
        can_comment=can_comment,
        can_support=process.allows(Action.SUPPORT) and not (participant and idea.author_id == participant.pk),
        supported=bool(participant) and idea.supports.filter(participant=participant).exists(),
        report_form=ReportForm(),
        measure_url=_measure_url(idea),
    )
    return render(request, "participation/idea_detail.html", context)


def _measure_url(idea: Idea) -> str:
    """The measure's page in the newest public version that has it (a draft is not public yet)."""
    from kreiskurs.strategy.models import Measure
    from kreiskurs.strategy.models.versions import PUBLIC_STATES

    if not idea.measure_lineage:
        return ""
    row = (
        Measure.objects.filter(district=idea.district, lineage=idea.measure_lineage, version__state__in=PUBLIC_STATES)
        .order_by("-version__number")
        .values_list("version__number", flat=True)
        .first()
    )
    if row is None:
        return ""
    return f"{reverse('portal:measure', args=[idea.district.slug, idea.measure_lineage])}?version={row}"


@require_POST
def idea_support(request: HttpRequest, slug: str, pk: int, idea_pk: int) -> HttpResponse:
    idea, participant = _idea(request, slug, pk, idea_pk)
    back = reverse("participation:idea", args=[slug, pk, idea_pk])
    if participant is None:
        return redirect(join_url(idea.process, back))
    try:
        now = idea_services.toggle_support(
            by=request.user,
            idea=idea,
            participant=participant,
            address=address(request),  # type: ignore[arg-type]
        )
    except (NotAllowedNow, ValidationError) as exc:
        return refused(request, exc, back)
    messages.success(request, _("Sie unterstützen diese Idee.") if now else _("Ihre Unterstützung ist zurückgenommen."))
    return redirect(back)


@require_POST
def idea_comment(request: HttpRequest, slug: str, pk: int, idea_pk: int) -> HttpResponse:
    idea, participant = _idea(request, slug, pk, idea_pk)
    back = reverse("participation:idea", args=[slug, pk, idea_pk])
    if participant is None:
        return redirect(join_url(idea.process, back))
    form = CommentForm(request.POST)
    parent = None
    if request.POST.get("parent"):
        parent = Comment.objects.filter(idea=idea, pk=_number(request.POST["parent"])).first()
        if parent is None:
            raise Http404
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(back)
    try:
        row = idea_services.comment(
            by=request.user,
            process=idea.process,
            participant=participant,  # type: ignore[arg-type]
            text=form.cleaned_data["text"],
            idea=idea if parent is None else None,
            parent=parent,
            address=address(request),
        )
    except (NotAllowedNow, ValidationError) as exc:
        return refused(request, exc, back)
    return commented(request, row, back)


@require_POST
def report(request: HttpRequest, slug: str, pk: int, kind: str, object_id: int) -> HttpResponse:
    district = district_by_slug(slug)
    process = selectors.process_for(request.user, district, pk)
    back = request.POST.get("back") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=False):
        back = reverse("participation:process", args=[slug, pk])
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte beschreiben Sie kurz das Problem."))
        return redirect(back)
    try:
        idea_services.report_abuse(
            by=request.user,
            process=process,
            kind=kind,
            object_id=object_id,
            reason=form.cleaned_data["reason"],
            reporter=acting(request, process),
            address=address(request),
        )
    except ValidationError as exc:
        return refused(request, exc, back)
    messages.success(request, _("Danke für den Hinweis. Die Moderation sieht sich den Beitrag an."))
    return redirect(back)


def _number(value: str) -> int:
    """A primary key from a form; anything else is a request for nothing (404)."""
    try:
        return int(value)
    except ValueError:
        raise Http404 from None
