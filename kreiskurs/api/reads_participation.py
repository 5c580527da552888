"""A published process with its public figures, its surveys and their results once public.

Figures count only what anyone may read (``.public()``): released ideas,
comments and statements of published processes, the votes on released
statements and the people behind them. Survey results are the aggregate the
public results page shows, from the same selector and under the same rule:
after the survey phase has ended, counts per choice and scale distributions
with their mean, never a free-text answer.
"""

import datetime as dt
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.pagination import paginate

from kreiskurs.participation.models import Comment, Idea, Phase, Process, StatementVote, Survey
from kreiskurs.participation.selectors import outcome
from kreiskurs.participation.selectors import surveys as survey_reads
from kreiskurs.participation.selectors.statements import public_statements

from . import serializers
from .api import INVALID, MISSING, REFUSED, api
from .pagination import LinkPagination
from .reads import Id
from .schemas import ProcessOut


class ProcessFiguresOut(Schema):
    ideas: int
    ideas_by_status: dict[str, int]
    comments: int
    statements: int
    votes: int
    participants: int


class ProcessDetailOut(ProcessOut):
    figures: ProcessFiguresOut


class SurveyOut(Schema):
    id: int
    title: str
    intro: str
    questions: int
    results_public: bool
    results_public_from: dt.datetime | None


class ResultRowOut(Schema):
    label: str
    count: int
    percent: float


class QuestionResultOut(Schema):
    id: int
    text: str
    kind: str
    answered: int
    mean: float | None
    rows: list[ResultRowOut]


class SurveyResultsOut(Schema):
    survey: int
    title: str
    responses: int
    questions: list[QuestionResultOut]


def _process(process_id: int) -> Process:
    """A published process with its phases in order, else 404."""
    process = (
        Process.objects.published()
        .prefetch_related(Prefetch("phases", queryset=Phase.objects.order_by("start", "id")))
        .filter(pk=process_id)
        .first()
    )
    if process is None:
        raise Http404(_("Verfahren nicht gefunden"))
    return process


def process_figures(process: Process) -> dict[str, Any]:
    """The public figures of one process; a fixed number of queries whatever its size."""
    ideas = Idea.objects.public().filter(process=process)
    comments = Comment.objects.public().filter(process=process).filter(Q(idea__isnull=True) | Q(idea__in=ideas))
    statements = public_statements(process)
    votes = StatementVote.objects.filter(statement__in=statements)
    # distinct people counted by the database (UNION removes duplicates)
    participants = (
        ideas.exclude(author=None)
        .values_list("author", flat=True)
        .order_by()
        .union(
            comments.exclude(author=None).values_list("author", flat=True).order_by(),
            votes.values_list("participant", flat=True).order_by(),
        )
        .count()
    )
    return {
        "ideas": ideas.count(),
        "ideas_by_status": outcome(process),
        "comments": comments.count(),
        "statements": statements.count(),
        "votes": votes.count(),
        "participants": participants,
    }


@api.get(
    "/processes/{process_id}/",
    response={200: ProcessDetailOut, **REFUSED, **MISSING, **INVALID},
    tags=["Beteiligung"],
    summary=(
        "Ein veröffentlichtes Verfahren mit seinen öffentlichen Zahlen (Ideen, Kommentare, Thesen, Stimmen, Personen)"
    ),
)
def get_process(request: HttpRequest, process_id: Id) -> Any:
    """``ideas_by_status`` counts released and hidden ideas by how the team handled them, as the process page does;
    ``participants`` counts the people with a released idea or comment or a vote on a released statement."""
    process = _process(process_id)
    return {**serializers.process_dict(process), "figures": process_figures(process)}


def _survey_dict(survey: Survey) -> dict[str, Any]:
    return {
        "id": survey.pk,
        "title": survey.title,
        "intro": survey.intro,
        "questions": survey.question_count,  # type: ignore[attr-defined]
        "results_public": survey_reads.results_public(survey),
        "results_public_from": survey_reads.results_public_from(survey),
    }


@api.get(
    "/processes/{process_id}/surveys/",
    response={200: list[SurveyOut], **REFUSED, **MISSING, **INVALID},
    tags=["Beteiligung"],
    summary=(
        "Umfragen eines veröffentlichten Verfahrens und ab wann ihre Ergebnisse öffentlich sind "
        "(Filter: Ergebnisse öffentlich)"
    ),
)
@paginate(LinkPagination)
def list_surveys(request: HttpRequest, process_id: Id, results_public: bool | None = None) -> Any:
    """``results_public=true`` lists only surveys whose results may be read (``…/results/``)."""
    process = _process(process_id)

    surveys = list(Survey.objects.filter(process=process).annotate(question_count=Count("questions")).order_by("id"))
    for survey in surveys:
        survey.process = process  # with its prefetched phases: the rule needs no further query
    if results_public is not None:
        surveys = [s for s in surveys if survey_reads.results_public(s) == results_public]
    return [_survey_dict(s) for s in surveys]  # a process has few surveys


@api.get(
    "/processes/{process_id}/surveys/{survey_id}/results/",
    response={200: SurveyResultsOut, **REFUSED, **MISSING, **INVALID},
    tags=["Beteiligung"],
    summary=(
        "Ergebnisse einer Umfrage, sobald sie öffentlich sind: Anzahlen je Antwort, Skalen mit Mittelwert, "
        "keine Freitexte"
    ),
)
def get_survey_results(request: HttpRequest, process_id: Id, survey_id: Id) -> Any:
    """Before the survey phase has ended the results are not public: 404, as for a survey that does not exist.
    Free-text questions appear with the number of people who answered them, never with the texts."""
    process = _process(process_id)
    survey = Survey.objects.filter(process=process, pk=survey_id).first()
    if survey is None:
        raise Http404(_("Umfrage nicht gefunden"))
    survey.process = process
    if not survey_reads.results_public(survey):
        raise Http404(_("Die Ergebnisse sind noch nicht öffentlich"))
    results = survey_reads.survey_results(survey, with_texts=False)
    return {
        "survey": survey.pk,
        "title": survey.title,
        "responses": results.responses,
        "questions": [
            {
                "id": item.question.pk,
                "text": item.question.text,
                "kind": item.question.kind,
                "answered": item.answered,
                "mean": item.mean,
                "rows": [{"label": r.label, "count": r.count, "percent": r.percent} for r in item.rows],
            }
            for item in results.questions
        ],
    }
