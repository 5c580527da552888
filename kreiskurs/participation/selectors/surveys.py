"""Reads of surveys: when results are public, the results with counts, the CSV export rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Answer, PhaseKind, Question, Survey
from ..text import csv_safe

#: how the export joins the choices of a multiple-choice answer
MULTIPLE_JOINER = " | "


def results_public_from(survey: Survey) -> dt.datetime | None:
    """When the results become public: the end of the last survey phase (else of the last phase)."""
    phases = list(survey.process.phases.all())
    survey_phases = [p for p in phases if p.kind == PhaseKind.SURVEY] or phases
    return max((p.end for p in survey_phases), default=None)


def results_public(survey: Survey, moment: dt.datetime | None = None) -> bool:
    """The results are public once the process is published and its survey phase has ended."""
    opens = results_public_from(survey)
    return survey.process.published and opens is not None and (moment or timezone.now()) >= opens


@dataclass
class ResultRow:
    label: str
    count: int
    percent: float


@dataclass
class QuestionResult:
    question: Question
    answered: int
    rows: list[ResultRow] = field(default_factory=list)
    mean: float | None = None
    texts: list[str] = field(default_factory=list)


@dataclass
class SurveyResults:
    survey: Survey
    responses: int
    questions: list[QuestionResult]


def scale_label(question: Question, value: int) -> str:
    if value == question.scale_min and question.scale_min_label:
        return f"{value} – {question.scale_min_label}"
    if value == question.scale_max and question.scale_max_label:
        return f"{value} – {question.scale_max_label}"
    return str(value)


def survey_results(survey: Survey, *, with_texts: bool) -> SurveyResults:
    """Counts per choice, the distribution and mean of scales, free texts (if asked for); six queries."""
    questions = list(survey.questions.prefetch_related("choices"))
    responses = survey.responses.count()
    answers = Answer.objects.filter(question__survey=survey)
    answered = dict(
        answers.values_list("question").annotate(n=Count("response", distinct=True)).values_list("question", "n")
    )
    per_choice = dict(
        answers.filter(choice__isnull=False).values_list("choice").annotate(n=Count("id")).values_list("choice", "n")
    )
    per_value: dict[tuple[int, int | None], int] = {
        (question_id, v): n
        for question_id, v, n in answers.filter(question__kind=Question.Kind.SCALE, value__isnull=False)
        .values_list("question", "value")
        .annotate(n=Count("id"))
        .values_list("question", "value", "n")
    }
    texts: dict[int, list[str]] = defaultdict(list)
    if with_texts:
        for question_id, text in (
            answers.filter(question__kind=Question.Kind.TEXT)
            .exclude(text="")
            .order_by("id")
            .values_list("question", "text")
        ):
            texts[question_id].append(text)

    def percent(count: int, base: int) -> float:
        return round(100 * count / base, 1) if base else 0.0

    result = []
    for q in questions:
        base = answered.get(q.pk, 0)
        item = QuestionResult(question=q, answered=base)
        if q.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            item.rows = [
                ResultRow(c.text, per_choice.get(c.pk, 0), percent(per_choice.get(c.pk, 0), base))
                for c in q.choices.all()
            ]
        elif q.kind == Question.Kind.SCALE:
            counts = [(v, per_value.get((q.pk, v), 0)) for v in range(q.scale_min, q.scale_max + 1)]
            item.rows = [ResultRow(scale_label(q, v), n, percent(n, base)) for v, n in counts]
            total = sum(n for _v, n in counts)
            item.mean = round(sum(v * n for v, n in counts) / total, 2) if total else None
        else:
            item.texts = texts.get(q.pk, [])
        result.append(item)
    return SurveyResults(survey=survey, responses=responses, questions=result)


def export_rows(survey: Survey) -> list[list[Any]]:
    """The CSV table: a header, then one row per response and one column per question.

    Multiple choices are joined with `` | `` in the order of the choices. Every
    text a person wrote (questions, choices, answers) passes ``csv_safe`` so a
    spreadsheet never runs it as a formula; numbers stay numbers. Who answered
    is not exported.
    """
    questions = list(survey.questions.prefetch_related("choices"))
    choice_text = {c.pk: (c.position, c.text) for q in questions for c in q.choices.all()}
    cells: dict[int, dict[int, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for response_id, question_id, choice_id, value, text in (
        Answer.objects.filter(response__survey=survey)
        .order_by("id")
        .values_list("response", "question", "choice", "value", "text")
    ):
        if choice_id is not None:
            cells[response_id][question_id].append(choice_text[choice_id])
        elif value is not None:
            cells[response_id][question_id].append(value)
        else:
            cells[response_id][question_id].append(text)
    header: list[Any] = [_("Nr."), _("Eingegangen am"), *(csv_safe(q.text) for q in questions)]
    rows = [header]
    for n, (response_id, submitted_at) in enumerate(
        survey.responses.order_by("submitted_at", "id").values_list("id", "submitted_at"), start=1
    ):
        row: list[Any] = [n, f"{timezone.localtime(submitted_at):%d.%m.%Y %H:%M}"]
        for q in questions:
            values = cells[response_id].get(q.pk, [])
            if q.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
                row.append(csv_safe(MULTIPLE_JOINER.join(text for _pos, text in sorted(values))))
            elif q.kind == Question.Kind.SCALE:
                row.append(values[0] if values else "")
            else:
                row.append(csv_safe(values[0]) if values else "")
        rows.append(row)
    return rows
