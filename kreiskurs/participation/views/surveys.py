"""Surveys: answering and results (public), the CSV export and building surveys (staff).

Results are public once the survey phase has ended; the district's members
see them at any time, including the free-text answers, which are not
moderated and therefore never shown to the public. The CSV export is for the
strategy team only (``participation.manage_processes``): it holds every free
text. It is UTF-8 with a byte order mark, semicolon-separated, with CRLF line
ends — what German Excel opens correctly by double-click — and every text
cell is protected against formula injection (``text.csv_safe``).
"""

from __future__ import annotations

import csv
from typing import Any

import rules
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from kreiskurs.accounts.access import district_for, login_required_404, row_in_district
from kreiskurs.forms import KernForm, style_widgets
from kreiskurs.monitoring.charts import bar_svg
from kreiskurs.territory.models import District
from kreiskurs.territory.selectors import district_by_slug

from .. import selectors
from ..forms import ParticipationForm
from ..models import Action, Process, Question, Survey, SurveyResponse
from ..selectors import surveys as survey_reads
from ..services import surveys as survey_services
from ..services.base import NotAllowedNow
from .common import acting, address, frame, join_url, refused

# --- forms -----------------------------------------------------------------------------------------


class AnswerForm(ParticipationForm):
    """One field per question; required questions say which question is missing."""

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = []
        for q in questions:
            name = survey_services.field_name(q)
            messages_ = {"required": _("Bitte beantworten Sie die Pflichtfrage „%(q)s“.") % {"q": q.text}}
            common: dict[str, Any] = {"label": q.text, "required": q.required, "error_messages": messages_}
            field: forms.Field
            if q.kind == Question.Kind.SINGLE:
                field = forms.TypedChoiceField(
                    choices=[(c.pk, c.text) for c in q.choices.all()], coerce=int, widget=forms.RadioSelect, **common
                )
            elif q.kind == Question.Kind.MULTIPLE:
                field = forms.TypedMultipleChoiceField(
                    choices=[(c.pk, c.text) for c in q.choices.all()],
                    coerce=int,
                    widget=forms.CheckboxSelectMultiple,
                    **common,
                )
            elif q.kind == Question.Kind.SCALE:
                field = forms.TypedChoiceField(
                    choices=[(v, survey_reads.scale_label(q, v)) for v in range(q.scale_min, q.scale_max + 1)],
                    coerce=int,
                    widget=forms.RadioSelect,
                    **common,
                )
            else:
                field = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 4}), max_length=survey_services.MAX_TEXT_ANSWER, **common
                )
            self.fields[name] = field
            names.append(name)
        self.order_fields(names)  # questions first, the out-of-sight honeypot last
        style_widgets(self)

    def answers(self, questions: list[Question]) -> dict[int, Any]:
        return {q.pk: self.cleaned_data.get(survey_services.field_name(q)) for q in questions}


class SurveyForm(KernForm):
    title = forms.CharField(label=gettext_lazy("Titel"), max_length=200)
    intro = forms.CharField(label=gettext_lazy("Einleitung"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class QuestionForm(KernForm):
    kind = forms.ChoiceField(label=gettext_lazy("Art der Frage"), choices=Question.Kind.choices)
    text = forms.CharField(label=gettext_lazy("Frage"), max_length=500)
    required = forms.BooleanField(label=gettext_lazy("Pflichtfrage"), required=False)
    choices = forms.CharField(
        label=gettext_lazy("Antwortmöglichkeiten"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=gettext_lazy("Bei Einfach- und Mehrfachauswahl: eine Antwortmöglichkeit je Zeile."),
    )
    scale_min = forms.IntegerField(label=gettext_lazy("Skala von"), initial=1, min_value=-10, max_value=10)
    scale_max = forms.IntegerField(label=gettext_lazy("Skala bis"), initial=5, min_value=-9, max_value=20)
    scale_min_label = forms.CharField(
        label=gettext_lazy("Beschriftung des kleinsten Werts"), max_length=60, required=False
    )
    scale_max_label = forms.CharField(
        label=gettext_lazy("Beschriftung des größten Werts"), max_length=60, required=False
    )

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["choices"] = data["choices"].splitlines()
        return data


# --- public --------------------------------------------------------------------------------------


def _public_survey(request: HttpRequest, slug: str, pk: int, survey_pk: int) -> tuple[District, Process, Survey]:
    district = district_by_slug(slug)
    process = selectors.process_for(request.user, district, pk)
    survey = row_in_district(Survey.objects.filter(process=process).select_related("process"), district, survey_pk)
    survey.process = process  # with its prefetched phases
    return district, process, survey


@require_http_methods(["GET", "POST"])
def survey_detail(request: HttpRequest, slug: str, pk: int, survey_pk: int) -> HttpResponse:
    """The survey: its questions as a form while the phase allows answering."""
    district, process, survey = _public_survey(request, slug, pk, survey_pk)
    questions = list(survey.questions.prefetch_related("choices"))
    participant = acting(request, process)
    answered = (
        participant is not None and SurveyResponse.objects.filter(survey=survey, participant=participant).exists()
    )
    form = AnswerForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            survey_services.answer_survey(
                by=request.user,
                survey=survey,
                participant=participant,
                answers=form.answers(questions),
                address=address(request),
            )
        except NotAllowedNow as exc:
            return refused(request, exc, request.path)
        except ValidationError as exc:
            if getattr(exc, "code", None) == survey_services.ALREADY_ANSWERED:
                return refused(request, exc, request.path)
            form.add_error(None, exc)
        else:
            messages.success(request, _("Vielen Dank! Ihre Antworten sind gespeichert."))
            return redirect(request.path)
    context = frame(
        request,
        district,
        process=process,
        survey=survey,
        questions=questions,
        form=form,
        participant=participant,
        answered=answered,
        open_now=process.allows(Action.ANSWER_SURVEY),  # the phase; taking part (or signing in) comes next
        phase=process.phase_at(),
        join_url=join_url(process, request.path),
        results_url=reverse("surveys:results", args=[slug, pk, survey.pk]),
    )
    return render(request, "participation/surveys/detail.html", context)


def _with_charts(results: survey_reads.SurveyResults) -> list[dict[str, Any]]:
    """Each question's result with a bar chart (choices and scales), built from escaped text."""
    items = []
    for item in results.questions:
        svg = ""
        if item.rows:
            svg = mark_safe(  # built from escaped text by monitoring.charts
                bar_svg(
                    [(row.label, row.count) for row in item.rows],
                    chart_id=f"chart-q{item.question.pk}",
                    title=item.question.text,
                    unit=_("Antworten"),
                )
            )
        items.append({"result": item, "svg": svg})
    return items


def survey_results(request: HttpRequest, slug: str, pk: int, survey_pk: int) -> HttpResponse:
    """Counts per choice, scale distributions and means; free texts for the district's members."""
    district, process, survey = _public_survey(request, slug, pk, survey_pk)
    is_member = rules.has_perm("participation.view_internal", request.user, district)
    public = survey_reads.results_public(survey)
    results = survey_reads.survey_results(survey, with_texts=is_member) if public or is_member else None
    context = frame(
        request,
        district,
        process=process,
        survey=survey,
        public=public,
        is_member=is_member,
        public_from=survey_reads.results_public_from(survey),
        results=results,
        items=_with_charts(results) if results else [],
        can_export=rules.has_perm("participation.manage_processes", request.user, district),
    )
    return render(request, "participation/surveys/results.html", context)


@login_required_404
def survey_export(request: HttpRequest, slug: str, pk: int, survey_pk: int) -> HttpResponse:
    """All responses as CSV for the strategy team (see the module docstring for the format)."""
    district = district_for(request.user, slug, "participation.manage_processes")
    process = row_in_district(Process.objects.all(), district, pk)
    survey = row_in_district(Survey.objects.filter(process=process), district, survey_pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="umfrage-{survey.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    writer.writerows(survey_reads.export_rows(survey))
    return response


# --- back office -----------------------------------------------------------------------------------


def _managed_process(request: HttpRequest, slug: str, pk: int) -> tuple[District, Process]:
    district = district_for(request.user, slug, "participation.manage_processes")
    return district, row_in_district(Process.objects.all(), district, pk)


def _managed_survey(request: HttpRequest, slug: str, pk: int, survey_pk: int) -> tuple[District, Process, Survey]:
    district, process = _managed_process(request, slug, pk)
    return district, process, row_in_district(Survey.objects.filter(process=process), district, survey_pk)


@login_required_404
@require_http_methods(["GET", "POST"])
def manage_list(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    district, process = _managed_process(request, slug, pk)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = survey_services.create_survey(by=request.user, process=process, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Die Umfrage „%(s)s“ ist angelegt. Jetzt die Fragen hinzufügen.") % {"s": survey}
            )
            return redirect("surveys_manage:edit", slug, pk, survey.pk)
    surveys = process.surveys.annotate(
        question_count=Count("questions", distinct=True), response_count=Count("responses", distinct=True)
    )
    context = {"district": district, "process": process, "form": form, "surveys": surveys}
    return render(request, "participation/surveys/manage_list.html", context)


def _render_edit(
    request: HttpRequest,
    district: District,
    process: Process,
    survey: Survey,
    *,
    survey_form: SurveyForm | None = None,
    question_form: QuestionForm | None = None,
) -> HttpResponse:
    context = {
        "district": district,
        "process": process,
        "survey": survey,
        "questions": list(survey.questions.prefetch_related("choices")),
        "response_count": survey.responses.count(),
        "survey_form": survey_form or SurveyForm(initial={"title": survey.title, "intro": survey.intro}),
        "question_form": question_form or QuestionForm(),
    }
    return render(request, "participation/surveys/manage_edit.html", context)


@login_required_404
@require_http_methods(["GET", "POST"])
def manage_edit(request: HttpRequest, slug: str, pk: int, survey_pk: int) -> HttpResponse:
    """The survey's title and introduction, its questions, and the form for a new question."""
    district, process, survey = _managed_survey(request, slug, pk, survey_pk)
    if request.method == "POST":
        form = SurveyForm(request.POST)
        if form.is_valid():
            try:
                survey_services.update_survey(by=request.user, survey=survey, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Die Umfrage ist gespeichert."))
                return redirect("surveys_manage:edit", slug, pk, survey.pk)
        return _render_edit(request, district, process, survey, survey_form=form)
    return _render_edit(request, district, process, survey)


@login_required_404
@require_POST
def question_add(request: HttpRequest, slug: str, pk: int, survey_pk: int) -> HttpResponse:
    district, process, survey = _managed_survey(request, slug, pk, survey_pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            survey_services.save_question(by=request.user, survey=survey, **form.values())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Die Frage ist hinzugefügt."))
            return redirect("surveys_manage:edit", slug, pk, survey.pk)
    return _render_edit(request, district, process, survey, question_form=form)


@login_required_404
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, slug: str, pk: int, survey_pk: int, question_pk: int) -> HttpResponse:
    district, process, survey = _managed_survey(request, slug, pk, survey_pk)
    question = row_in_district(Question.objects.filter(survey=survey), district, question_pk)
    initial = {
        "kind": question.kind,
        "text": question.text,
        "required": question.required,
        "choices": "\n".join(c.text for c in question.choices.all()),
        "scale_min": question.scale_min,
        "scale_max": question.scale_max,
        "scale_min_label": question.scale_min_label,
        "scale_max_label": question.scale_max_label,
    }
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            survey_services.save_question(by=request.user, survey=survey, question=question, **form.values())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Die Frage ist gespeichert."))
            return redirect("surveys_manage:edit", slug, pk, survey.pk)
    context = {"district": district, "process": process, "survey": survey, "question": question, "form": form}
    return render(request, "participation/surveys/question_form.html", context)


@login_required_404
@require_POST
def question_delete(request: HttpRequest, slug: str, pk: int, survey_pk: int, question_pk: int) -> HttpResponse:
    district, _process, survey = _managed_survey(request, slug, pk, survey_pk)
    question = row_in_district(Question.objects.filter(survey=survey), district, question_pk)
    try:
        survey_services.delete_question(by=request.user, question=question)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Die Frage ist gelöscht."))
    return redirect("surveys_manage:edit", slug, pk, survey.pk)


@login_required_404
@require_POST
def survey_delete(request: HttpRequest, slug: str, pk: int, survey_pk: int) -> HttpResponse:
    _district, _process, survey = _managed_survey(request, slug, pk, survey_pk)
    try:
        survey_services.delete_survey(by=request.user, survey=survey)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("surveys_manage:edit", slug, pk, survey.pk)
    messages.success(request, _("Die Umfrage ist gelöscht."))
    return redirect("surveys_manage:list", slug, pk)
