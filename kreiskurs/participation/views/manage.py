"""Back office of participation: processes and phases, the moderation queue, what becomes of ideas."""

from __future__ import annotations

import datetime as dt
from typing import Any

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kreiskurs.accounts.access import district_for, login_required_404, row_in_district
from kreiskurs.collation import natural
from kreiskurs.strategy.models import Measure, VersionState

from .. import selectors
from ..forms import FieldAssignmentForm, IdeaStatusForm, ModerationForm, NewProcessForm, PhaseForm, ProcessForm
from ..models import AbuseReport, Comment, Idea, Phase, Process, Statement, Visibility
from ..selectors import analysis as analysis_selectors
from ..selectors.opinion import opinion_status
from ..services import moderation as moderation_services
from ..services import processes as process_services
from .common import form_errors

MODERATED: dict[str, Any] = {"idea": Idea, "comment": Comment, "statement": Statement}


@login_required_404
@require_http_methods(["GET", "POST"])
def process_list(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, "participation.view_internal")
    can_manage = rules.has_perm("participation.manage_processes", request.user, district)
    form = NewProcessForm(request.POST or None, district=district, initial={"start": timezone.localdate()})
    if request.method == "POST":
        if not can_manage:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            start = timezone.make_aware(dt.datetime.combine(data["start"], dt.time(0, 0)))
            try:
                process = process_services.create_process(
                    by=request.user,
                    district=district,
                    template=data["template"],
                    title=data["title"],
                    summary=data["summary"],
                    version=data["version"],
                    start=start,
                    moderation=data["moderation"],
                    allow_pseudonymous=data["allow_pseudonymous"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request, _("Das Verfahren ist angelegt; prüfen Sie die Phasen und veröffentlichen Sie es.")
                )
                return redirect("participation_manage:process", slug, process.pk)
    context = {
        "district": district,
        "processes": list(selectors.processes_visible_to(request.user, district)),
        "pending": _pending_counts(district),
        "form": form if can_manage else None,
    }
    return render(request, "participation/manage/process_list.html", context)


def _pending_counts(district: Any) -> dict[str, int]:
    return {
        "pending": sum(m.objects.filter(district=district).pending().count() for m in MODERATED.values()),
        "reports": AbuseReport.objects.filter(district=district, resolved_at__isnull=True).count(),
    }


def _process(request: HttpRequest, slug: str, pk: int, permission: str = "participation.view_internal") -> Process:
    district = district_for(request.user, slug, permission)
    return row_in_district(Process.objects.select_related("district", "version"), district, pk)


@login_required_404
@require_http_methods(["GET", "POST"])
def process_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = _process(request, slug, pk)
    can_manage = rules.has_perm("participation.manage_processes", request.user, process.district)
    form = ProcessForm(
        request.POST or None,
        district=process.district,
        initial={
            "title": process.title,
            "summary": process.summary,
            "version": process.version,
            "moderation": process.moderation,
            "allow_pseudonymous": process.allow_pseudonymous,
        },
    )
    if request.method == "POST":
        if not can_manage:
            raise Http404
        if form.is_valid():
            try:
                process_services.update_process(
                    by=request.user, process=process, values=process_services.process_fields(form.cleaned_data)
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Gespeichert."))
                return redirect("participation_manage:process", slug, pk)
    ideas = list(
        Idea.objects.filter(process=process)
        .select_related("author", "merged_into")
        .annotate(support_count=Count("supports"))
        .order_by("-support_count", "-created_at")
    )
    context = {
        "district": process.district,
        "process": process,
        "form": form if can_manage else None,
        "phases": [(p, PhaseForm(prefix=f"ph{p.pk}", initial=_phase_initial(p))) for p in process.phases.all()],
        "new_phase": PhaseForm(prefix="new") if can_manage else None,
        "can_manage": can_manage,
        "can_consider": rules.has_perm("participation.consider", request.user, process.district),
        "ideas": ideas,
        "outcome": selectors.outcome(process),
        "participants": process_participants(process),
        "opinion": opinion_status(request.user, process),
    }
    if rules.has_perm("participation.review_text_analysis", request.user, process.district):
        context["themes"], context["analysis"] = analysis_selectors.themes_of(process)
    return render(request, "participation/manage/process_detail.html", context)


def process_participants(process: Process) -> int:
    """How many people contributed to the process in any way (bounded queries)."""
    from ..models import MeasureRating, StatementVote, Support, SurveyResponse

    ids: set[int] = set()
    for model in (Idea, Comment, Statement):
        ids |= set(model.objects.filter(process=process, author__isnull=False).values_list("author_id", flat=True))
    ids |= set(StatementVote.objects.filter(statement__process=process).values_list("participant_id", flat=True))
    ids |= set(Support.objects.filter(idea__process=process).values_list("participant_id", flat=True))
    ids |= set(MeasureRating.objects.filter(process=process).values_list("participant_id", flat=True))
    ids |= set(
        SurveyResponse.objects.filter(survey__process=process, participant__isnull=False).values_list(
            "participant_id", flat=True
        )
    )
    return len(ids)


def _phase_initial(phase: Phase) -> dict[str, Any]:
    return {
        "kind": phase.kind,
        "title": phase.title,
        "start": timezone.localtime(phase.start),
        "end": timezone.localtime(phase.end),
        "description": phase.description,
    }


@login_required_404
@require_POST
def phase_save(request: HttpRequest, slug: str, pk: int, phase_pk: int | None = None) -> HttpResponse:
    process = _process(request, slug, pk, "participation.manage_processes")
    phase = get_object_or_404(process.phases, pk=phase_pk) if phase_pk else None
    form = PhaseForm(request.POST, prefix=f"ph{phase_pk}" if phase_pk else "new")
    if not form.is_valid():
        messages.error(request, form_errors(form))
    else:
        try:
            process_services.save_phase(by=request.user, process=process, phase=phase, **form.cleaned_data)
            messages.success(request, _("Phase gespeichert."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("participation_manage:process", slug, pk)


@login_required_404
@require_POST
def phase_delete(request: HttpRequest, slug: str, pk: int, phase_pk: int) -> HttpResponse:
    process = _process(request, slug, pk, "participation.manage_processes")
    process_services.delete_phase(by=request.user, phase=get_object_or_404(process.phases, pk=phase_pk))
    messages.success(request, _("Phase gelöscht."))
    return redirect("participation_manage:process", slug, pk)


@login_required_404
@require_POST
def publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = _process(request, slug, pk, "participation.manage_processes")
    try:
        process_services.set_published(by=request.user, process=process, published=not process.published)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("participation_manage:process", slug, pk)


# --- moderation -------------------------------------------------------------------------------


@login_required_404
def queue(request: HttpRequest, slug: str) -> HttpResponse:
    """Everything waiting for release, and everything reported, across the district's processes."""
    district = district_for(request.user, slug, "participation.moderate")
    pending = []
    for kind, model in MODERATED.items():
        for obj in model.objects.filter(district=district).pending().select_related("process", "author"):
            pending.append((kind, obj))
    reports = list(AbuseReport.objects.filter(district=district, resolved_at__isnull=True).select_related("process"))
    by_kind: dict[str, set[int]] = {}
    for r in reports:
        by_kind.setdefault(r.kind, set()).add(r.object_id)
    objects = {
        (kind, obj.pk): obj
        for kind, ids in by_kind.items()
        for obj in MODERATED[kind].objects.filter(district=district, pk__in=ids).select_related("author")
    }
    reported = [(r, objects.get((r.kind, r.object_id))) for r in reports]
    reviews = rules.has_perm("participation.review_text_analysis", request.user, district)
    context = {
        "district": district,
        "pending": sorted(pending, key=lambda row: row[1].created_at),
        "reported": reported,
        "form": ModerationForm(),
        "duplicates": list(analysis_selectors.open_duplicates(district)) if reviews else [],
        "comment_duplicates": list(analysis_selectors.open_comment_duplicates(district)) if reviews else [],
    }
    return render(request, "participation/manage/queue.html", context)


@login_required_404
@require_POST
def moderate(request: HttpRequest, slug: str, kind: str, object_id: int) -> HttpResponse:
    district = district_for(request.user, slug, "participation.moderate")
    model = MODERATED.get(kind)
    if model is None:
        raise Http404
    obj = row_in_district(model.objects.all(), district, object_id)
    form = ModerationForm(request.POST)
    form.is_valid()
    decision = request.POST.get("decision", "")
    try:
        moderation_services.moderate(
            by=request.user, obj=obj, visibility=decision, reason=form.cleaned_data.get("reason", "")
        )
        messages.success(request, _("Gespeichert: %(d)s.") % {"d": Visibility(decision).label})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    back = request.POST.get("back", "")
    return (
        redirect(back)
        if back.startswith("/") and not back.startswith("//")
        else redirect("participation_manage:queue", slug)
    )


@login_required_404
@require_POST
def dismiss(request: HttpRequest, slug: str, report_pk: int) -> HttpResponse:
    district = district_for(request.user, slug, "participation.moderate")
    moderation_services.dismiss_report(
        by=request.user, report=row_in_district(AbuseReport.objects.all(), district, report_pk)
    )
    messages.success(request, _("Die Meldung ist erledigt; der Beitrag bleibt sichtbar."))
    return redirect("participation_manage:queue", slug)


# --- what becomes of ideas --------------------------------------------------------------------


def _measures(district: Any) -> Any:
    """Measures of the open draft or else the current version, to link an idea to."""
    from kreiskurs.strategy import selectors as strategy_selectors

    version = strategy_selectors.open_version(district) or strategy_selectors.current_version(district)
    return Measure.objects.filter(version=version).order_by(natural("code")) if version else Measure.objects.none()


@login_required_404
@require_http_methods(["GET", "POST"])
def idea_manage(request: HttpRequest, slug: str, pk: int, idea_pk: int) -> HttpResponse:
    process = _process(request, slug, pk, "participation.manage_processes")
    idea = get_object_or_404(Idea.objects.select_related("author", "merged_into"), process=process, pk=idea_pk)
    form = IdeaStatusForm(
        request.POST or None,
        idea=idea,
        measures=_measures(process.district),
        initial={"status": idea.status, "reason": idea.status_reason, "merged_into": idea.merged_into},
    )
    if request.method == "POST" and form.is_valid():
        try:
            moderation_services.set_idea_status(by=request.user, idea=idea, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Der Status der Idee ist gespeichert und öffentlich sichtbar."))
            return redirect("participation_manage:process", slug, pk)
    from kreiskurs.strategy import selectors as strategy_selectors

    draft = strategy_selectors.open_version(process.district)
    context = {
        "district": process.district,
        "process": process,
        "idea": idea,
        "form": form,
        "draft": draft if draft and draft.state == VersionState.DRAFT else None,
        "duplicates": analysis_selectors.duplicates_of(idea),
    }
    if rules.has_perm("participation.assign_field", request.user, process.district):
        suggestion = analysis_selectors.field_suggestion(idea, process)
        context["suggestion"] = suggestion
        context["field_form"] = FieldAssignmentForm(
            version_id=process.version_id, initial=analysis_selectors.field_initial(idea, suggestion)
        )
        context["assignments"] = list(idea.field_assignments.select_related("assigned_by")[:5])
    return render(request, "participation/manage/idea.html", context)


@login_required_404
@require_POST
def idea_to_measure(request: HttpRequest, slug: str, pk: int, idea_pk: int) -> HttpResponse:
    process = _process(request, slug, pk, "participation.manage_processes")
    idea = get_object_or_404(Idea, process=process, pk=idea_pk)
    try:
        measure = moderation_services.idea_to_measure(by=request.user, idea=idea)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("participation_manage:idea", slug, pk, idea_pk)
    messages.success(
        request, _("Die Idee ist jetzt die Maßnahme %(m)s im Entwurf; ergänzen Sie den Steckbrief.") % {"m": measure}
    )
    return redirect("manage:measure_edit", slug, measure.pk)
