"""Back office of the maturity self-assessment: rounds, heatmap, gaps, one municipality's assessment and profile."""

from __future__ import annotations

from typing import Any

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kreiskurs.accounts.access import district_for, login_required_404, row_in_district
from kreiskurs.core.editing import EditConflict
from kreiskurs.core.feedback import attempt, conflict_message
from kreiskurs.territory.models import District, Municipality

from .. import charts, comparison, selectors, services
from ..forms import AssessmentForm, GapMeasureForm, HeatmapFilterForm, ReopenForm, RoundForm
from ..models import AssessmentRound, Dimension


def _round(user: Any, slug: str, pk: int, permission: str) -> AssessmentRound:
    district = district_for(user, slug, permission)
    return row_in_district(AssessmentRound.objects.select_related("model", "district"), district, pk)


def _refused(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, _("Nicht gespeichert: %(why)s") % {"why": " ".join(exc.messages)})


# --- overview and rounds -----------------------------------------------------------------------


@login_required_404
@require_http_methods(["GET", "POST"])
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    """Rounds and models; the team opens rounds here, a municipal contact finds their self-assessment."""
    district = district_for(request.user, slug, "strategy.view_internal")
    can_manage = rules.has_perm("maturity.manage", request.user, district)
    models = selectors.models_of(district)
    form = RoundForm(request.POST or None, models=models)
    if request.method == "POST":
        if not can_manage:
            raise Http404
        if form.is_valid():
            created = attempt(request, form, lambda: services.open_round(by=request.user, **form.cleaned_data))
            if created is not None:
                messages.success(request, _("Die Runde „%(r)s“ ist eröffnet.") % {"r": created})
                return redirect("maturity_manage:round", slug, created.pk)
    current = selectors.open_round(district)
    own = []
    for municipality in selectors.contact_municipalities(request.user, district):
        assessment = selectors.assessment_of(current, municipality) if current else None
        own.append((municipality, assessment))
    context = {
        "district": district,
        "rounds": selectors.rounds_of(district),
        "current": current,
        "latest_model": models.first(),
        "can_manage": can_manage,
        "can_view_results": rules.has_perm("maturity.view_results", request.user, district),
        "form": form if can_manage and models.exists() and (current is None or form.errors) else None,
        "own": own,
        "question_count": _question_count(current),
    }
    return render(request, "maturity/manage/overview.html", context)


def _question_count(round: AssessmentRound | None) -> int:
    return selectors.question_count(round.model) if round else 0


@login_required_404
@require_POST
def install_default(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, "maturity.manage")
    try:
        model = services.install_default_model(by=request.user, district=district)
    except ValidationError as exc:
        _refused(request, exc)
        return redirect("maturity_manage:overview", slug)
    messages.success(request, _("Das Standardmodell ist eingerichtet."))
    return redirect("maturity_manage:model", slug, model.pk)


@login_required_404
@require_safe
def round_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The heatmap of a round: municipalities × dimensions, grouped by size class, with medians."""
    evaluation = _round(request.user, slug, pk, "maturity.view_results")
    district = evaluation.district
    associations = selectors.associations_of(district)
    filters = HeatmapFilterForm(request.GET or None, associations=associations)
    heat = selectors.heatmap(evaluation, **filters.filters())
    context = {
        "district": district,
        "round": evaluation,
        "heat": heat,
        "filters": filters,
        "can_manage": rules.has_perm("maturity.manage", request.user, district),
        "colspan": len(heat.dimensions) + 2,
    }
    return render(request, "maturity/manage/round.html", context)


@login_required_404
@require_POST
def round_state(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    evaluation = _round(request.user, slug, pk, "maturity.manage")
    try:
        if request.POST.get("action") == "reopen":
            services.reopen_round(by=request.user, round=evaluation)
            messages.success(request, _("Die Runde ist wieder offen."))
        else:
            services.close_round(by=request.user, round=evaluation)
            messages.success(request, _("Die Runde ist abgeschlossen."))
    except ValidationError as exc:
        _refused(request, exc)
    return redirect("maturity_manage:round", slug, pk)


# --- gaps ----------------------------------------------------------------------------------------


@login_required_404
@require_safe
def gaps(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    evaluation = _round(request.user, slug, pk, "maturity.view_results")
    district = evaluation.district
    analysis = selectors.gap_analysis(evaluation)
    context = {
        "district": district,
        "round": evaluation,
        "analysis": analysis,
        "can_create": rules.has_perm("maturity.create_measure", request.user, district)
        and analysis.draft is not None
        and analysis.draft.is_editable,
    }
    return render(request, "maturity/manage/gaps.html", context)


@login_required_404
@require_http_methods(["GET", "POST"])
def gap_measure(request: HttpRequest, slug: str, pk: int, code: str) -> HttpResponse:
    """Create a draft measure from a gap (title and summary prefilled)."""
    evaluation = _round(request.user, slug, pk, "maturity.create_measure")
    dimension = Dimension.objects.filter(model=evaluation.model, code=code).first()
    if dimension is None:
        raise Http404
    initial = {
        "title": _("Digitale Reife stärken: %(d)s") % {"d": dimension.title},
        "summary": _(
            "In der %(r)s schätzen sich viele Gemeinden in der Dimension „%(d)s“ als schwach ein "
            "(Wert unter 2 von 4). Die Maßnahme soll sie gezielt unterstützen."
        )
        % {"r": evaluation.title, "d": dimension.title},
    }
    form = GapMeasureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        measure = attempt(
            request,
            form,
            lambda: services.create_measure_from_gap(
                by=request.user, round=evaluation, dimension_code=code, **form.cleaned_data
            ),
        )
        if measure is not None:
            messages.success(
                request,
                _("Die Maßnahme %(c)s ist im Entwurf (Version %(n)s) angelegt.")
                % {"c": measure.code, "n": measure.version.number},
            )
            return redirect("maturity_manage:gaps", slug, pk)
    context = {
        "district": evaluation.district,
        "round": evaluation,
        "dimension": dimension,
        "form": form,
        "title": _("Maßnahme aus der Lücke „%(d)s“") % {"d": dimension.title},
    }
    return render(request, "maturity/manage/gap_measure.html", context)


# --- one municipality --------------------------------------------------------------------------


def _municipality(request: HttpRequest, district: District, pk: int) -> Municipality:
    municipality = row_in_district(Municipality.objects.all(), district, pk)
    if not rules.has_perm("maturity.view_municipality", request.user, municipality):
        raise Http404
    return municipality


def _answer_text(question: Any, answers: dict[int, int | None]) -> tuple[str, str]:
    """The answer to a question as (level, description) for reading."""
    if question.pk not in answers:
        return "–", _("nicht beantwortet")
    level = answers[question.pk]
    if level is None:
        return "–", _("trifft nicht zu")
    return str(level), question.levels[level]


def _sections(form: AssessmentForm, dimensions: list[Dimension]) -> list[tuple[Dimension, list[Any]]]:
    return [(d, [form[f"q{q.pk}"] for q in d.questions.all()]) for d in dimensions]


@login_required_404
@require_http_methods(["GET", "POST"])
def assessment(request: HttpRequest, slug: str, pk: int, municipality: int) -> HttpResponse:
    """A municipality's self-assessment in a round: the form while it can be edited, else the answers."""
    evaluation = _round(request.user, slug, pk, "strategy.view_internal")
    district = evaluation.district
    place = _municipality(request, district, municipality)
    current = selectors.assessment_of(evaluation, place)
    can_assess = rules.has_perm("maturity.assess", request.user, place)
    editable = can_assess and evaluation.is_open and not (current and current.is_submitted)
    dimensions = selectors.model_structure(evaluation.model)
    answers = selectors.answers_of(current)
    form = None
    if editable:
        initial = {**AssessmentForm.initial_for(answers), "revision": current.revision if current else None}
        if current:
            initial["comment"] = current.comment
        form = AssessmentForm(request.POST or None, initial=initial, dimensions=dimensions)
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            response = _save(request, form, evaluation, place)
            if response is not None:
                return response
    scores = (current.dimension_scores or {}) if current else {}
    rows = [(d, scores.get(d.code), [(q, *_answer_text(q, answers)) for q in d.questions.all()]) for d in dimensions]
    context = {
        "district": district,
        "round": evaluation,
        "municipality": place,
        "assessment": current,
        "form": form,
        "sections": _sections(form, dimensions) if form else None,
        "rows": rows,
        "can_reopen": bool(
            current
            and current.is_submitted
            and evaluation.is_open
            and rules.has_perm("maturity.manage", request.user, district)
        ),
        "reopen_form": ReopenForm(),
        "question_count": sum(len(d.questions.all()) for d in dimensions),
    }
    return render(request, "maturity/manage/assessment.html", context)


def _save(
    request: HttpRequest, form: AssessmentForm, evaluation: AssessmentRound, place: Municipality
) -> HttpResponse | None:
    """Save the draft; with "Abgeben", submit it afterwards (the draft stays saved if submitting is refused)."""
    try:
        saved = services.save_assessment(
            by=request.user,
            round=evaluation,
            municipality=place,
            levels=form.levels(),
            comment=form.cleaned_data["comment"],
            expected_revision=form.cleaned_data.get("revision"),
        )
    except EditConflict as exc:
        conflict_message(request, exc)
        return None
    except ValidationError as exc:
        form.add_error(None, exc)
        return None
    target = redirect("maturity_manage:assessment", evaluation.district.slug, evaluation.pk, place.pk)
    if request.POST.get("action") != "submit":
        messages.success(request, _("Der Entwurf ist gespeichert."))
        return target
    try:
        services.submit_assessment(by=request.user, assessment=saved, expected_revision=saved.revision)
    except ValidationError as exc:
        messages.error(
            request, _("Der Entwurf ist gespeichert, aber nicht abgegeben: %(why)s") % {"why": " ".join(exc.messages)}
        )
        return target
    messages.success(request, _("Die Selbsteinschätzung ist abgegeben. Vielen Dank!"))
    return target


@login_required_404
@require_POST
def reopen(request: HttpRequest, slug: str, pk: int, municipality: int) -> HttpResponse:
    evaluation = _round(request.user, slug, pk, "maturity.manage")
    place = row_in_district(Municipality.objects.all(), evaluation.district, municipality)
    current = selectors.assessment_of(evaluation, place)
    if current is None:
        raise Http404
    form = ReopenForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.reopen_assessment(by=request.user, assessment=current, reason=reason)
        messages.success(request, _("Die Selbsteinschätzung ist wieder als Entwurf geöffnet."))
    except ValidationError as exc:
        _refused(request, exc)
    return redirect("maturity_manage:assessment", slug, pk, place.pk)


@login_required_404
@require_safe
def municipality_profile(request: HttpRequest, slug: str, municipality: int) -> HttpResponse:
    """One municipality against the district median (radar chart and table) and its history across rounds."""
    district = district_for(request.user, slug, "strategy.view_internal")
    place = _municipality(request, district, municipality)
    history = selectors.municipality_profile(place)
    rounds = [entry[0] for entry in history]
    chosen = next((r for r in rounds if str(r.pk) == request.GET.get("runde")), rounds[-1] if rounds else None)
    compared = selectors.municipality_comparison(place, chosen) if chosen else None
    sees_all = rules.has_perm("maturity.view_results", request.user, district)
    radar = ""
    if compared is not None:
        # with fewer than three peers a median would reveal a neighbour's answers to a municipal contact
        if not sees_all and compared.size_class_members < selectors.PUBLIC_MIN_GROUP:
            compared.size_class_median = []
        if not sees_all and compared.district_members < selectors.PUBLIC_MIN_GROUP:
            compared.district = []
        series = [(place.name, [c.score for c in compared.own])]
        if compared.district:
            series.append((_("Median des Kreises"), [c.score for c in compared.district]))
        radar = charts.radar_svg(
            [d.title for d in compared.dimensions],
            series,
            chart_id=f"radar-{place.pk}",
            title=_("%(m)s im Vergleich zum Kreismedian, %(r)s") % {"m": place.name, "r": chosen},
        )
    open_rounds = [r for r in selectors.rounds_of(district) if r.is_open]
    context = {
        "district": district,
        "municipality": place,
        "history": history,
        "history_rows": _history_rows(history),
        "chosen": chosen,
        "rounds": rounds,
        "compared": compared,
        "compared_rows": _compared_rows(compared),
        "radar": mark_safe(radar),  # built from escaped text by charts.radar_svg
        "open_round": open_rounds[0] if open_rounds else None,
        "size_class": selectors.size_class_label(comparison.size_class(place.population).code),
    }
    return render(request, "maturity/manage/municipality.html", context)


def _history_rows(history: selectors.Profile) -> tuple[list[str], list[tuple[Any, Any, list[Any]]]]:
    """Column titles (every dimension code in the history, newest title) and one row per round."""
    titles: dict[str, str] = {}
    for _round, _overall, scores in history:
        for d in scores:
            titles[d.code] = d.title
    rows = []
    for round_, overall, scores in history:
        by_code = {d.code: score for d, score in scores.items()}
        rows.append((round_, overall, [by_code.get(code) for code in titles]))
    return list(titles.values()), rows


def _compared_rows(compared: selectors.Comparison | None) -> list[tuple[Dimension, Any, Any, Any]]:
    if compared is None:
        return []
    empty: list[Any] = [None] * len(compared.dimensions)
    peers = compared.size_class_median or empty
    district = compared.district or empty
    return list(zip(compared.dimensions, compared.own, peers, district, strict=True))
