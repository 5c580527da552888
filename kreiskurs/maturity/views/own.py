"""Back office: the district administration's own self-assessment in a round (same model as the municipalities)."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kreiskurs.accounts.access import district_for, login_required_404, row_in_district
from kreiskurs.core.editing import EditConflict
from kreiskurs.core.feedback import conflict_message

from .. import selectors, services
from ..forms import AssessmentForm, ReopenForm
from ..models import AssessmentRound


@login_required_404
@require_http_methods(["GET", "POST"])
def own_assessment(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The administration's self-assessment: the form for the team while the round is open, else the answers."""
    district = district_for(request.user, slug, "maturity.view_results")
    evaluation = row_in_district(AssessmentRound.objects.select_related("model", "district"), district, pk)
    current = selectors.assessment_of(evaluation, None)
    can_assess = rules.has_perm("maturity.assess_own", request.user, district)
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
        if form.is_valid() and (response := _save(request, form, evaluation)) is not None:
            return response
    scores = (current.dimension_scores or {}) if current else {}
    rows = [(d, scores.get(d.code), [(q, *_answer(q, answers)) for q in d.questions.all()]) for d in dimensions]
    context = {
        "district": district,
        "round": evaluation,
        "municipality": None,  # the template's subject: the district administration
        "assessment": current,
        "form": form,
        "sections": [(d, [form[f"q{q.pk}"] for q in d.questions.all()]) for d in dimensions] if form else None,
        "rows": rows,
        "can_reopen": False,
        "reopen_form": ReopenForm(),
        "question_count": sum(len(d.questions.all()) for d in dimensions),
    }
    return render(request, "maturity/manage/assessment.html", context)


def _answer(question: object, answers: dict[int, int | None]) -> tuple[str, str]:
    pk = getattr(question, "pk", None)
    if pk not in answers:
        return "–", _("nicht beantwortet")
    level = answers[pk]  # type: ignore[index]
    return ("–", _("trifft nicht zu")) if level is None else (str(level), question.levels[level])  # type: ignore[attr-defined]


def _save(request: HttpRequest, form: AssessmentForm, evaluation: AssessmentRound) -> HttpResponse | None:
    """Save the draft; with "Abgeben", submit it in the same step (the draft stays saved if that is refused)."""
    try:
        saved = services.save_assessment(
            by=request.user,
            round=evaluation,
            municipality=None,
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
    target = redirect("maturity_manage:own_assessment", evaluation.district.slug, evaluation.pk)
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
    messages.success(request, _("Die Selbsteinschätzung der Kreisverwaltung ist abgegeben."))
    return target
