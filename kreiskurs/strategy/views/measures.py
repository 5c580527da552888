"""Back office: measures with their full profile (Steckbrief)."""

from __future__ import annotations

from typing import Any

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kreiskurs.accounts.access import district_for, login_required_404, row_in_district
from kreiskurs.audit.models import AuditEntry
from kreiskurs.core.feedback import attempt
from kreiskurs.strategy import selectors, services
from kreiskurs.strategy.forms import (
    MEASURE_FIELDS,
    MEASURE_M2M,
    MeasureForm,
    MilestoneFormSet,
    ParticipationFormSet,
    ScoreFormSet,
)
from kreiskurs.strategy.models import Criterion, Measure, StrategyVersion
from kreiskurs.strategy.services.elements import MeasureDetails

from .editing import working_version

MEASURES_PER_PAGE = 50


@login_required_404
def measure_list(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.view_internal")
    version = working_version(district)
    filters = {k: request.GET.get(k, "") for k in selectors.MEASURE_FILTERS}
    query = request.GET.copy()
    query.pop("seite", None)  # the page links keep every other parameter (filters)
    context = {
        "district": district,
        "version": version,
        "has_version": True,  # the frame's navigation need not ask (core/manage_base.html)
        "page": selectors.measure_page(version, filters, request.GET.get("seite"), MEASURES_PER_PAGE, current=False),
        "query": query.urlencode(),
        "can_create": version.is_editable and rules.has_perm("strategy.edit_strategy", request.user, district),
    }
    return render(request, "strategy/manage/measure_list.html", context)


def _formsets(request: HttpRequest, version: StrategyVersion, measure: Measure | None) -> tuple[Any, Any, Any]:
    data = request.POST if request.method == "POST" else None
    criteria = list(Criterion.objects.filter(version=version))
    existing_scores = {s.criterion_id: s for s in measure.scores.all()} if measure else {}
    score_initial = [
        {
            "criterion": c.pk,
            "passed": getattr(existing_scores.get(c.pk), "passed", None),
            "score": getattr(existing_scores.get(c.pk), "score", None),
        }
        for c in criteria
    ]
    participations = ParticipationFormSet(
        data,
        prefix="gemeinden",
        initial=[{"municipality": p.municipality, "role": p.role} for p in measure.participations.all()]
        if measure
        else [],
        form_kwargs={"district": version.district},
    )
    scores = ScoreFormSet(data, prefix="kriterien", initial=score_initial)
    for form, criterion in zip(scores.forms, criteria, strict=False):
        form.criterion_obj = criterion  # type: ignore[attr-defined]  # the row heading
        if criterion.kind == Criterion.Kind.KNOCKOUT:
            del form.fields["score"]
        else:
            del form.fields["passed"]
    milestones = MilestoneFormSet(
        data,
        prefix="meilensteine",
        initial=[{"title": m.title, "due": m.due, "done_on": m.done_on} for m in measure.milestones.all()]
        if measure
        else [],
    )
    return participations, scores, milestones


def _details(version: StrategyVersion, participations: Any, scores: Any, milestones: Any) -> MeasureDetails:
    criteria = {c.pk: c for c in Criterion.objects.filter(version=version)}
    seen = set()
    parts = []
    for f in participations.forms:
        m = f.cleaned_data.get("municipality")
        if m is not None and m.pk not in seen:
            seen.add(m.pk)
            parts.append((m, f.cleaned_data["role"]))
    score_rows = []
    for f in scores.forms:
        criterion = criteria.get(f.cleaned_data.get("criterion"))
        if criterion is None:
            raise ValidationError(_("Unbekanntes Kriterium."))
        score_rows.append((criterion, f.cleaned_data.get("passed"), f.cleaned_data.get("score")))
    milestone_rows = [
        (f.cleaned_data["title"], f.cleaned_data.get("due"), f.cleaned_data.get("done_on"))
        for f in milestones.forms
        if f.cleaned_data.get("title")
    ]
    return {"participations": parts, "scores": score_rows, "milestones": milestone_rows}


@login_required_404
@require_http_methods(["GET", "POST"])
def measure_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.view_internal")
    version = working_version(district)
    measure = None
    if pk is not None:
        measure = row_in_district(Measure.objects.filter(version=version), district, pk)
        if not rules.has_perm("strategy.change_measure", request.user, measure):
            return redirect(f"{reverse('portal:measure', args=[slug, measure.lineage])}?version={version.number}")
    elif not (version.is_editable and rules.has_perm("strategy.edit_strategy", request.user, district)):
        raise Http404
    form = MeasureForm(
        request.POST or None,
        instance=measure,
        version=version,
        initial={"revision": getattr(measure, "revision", None)},
    )
    participations, scores, milestones = _formsets(request, version, measure)
    if request.method == "POST" and all(
        [form.is_valid(), participations.is_valid(), scores.is_valid(), milestones.is_valid()]
    ):
        values = {n: form.cleaned_data[n] for n in MEASURE_FIELDS if n not in MEASURE_M2M}
        m2m = {n: form.cleaned_data[n] for n in MEASURE_M2M}

        saved = attempt(
            request,
            form,
            lambda: services.save_measure(
                by=request.user,
                version=version,
                measure=measure,
                values=values,
                m2m=m2m,
                details=_details(version, participations, scores, milestones),
                expected_revision=form.cleaned_data["revision"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Die Maßnahme %(m)s wurde gespeichert.") % {"m": saved})
            return redirect("manage:measure_edit", slug, saved.pk)
    context = {
        "district": district,
        "version": version,
        "form": form,
        "measure": measure,
        "participations": participations,
        "scores": scores,
        "milestones": milestones,
        "history": AuditEntry.objects.for_lineage("strategy.measure", str(measure.lineage)).select_related("actor")[:50]
        if measure
        else None,
        "can_delete": measure is not None and rules.has_perm("strategy.edit_strategy", request.user, district),
    }
    return render(request, "strategy/manage/measure_form.html", context)


@login_required_404
@require_POST
def measure_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.edit_strategy")
    version = working_version(district)
    measure = row_in_district(Measure.objects.filter(version=version), district, pk)
    try:
        services.delete_element(by=request.user, obj=measure)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("manage:measure_edit", slug, pk)
    messages.success(request, _("Die Maßnahme %(m)s wurde gelöscht.") % {"m": measure})
    return redirect("manage:measures", slug)
