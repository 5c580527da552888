"""Evaluation rounds: the back office (rate, find, propose, decide) and the public report."""

from __future__ import annotations

from typing import Any

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kreiskurs.accounts.access import district_for, login_required_404, row_in_district
from kreiskurs.core.editing import EditConflict
from kreiskurs.core.feedback import attempt, conflict_message
from kreiskurs.portal.caching import cache_public_page
from kreiskurs.strategy import selectors as strategy_selectors
from kreiskurs.strategy.renderings import stored
from kreiskurs.territory.models import District

from . import selectors, services
from .forms import AssessmentForm, DecisionForm, FindingsForm, ProposalForm, RoundForm
from .models import Assessment, EvaluationRound

# --- back office -----------------------------------------------------------------------------


@login_required_404
@require_http_methods(["GET", "POST"])
def round_list(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.view_internal")
    can_manage = rules.has_perm("evaluation.manage_rounds", request.user, district)
    current = strategy_selectors.current_version(district)
    form = RoundForm(request.POST or None)
    if request.method == "POST":
        if not can_manage or current is None:
            raise Http404
        if form.is_valid():
            created = attempt(
                request, form, lambda: services.open_round(by=request.user, version=current, **form.cleaned_data)
            )
            if created is not None:
                messages.success(
                    request, _("Die Runde „%(r)s“ ist eröffnet; die Bewertungen sind vorausgefüllt.") % {"r": created}
                )
                return redirect("evaluation_manage:round", slug, created.pk)
    context = {
        "district": district,
        "rounds": selectors.rounds_of(district, published_only=False),
        "form": form if can_manage and current else None,
        "current": current,
    }
    return render(request, "evaluation/manage_list.html", context)


def _round(request: HttpRequest, slug: str, pk: int, permission: str = "strategy.view_internal") -> EvaluationRound:
    district = district_for(request.user, slug, permission)
    return row_in_district(EvaluationRound.objects.select_related("version__strategy", "district"), district, pk)


@login_required_404
def round_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _render_round(request, _round(request, slug, pk))


def _assessment_form(assessment: Assessment, data: Any = None) -> AssessmentForm:
    a = assessment
    initial = {"rating": a.rating, "rationale": a.rationale, "revision": a.revision}
    return AssessmentForm(data, prefix=f"a{a.pk}", suggested=a.suggested, initial=initial)


def _render_round(
    request: HttpRequest,
    evaluation: EvaluationRound,
    proposal_form: Any = None,
    assess_forms: dict[int, AssessmentForm] | None = None,
) -> HttpResponse:
    """The round in the back office; ``proposal_form`` carries a refused proposal with its input,
    ``assess_forms`` the refused rating rows (all rows, as submitted)."""
    district = evaluation.district
    can_manage = rules.has_perm("evaluation.manage_rounds", request.user, district)
    editable = can_manage and evaluation.is_open
    sections = selectors.sections(evaluation)
    refused_rows = []
    if editable:
        for section in sections:
            for row in section.rows:
                a = row.assessment
                row.form = (assess_forms or {}).get(a.pk) or _assessment_form(a)  # type: ignore[attr-defined]
                if row.form.errors:  # type: ignore[attr-defined]
                    refused_rows.append(row)
    proposals = selectors.proposals_of(evaluation)
    if can_manage:
        for p in proposals:
            p.decision_form = DecisionForm(prefix=f"p{p.pk}")  # type: ignore[attr-defined]
    if proposal_form is None and rules.has_perm("evaluation.propose_change", request.user, district):
        proposal_form = ProposalForm(version=evaluation.version)
    context = {
        "district": district,
        "round": evaluation,
        "sections": sections,
        "editable": editable,
        "refused_rows": refused_rows,
        "findings_form": FindingsForm(initial={"findings": evaluation.findings, "revision": evaluation.revision})
        if editable
        else None,
        "proposals": proposals,
        "proposal_form": proposal_form,
        "can_view_internal": True,  # checked by _round
    }
    return render(request, "evaluation/manage_round.html", context)


def _back(slug: str, evaluation: EvaluationRound, anchor: str = "") -> HttpResponse:
    response = redirect("evaluation_manage:round", slug, evaluation.pk)
    response["Location"] += anchor
    return response


def _refused(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, _("Nicht gespeichert: %(why)s") % {"why": " ".join(exc.messages)})


@login_required_404
@require_POST
def assess_round(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """All rating rows of the page in one submit, saved by one service call: all or nothing."""
    evaluation = _round(request, slug, pk, "evaluation.manage_rounds")
    forms = {a.pk: _assessment_form(a, request.POST) for a in evaluation.assessments.all()}
    if all([form.is_valid() for form in forms.values()]):  # every row checked, not only up to the first error
        entries = [
            services.RatingEntry(pk, f.cleaned_data["rating"], f.cleaned_data["rationale"], f.cleaned_data["revision"])
            for pk, f in forms.items()
        ]
        try:
            services.assess_round(by=request.user, evaluation=evaluation, entries=entries)
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                _refused(request, exc)
                return _back(slug, evaluation)
            for key, errors in exc.message_dict.items():
                forms[int(key)].add_error(None, errors)
        else:
            messages.success(request, _("Alle Bewertungen gespeichert."))
            return _back(slug, evaluation)
    return _render_round(request, evaluation, assess_forms=forms)


@login_required_404
@require_POST
def findings(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    evaluation = _round(request, slug, pk, "evaluation.manage_rounds")
    form = FindingsForm(request.POST)
    if form.is_valid():
        try:
            services.update_findings(
                by=request.user,
                evaluation=evaluation,
                findings=form.cleaned_data["findings"],
                expected_revision=form.cleaned_data["revision"],
            )
            messages.success(request, _("Ergebnisse gespeichert."))
        except EditConflict as exc:
            conflict_message(request, exc)
        except ValidationError as exc:
            _refused(request, exc)
    return _back(slug, evaluation, "#findings")


@login_required_404
@require_POST
def publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    evaluation = _round(request, slug, pk, "evaluation.manage_rounds")
    try:
        services.publish_round(by=request.user, evaluation=evaluation)
        messages.success(request, _("Der Bericht ist veröffentlicht."))
    except ValidationError as exc:
        _refused(request, exc)
    return _back(slug, evaluation)


@login_required_404
@require_POST
def propose(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    evaluation = _round(request, slug, pk, "evaluation.propose_change")
    form = ProposalForm(request.POST, version=evaluation.version)
    if form.is_valid():
        kind, lineage = form.cleaned_data["element"]
        data = {k: form.cleaned_data[k] for k in ("action", "title", "change", "reason")}
        try:
            services.propose_change(by=request.user, evaluation=evaluation, kind=kind, lineage=lineage, **data)
            messages.success(request, _("Der Änderungsvorschlag ist erfasst."))
            return _back(slug, evaluation, "#proposals")
        except ValidationError as exc:
            form.add_error(None, exc)
    return _render_round(request, evaluation, proposal_form=form)


@login_required_404
@require_POST
def decide(request: HttpRequest, slug: str, pk: int, proposal: int) -> HttpResponse:
    evaluation = _round(request, slug, pk, "evaluation.manage_rounds")
    row = get_object_or_404(evaluation.proposals, pk=proposal)
    form = DecisionForm(request.POST, prefix=f"p{row.pk}")
    if not form.is_valid():
        messages.error(request, _("Bitte annehmen oder ablehnen wählen."))
        return _back(slug, evaluation, f"#p{row.pk}")
    try:
        decided = services.decide_proposal(
            by=request.user, proposal=row, accept=form.cleaned_data["accept"], note=form.cleaned_data["decision_note"]
        )
    except ValidationError as exc:
        _refused(request, exc)
        return _back(slug, evaluation, f"#p{row.pk}")
    if decided.applied_version:
        messages.success(
            request,
            _("Angenommen und in Version %(n)s (Entwurf) übernommen.") % {"n": decided.applied_version.number},
        )
    else:
        messages.success(request, _("Der Vorschlag ist abgelehnt."))
    return _back(slug, evaluation, f"#p{row.pk}")


# --- public ----------------------------------------------------------------------------------


def _visible_round(request: HttpRequest, district: District, pk: int) -> EvaluationRound:
    """A published round; an open one only for members of the district (preview)."""
    evaluation = selectors.round_of(district, pk)
    if evaluation is None:
        raise Http404
    if not evaluation.is_open or strategy_selectors.can_view_internal(request.user, district):
        return evaluation
    raise Http404


#: raise when the stored HTML of a published report's figures changes (stored rows are then rebuilt)
REPORT_FORMAT = 3


def _report_figures(district: District, evaluation: EvaluationRound, part: int, parts: int) -> str:
    """One part of the report but the proposals: the first has everything (ratings, implementation,
    indicators, participation) with the first measures' ratings, the others further measures' ratings."""
    context: dict[str, Any] = {
        "district": district,
        "round": evaluation,
        "part": part,
        "parts": parts,
        "sections": selectors.sections_part(evaluation, part),
    }
    if part == 1:
        indicator_charts = selectors.indicator_charts(evaluation)
        for chart in indicator_charts:
            chart.svg = mark_safe(chart.svg)  # built from escaped text by monitoring.charts
        field_rows, field_svg = selectors.field_progress_chart(evaluation)
        context.update(
            figures=selectors.implementation_figures(evaluation),
            participation=selectors.participation_in_period(evaluation),
            representativeness=selectors.representativeness_in_period(evaluation),
            indicators=indicator_charts,
            field_rows=field_rows,
            field_svg=mark_safe(field_svg),
        )
    return render_to_string("evaluation/_report_figures.html", context)


def _report_part(value: str | None, parts: int) -> int:
    """``?teil=N`` (1 without it); a part that does not exist answers 404."""
    if not value:
        return 1
    try:
        part = int(value)
    except ValueError:
        raise Http404 from None
    if not 1 <= part <= parts:
        raise Http404
    return part


def _report_context(request: HttpRequest, district: District, evaluation: EvaluationRound) -> dict[str, Any]:
    """A published round's figures are rendered once per part, on the first view after publishing,
    and kept (``strategy.renderings``: its ratings and findings never change, and the report shows
    the state of implementation and participation as published); the proposals, which are decided
    later, and an open round's preview are rendered per request. The measures' ratings come in parts
    (``?teil=N``, ``selectors.MEASURES_PER_PART`` each), so no response grows with the strategy."""
    parts = selectors.report_parts(evaluation)
    part = _report_part(request.GET.get("teil"), parts)
    if evaluation.is_open or evaluation.published_at is None:
        figures = _report_figures(district, evaluation, part, parts)
    else:
        figures = stored(
            evaluation.version,
            kind=f"evaluation:{evaluation.pk}",
            fmt=REPORT_FORMAT,
            part=part,
            stamp=f"{REPORT_FORMAT}:{evaluation.published_at.isoformat()}",
            build=lambda: _report_figures(district, evaluation, part, parts),
        )
    return {
        "district": district,
        "round": evaluation,
        "report_figures": mark_safe(figures),  # rendered (escaped) by Django's template engine
        "proposals": selectors.proposals_of(evaluation) if part == 1 else None,
        "part": part,
        "parts": parts,
        "part_numbers": range(1, parts + 1),
        "can_view_internal": strategy_selectors.can_view_internal(request.user, district),
    }


@require_safe
@cache_public_page
def report_list(request: HttpRequest, district: District) -> HttpResponse:
    context = {
        "district": district,
        "rounds": selectors.rounds_of(district, published_only=True),
        "can_view_internal": strategy_selectors.can_view_internal(request.user, district),
    }
    return render(request, "evaluation/report_list.html", context)


@require_safe
@cache_public_page
def report(request: HttpRequest, district: District, pk: int) -> HttpResponse:
    evaluation = _visible_round(request, district, pk)
    return render(request, "evaluation/report.html", _report_context(request, district, evaluation))


@require_safe
@cache_public_page
def report_print(request: HttpRequest, district: District, pk: int) -> HttpResponse:
    evaluation = _visible_round(request, district, pk)
    return render(request, "evaluation/report_print.html", _report_context(request, district, evaluation))
