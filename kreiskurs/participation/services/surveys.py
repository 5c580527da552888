"""Surveys: staff build them (audited), participants answer once while the phase allows it; the results.

Rules (tested in ``tests/test_surveys.py``):

* Answering needs the running phase to allow ``answer_survey`` (``services.base.require_action``).
* One response per participant: checked here with a clear message and guarded by the database
  constraint ``one_response_per_participant`` (a parallel second submission gets the same message).
* Required questions are refused with one message per question, naming it.
* Once a survey has responses its questions are frozen (answers point at questions and choices);
  title and introduction can still be corrected.
* Results are public once every survey phase of the process has ended (``results_public``); the
  district's members see them at any time. Free-text answers are not moderated, so only the
  district's members see them (the public sees how many there are).

The results are reads; they live next to the rules that define them rather than in the shared
``selectors.py``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kreiskurs.audit.services import record_change

from ..models import Action, Answer, Choice, Participant, Process, Question, Survey, SurveyResponse
from ..text import clean_line, clean_text
from .base import require_action, throttle

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor

#: the most values a scale may have (one radio button each)
MAX_SCALE_STEPS = 11
MAX_TEXT_ANSWER = 5000
MIN_CHOICES = 2
#: how the choices of one multiple-choice answer are joined in one CSV cell
ALREADY_ANSWERED = "already_answered"


def field_name(question: Question) -> str:
    """The form field (and error key) of a question's answer."""
    return f"q{question.pk}"


# --- staff: building a survey -------------------------------------------------------------------


@transaction.atomic
def create_survey(*, by: Actor, process: Process, title: str, intro: str = "") -> Survey:
    survey = Survey(district=process.district, process=process, title=clean_line(title), intro=clean_text(intro))
    survey.full_clean()
    survey.save()
    record_change(by=by, district=process.district, action="create", obj=survey)
    return survey


@transaction.atomic
def update_survey(*, by: Actor, survey: Survey, title: str, intro: str) -> Survey:
    """Correct title and introduction (possible at any time: answers do not depend on them)."""
    current = Survey.objects.select_for_update().get(pk=survey.pk)
    values = {"title": clean_line(title), "intro": clean_text(intro)}
    changes = {k: (getattr(current, k), v) for k, v in values.items() if getattr(current, k) != v}
    for k, v in values.items():
        setattr(current, k, v)
    current.full_clean()
    if changes:
        current.save()
        record_change(by=by, district=current.district, action="update", obj=current, changes=changes)
    return current


@transaction.atomic
def delete_survey(*, by: Actor, survey: Survey) -> None:
    """Delete a survey nobody has answered yet (answers are never thrown away by accident)."""
    current = Survey.objects.select_for_update().get(pk=survey.pk)
    if current.responses.exists():
        raise ValidationError(_("Die Umfrage hat bereits Antworten und kann nicht gelöscht werden."))
    record_change(by=by, district=current.district, action="delete", obj=current)
    current.delete()


def _require_no_responses(survey: Survey) -> None:
    if survey.responses.exists():
        raise ValidationError(
            _("Die Umfrage hat bereits Antworten; ihre Fragen können nicht mehr geändert werden."), code="frozen"
        )


def _describe(question: Question, choices: Sequence[str]) -> str:
    """One line saying what a question is, for the audit log."""
    parts = [question.text, question.get_kind_display()]
    if question.required:
        parts.append(str(_("Pflichtfrage")))
    if question.kind == Question.Kind.SCALE:
        parts.append(f"{question.scale_min}–{question.scale_max}")
    if choices:
        parts.append(" / ".join(choices))
    return " · ".join(parts)


@transaction.atomic
def save_question(
    *,
    by: Actor,
    survey: Survey,
    question: Question | None = None,
    kind: str,
    text: str,
    required: bool = False,
    choices: Sequence[str] = (),
    scale_min: int = 1,
    scale_max: int = 5,
    scale_min_label: str = "",
    scale_max_label: str = "",
) -> Question:
    """Add a question to ``survey`` (or change ``question``); choices replace the old ones, in the given order."""
    locked = Survey.objects.select_for_update().get(pk=survey.pk)
    _require_no_responses(locked)
    if question is not None and question.survey_id != survey.pk:
        raise ValidationError(_("Die Frage gehört nicht zu dieser Umfrage."))
    lines = [clean_line(c) for c in choices]
    lines = [c for c in lines if c]
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        if len(lines) < MIN_CHOICES:
            raise ValidationError({"choices": _("Bitte mindestens zwei Antwortmöglichkeiten angeben (eine je Zeile).")})
        if len(set(lines)) != len(lines):
            raise ValidationError({"choices": _("Jede Antwortmöglichkeit darf nur einmal vorkommen.")})
    else:
        lines = []
    if kind == Question.Kind.SCALE:
        if scale_max <= scale_min:
            raise ValidationError({"scale_max": _("Das Ende der Skala muss größer als ihr Anfang sein.")})
        if scale_max - scale_min + 1 > MAX_SCALE_STEPS:
            raise ValidationError({"scale_max": _("Eine Skala hat höchstens %(n)s Stufen.") % {"n": MAX_SCALE_STEPS}})
    else:
        scale_min, scale_max, scale_min_label, scale_max_label = 1, 5, "", ""
    old = _describe(question, [c.text for c in question.choices.all()]) if question is not None else ""
    row = question or Question(
        district=survey.district,
        survey=survey,
        position=(survey.questions.order_by("-position").values_list("position", flat=True).first() or 0) + 1,
    )
    row.kind, row.text, row.required = kind, clean_line(text), required
    row.scale_min, row.scale_max = scale_min, scale_max
    row.scale_min_label, row.scale_max_label = clean_line(scale_min_label), clean_line(scale_max_label)
    row.full_clean()
    row.save()
    row.choices.all().delete()
    Choice.objects.bulk_create(
        [Choice(district=survey.district, question=row, text=t, position=n) for n, t in enumerate(lines, start=1)]
    )
    new = _describe(row, lines)
    if new != old:
        record_change(
            by=by,
            district=survey.district,
            action="update",
            obj=survey,
            changes={str(_("Frage %(n)s") % {"n": row.position}): (old, new)},
        )
    return row


@transaction.atomic
def delete_question(*, by: Actor, question: Question) -> None:
    survey = Survey.objects.select_for_update().get(pk=question.survey_id)
    _require_no_responses(survey)
    record_change(
        by=by,
        district=survey.district,
        action="update",
        obj=survey,
        changes={
            str(_("Frage %(n)s") % {"n": question.position}): (
                _describe(question, [c.text for c in question.choices.all()]),
                "",
            )
        },
    )
    question.delete()


# --- participants: answering ---------------------------------------------------------------------


def _missing(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, list | tuple | set) and not value)


def _as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _answers_for(question: Question, value: Any) -> list[Answer] | None:
    """The answer rows for one question's raw value; None if the value is not a possible answer."""
    if question.kind == Question.Kind.SINGLE:
        choice = {c.pk: c for c in question.choices.all()}.get(_as_int(value))  # type: ignore[arg-type]
        return None if choice is None else [Answer(question=question, choice=choice)]
    if question.kind == Question.Kind.MULTIPLE:
        by_pk = {c.pk: c for c in question.choices.all()}
        values = value if isinstance(value, list | tuple | set) else [value]
        picked = {_as_int(v) for v in values}
        if not picked <= by_pk.keys():
            return None
        return [Answer(question=question, choice=c) for pk, c in by_pk.items() if pk in picked]
    if question.kind == Question.Kind.SCALE:
        number = _as_int(value)
        if number is None or not question.scale_min <= number <= question.scale_max:
            return None
        return [Answer(question=question, value=number)]
    text = clean_text(str(value))
    if len(text) > MAX_TEXT_ANSWER:
        return None
    return [Answer(question=question, text=text)] if text else []


def _check_answers(questions: Sequence[Question], answers: Mapping[int, Any]) -> list[Answer]:
    """Every answer row, or a ValidationError with one message per question that is wrong or missing."""
    rows: list[Answer] = []
    errors: dict[str, str] = {}
    for question in questions:
        value = answers.get(question.pk)
        if question.kind == Question.Kind.TEXT and isinstance(value, str):
            value = clean_text(value)
        if _missing(value):
            if question.required:
                errors[field_name(question)] = _("Bitte beantworten Sie die Pflichtfrage „%(q)s“.") % {
                    "q": question.text
                }
            continue
        found = _answers_for(question, value)
        if found is None:
            errors[field_name(question)] = _("Diese Antwort ist bei der Frage „%(q)s“ nicht möglich.") % {
                "q": question.text
            }
        else:
            rows.extend(found)
    if errors:
        raise ValidationError(errors)
    return rows


def _already_answered() -> ValidationError:
    return ValidationError(
        _("Sie haben an dieser Umfrage bereits teilgenommen. Jede Person kann nur einmal antworten."),
        code=ALREADY_ANSWERED,
    )


@transaction.atomic
def answer_survey(
    *,
    by: Actor,
    survey: Survey,
    participant: Participant | None,
    answers: Mapping[int, Any],
    address: str | None = None,
) -> SurveyResponse:
    """Record one participant's answers; ``answers`` maps question id → choice id, choice ids, number or text.

    The answers are checked before the rate limit counts the submission, so a
    person who forgot a required question does not use up their attempts.
    """
    process = survey.process
    respondent = require_action(user=by, process=process, action=Action.ANSWER_SURVEY, participant=participant)
    Survey.objects.select_for_update().get(pk=survey.pk)
    if SurveyResponse.objects.filter(survey=survey, participant=respondent).exists():
        raise _already_answered()
    questions = list(survey.questions.prefetch_related("choices"))
    if not questions:
        raise ValidationError(_("Die Umfrage hat noch keine Fragen."))
    rows = _check_answers(questions, answers)
    throttle(process=process, kind="survey", participant=respondent, address=address)
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(district=survey.district, survey=survey, participant=respondent)
    except IntegrityError:
        raise _already_answered() from None
    for row in rows:
        row.district = survey.district
        row.response = response
    Answer.objects.bulk_create(rows)
    return response
