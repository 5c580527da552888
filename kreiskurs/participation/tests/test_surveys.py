"""Surveys through services and HTTP: answering in the survey phase only, once, with required questions;
results counted by hand; the CSV export; building surveys in the back office."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kreiskurs.accounts.models import Role
from kreiskurs.audit.models import AuditEntry
from kreiskurs.participation.models import Answer, Phase, PhaseKind, Process, Question, Survey, SurveyResponse
from kreiskurs.participation.selectors import surveys as survey_reads
from kreiskurs.participation.services import surveys as services
from kreiskurs.participation.services.base import NotAllowedNow
from tests import factories

pytestmark = pytest.mark.django_db


def build_survey(process: Process, by: Any = None) -> Survey:
    """Four questions: single choice (required), multiple choice, scale 1–5 (required), free text."""
    survey = services.create_survey(by=by, process=process, title="Digitale Dienste", intro="Kurz und anonym.")
    services.save_question(
        by=by,
        survey=survey,
        kind="single",
        text="Wie informieren Sie sich?",
        required=True,
        choices=["Web", "Amt", "Zeitung"],
    )
    services.save_question(
        by=by, survey=survey, kind="multiple", text="Was nutzen Sie?", choices=["Portal", "App", "-Formular"]
    )
    services.save_question(
        by=by,
        survey=survey,
        kind="scale",
        text="Wie zufrieden sind Sie?",
        required=True,
        scale_min=1,
        scale_max=5,
        scale_min_label="gar nicht",
        scale_max_label="sehr",
    )
    services.save_question(by=by, survey=survey, kind="text", text="Was fehlt Ihnen?")
    return survey


def questions(survey: Survey) -> dict[str, Question]:
    return {q.kind: q for q in survey.questions.all()}


def choice(question: Question, text: str) -> int:
    return question.choices.get(text=text).pk


def answers(survey: Survey, single: str, multiple: list[str], scale: int | None, text: str = "") -> dict[int, Any]:
    q = questions(survey)
    return {
        q["single"].pk: choice(q["single"], single),
        q["multiple"].pk: [choice(q["multiple"], m) for m in multiple],
        q["scale"].pk: scale,
        q["text"].pk: text,
    }


def respondent(process: Process, name: str = "Anna", group: Any = None) -> tuple[Any, Any]:
    user = factories.UserFactory()
    participant = factories.participant(process.district, user, name=name)
    if group is not None:
        participant.actor_group = group
        participant.save()
    return user, participant


def answer(survey: Survey, name: str, values: dict[int, Any]) -> SurveyResponse:
    user, participant = respondent(survey.process, name)
    return services.answer_survey(by=user, survey=survey, participant=participant, answers=values)


def end_phases(process: Process) -> None:
    """Move the process into the past: the survey phase has ended."""
    Phase.objects.filter(process=process).update(
        start=timezone.now() - dt.timedelta(days=10), end=timezone.now() - dt.timedelta(days=1)
    )


def url(survey: Survey, suffix: str = "") -> str:
    return f"/{survey.district.slug}/beteiligung/{survey.process_id}/umfragen/{survey.pk}/{suffix}"


# --- answering -----------------------------------------------------------------------------------


def test_a_participant_answers_once_in_the_survey_phase() -> None:
    survey = build_survey(factories.running_process(kind="survey"))
    user, anna = respondent(survey.process)
    response = services.answer_survey(
        by=user,
        survey=survey,
        participant=anna,
        answers=answers(survey, "Amt", ["Portal", "App"], 4, "  Mehr\r\nWLAN "),
    )
    q = questions(survey)
    stored = {(a.question_id, a.choice_id, a.value, a.text) for a in response.answers.all()}
    assert stored == {
        (q["single"].pk, choice(q["single"], "Amt"), None, ""),
        (q["multiple"].pk, choice(q["multiple"], "Portal"), None, ""),
        (q["multiple"].pk, choice(q["multiple"], "App"), None, ""),
        (q["scale"].pk, None, 4, ""),
        (q["text"].pk, None, None, "Mehr\nWLAN"),
    }
    with pytest.raises(ValidationError, match="bereits teilgenommen") as refused:
        services.answer_survey(by=user, survey=survey, participant=anna, answers=answers(survey, "Web", [], 1))
    assert refused.value.code == services.ALREADY_ANSWERED
    assert SurveyResponse.objects.count() == 1 and Answer.objects.count() == 5


def test_the_database_keeps_one_response_per_participant() -> None:
    survey = build_survey(factories.running_process(kind="survey"))
    _user, anna = respondent(survey.process)
    SurveyResponse.objects.create(district=survey.district, survey=survey, participant=anna)
    with pytest.raises(IntegrityError):
        SurveyResponse.objects.create(district=survey.district, survey=survey, participant=anna)


@pytest.mark.parametrize("kind", [k for k in PhaseKind.values if k != PhaseKind.SURVEY])
def test_no_answers_outside_the_survey_phase(kind: str) -> None:
    survey = build_survey(factories.running_process(kind=kind))
    user, anna = respondent(survey.process)
    with pytest.raises(NotAllowedNow):
        services.answer_survey(by=user, survey=survey, participant=anna, answers=answers(survey, "Web", [], 3))
    assert not SurveyResponse.objects.exists()


def test_no_answers_after_the_phase_ended_or_in_an_unpublished_process_or_without_taking_part() -> None:
    process = factories.running_process(kind="survey")
    survey = build_survey(process)
    user, anna = respondent(process)
    end_phases(process)
    with pytest.raises(NotAllowedNow):
        services.answer_survey(by=user, survey=survey, participant=anna, answers=answers(survey, "Web", [], 3))
    hidden = build_survey(factories.running_process(process.district, kind="survey", published=False))
    with pytest.raises(NotAllowedNow):
        services.answer_survey(by=user, survey=hidden, participant=anna, answers=answers(hidden, "Web", [], 3))
    open_survey = build_survey(factories.running_process(process.district, kind="survey"))
    with pytest.raises(NotAllowedNow, match="teil"):
        services.answer_survey(
            by=user, survey=open_survey, participant=None, answers=answers(open_survey, "Web", [], 3)
        )
    assert not SurveyResponse.objects.exists()


def test_required_questions_are_named_one_by_one_and_nothing_is_stored() -> None:
    survey = build_survey(factories.running_process(kind="survey"))
    user, anna = respondent(survey.process)
    q = questions(survey)
    with pytest.raises(ValidationError) as refused:
        services.answer_survey(
            by=user, survey=survey, participant=anna, answers={q["multiple"].pk: [], q["text"].pk: "   "}
        )
    errors = refused.value.message_dict
    assert set(errors) == {f"q{q['single'].pk}", f"q{q['scale'].pk}"}
    assert errors[f"q{q['single'].pk}"] == ["Bitte beantworten Sie die Pflichtfrage „Wie informieren Sie sich?“."]
    assert errors[f"q{q['scale'].pk}"] == ["Bitte beantworten Sie die Pflichtfrage „Wie zufrieden sind Sie?“."]
    assert not SurveyResponse.objects.exists()
    # a forgotten question does not use up the rate limit: six tries, then a valid answer still goes through
    for _n in range(6):
        with pytest.raises(ValidationError):
            services.answer_survey(by=user, survey=survey, participant=anna, answers={})
    services.answer_survey(by=user, survey=survey, participant=anna, answers=answers(survey, "Web", [], 2))


def test_answers_that_are_not_offered_are_refused() -> None:
    survey = build_survey(factories.running_process(kind="survey"))
    other = build_survey(factories.running_process(survey.district, kind="survey"))
    user, anna = respondent(survey.process)
    q = questions(survey)
    foreign_choice = questions(other)["single"].choices.first().pk  # type: ignore[union-attr]
    for values in (
        {**answers(survey, "Web", [], 3), q["single"].pk: foreign_choice},
        {**answers(survey, "Web", [], 3), q["scale"].pk: 6},
        {**answers(survey, "Web", [], 3), q["multiple"].pk: [foreign_choice]},
        {**answers(survey, "Web", [], 3), q["text"].pk: "x" * (services.MAX_TEXT_ANSWER + 1)},
    ):
        with pytest.raises(ValidationError, match="nicht möglich"):
            services.answer_survey(by=user, survey=survey, participant=anna, answers=values)
    assert not SurveyResponse.objects.exists()


# --- building ------------------------------------------------------------------------------------


def test_staff_build_surveys_with_checked_questions_audited_and_frozen_once_answered() -> None:
    process = factories.running_process(kind="survey")
    cdo = factories.member(process.district, Role.STRATEGY_TEAM)
    survey = build_survey(process, by=cdo)
    assert [q.kind for q in survey.questions.all()] == ["single", "multiple", "scale", "text"]
    assert list(questions(survey)["single"].choices.values_list("text", flat=True)) == ["Web", "Amt", "Zeitung"]
    with pytest.raises(ValidationError, match="mindestens zwei"):
        services.save_question(by=cdo, survey=survey, kind="single", text="Ja?", choices=["Ja", " "])
    with pytest.raises(ValidationError, match="nur einmal"):
        services.save_question(by=cdo, survey=survey, kind="multiple", text="Ja?", choices=["Ja", "Ja"])
    with pytest.raises(ValidationError, match="höchstens 11"):
        services.save_question(by=cdo, survey=survey, kind="scale", text="Wie?", scale_min=0, scale_max=11)
    with pytest.raises(ValidationError, match="größer"):
        services.save_question(by=cdo, survey=survey, kind="scale", text="Wie?", scale_min=3, scale_max=3)
    entries = AuditEntry.objects.for_object(survey)
    assert entries.count() == 5 and all(e.actor == cdo for e in entries)  # created + four questions
    answer(survey, "Anna", answers(survey, "Web", [], 3))
    with pytest.raises(ValidationError, match="nicht mehr geändert"):
        services.save_question(by=cdo, survey=survey, kind="text", text="Noch eine?")
    with pytest.raises(ValidationError, match="nicht mehr geändert"):
        services.delete_question(by=cdo, question=questions(survey)["text"])
    with pytest.raises(ValidationError, match="nicht gelöscht"):
        services.delete_survey(by=cdo, survey=survey)
    assert services.update_survey(by=cdo, survey=survey, title="Dienste 2026", intro="").title == "Dienste 2026"


def test_back_office_pages_build_a_survey_and_are_staff_only() -> None:
    process = factories.running_process(kind="survey")
    slug = process.district.slug
    base = f"/{slug}/verwaltung/beteiligung/{process.pk}/umfragen/"
    citizen = Client()
    citizen.force_login(respondent(process)[0])
    assert citizen.get(base).status_code == 404
    staff = Client()
    staff.force_login(factories.member(process.district, Role.STRATEGY_TEAM))
    assert staff.get(base).status_code == 200
    created = staff.post(base, {"title": "Mobilität", "intro": ""})
    survey = Survey.objects.get(title="Mobilität")
    assert created.status_code == 302 and created["Location"] == f"{base}{survey.pk}/"
    refused = staff.post(
        f"{base}{survey.pk}/fragen/neu/",
        {"kind": "single", "text": "Auto?", "choices": "Ja", "scale_min": 1, "scale_max": 5},
    )
    assert refused.status_code == 200 and "mindestens zwei" in refused.content.decode()
    added = staff.post(
        f"{base}{survey.pk}/fragen/neu/",
        {
            "kind": "single",
            "text": "Auto?",
            "choices": "Ja\r\nNein\r\n",
            "required": "on",
            "scale_min": 1,
            "scale_max": 5,
        },
    )
    assert added.status_code == 302
    question = survey.questions.get()
    assert question.required and list(question.choices.values_list("text", flat=True)) == ["Ja", "Nein"]
    page = staff.get(f"{base}{survey.pk}/").content.decode()
    assert "Auto?" in page and "Ja · Nein" in page
    assert staff.post(f"{base}{survey.pk}/fragen/{question.pk}/loeschen/").status_code == 302
    assert not survey.questions.exists()
    other = factories.running_process(kind="survey")
    assert staff.get(f"/{other.district.slug}/verwaltung/beteiligung/{other.pk}/umfragen/").status_code == 404
    assert staff.get(f"/{slug}/verwaltung/beteiligung/{other.pk}/umfragen/").status_code == 404


# --- HTTP answering --------------------------------------------------------------------------------


def test_answering_through_the_page_with_messages_per_question_and_once_only() -> None:
    survey = build_survey(factories.running_process(kind="survey"))
    q = questions(survey)
    user, _anna = respondent(survey.process)
    client = Client()
    client.force_login(user)
    page = client.get(url(survey))
    assert page.status_code == 200 and "Antworten absenden" in page.content.decode()
    missing = client.post(
        url(survey), factories.human_form_data(**{f"q{q['multiple'].pk}": [choice(q["multiple"], "App")]})
    )
    body = missing.content.decode()
    assert missing.status_code == 200
    assert "Bitte beantworten Sie die Pflichtfrage „Wie informieren Sie sich?“." in body
    assert "Bitte beantworten Sie die Pflichtfrage „Wie zufrieden sind Sie?“." in body
    data = {f"q{q['single'].pk}": choice(q["single"], "Web"), f"q{q['scale'].pk}": "5", f"q{q['text'].pk}": "Ja"}
    done = client.post(url(survey), factories.human_form_data(**data), follow=True)
    assert "Vielen Dank! Ihre Antworten sind gespeichert." in done.content.decode()
    assert "Sie haben an dieser Umfrage teilgenommen" in done.content.decode()
    again = client.post(url(survey), factories.human_form_data(**data), follow=True)
    assert "bereits teilgenommen" in again.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_the_survey_page_invites_to_take_part_or_says_it_is_closed() -> None:
    process = factories.running_process(kind="survey")
    survey = build_survey(process)
    body = Client().get(url(survey)).content.decode()
    assert "teilnehmen" in body and f"/beteiligung/{process.pk}/teilnehmen/?next=" in body
    end_phases(process)
    body = Client().get(url(survey)).content.decode()
    assert "nicht geöffnet" in body and "Wie informieren Sie sich?" in body
    other = factories.DistrictFactory()
    assert Client().get(f"/{other.slug}/beteiligung/{process.pk}/umfragen/{survey.pk}/").status_code == 404
    second = factories.running_process(process.district, kind="survey")
    assert Client().get(f"/{process.district.slug}/beteiligung/{second.pk}/umfragen/{survey.pk}/").status_code == 404
    hidden = build_survey(factories.running_process(process.district, kind="survey", published=False))
    assert Client().get(url(hidden)).status_code == 404


# --- results -------------------------------------------------------------------------------------


def three_answers(survey: Survey) -> None:
    answer(survey, "A", answers(survey, "Web", ["Portal", "App"], 1, "Glasfaser <script>alert(1)</script>"))
    answer(survey, "B", answers(survey, "Web", ["Portal"], 4))
    answer(survey, "C", answers(survey, "Amt", [], 5, '=HYPERLINK("http://x")'))


def test_results_count_by_hand() -> None:
    survey = build_survey(factories.running_process(kind="survey"))
    three_answers(survey)
    results = survey_reads.survey_results(survey, with_texts=True)
    assert results.responses == 3
    single, multiple, scale, text = results.questions
    assert [(r.label, r.count, r.percent) for r in single.rows] == [
        ("Web", 2, 66.7),
        ("Amt", 1, 33.3),
        ("Zeitung", 0, 0),
    ]
    assert multiple.answered == 2  # C chose nothing
    assert [(r.label, r.count, r.percent) for r in multiple.rows] == [
        ("Portal", 2, 100),
        ("App", 1, 50),
        ("-Formular", 0, 0),
    ]
    assert [(r.label, r.count) for r in scale.rows] == [
        ("1 – gar nicht", 1),
        ("2", 0),
        ("3", 0),
        ("4", 1),
        ("5 – sehr", 1),
    ]
    assert scale.mean == pytest.approx(3.33)
    assert text.texts == ["Glasfaser <script>alert(1)</script>", '=HYPERLINK("http://x")']
    assert survey_reads.survey_results(survey, with_texts=False).questions[3].texts == []


def test_results_are_public_after_the_survey_phase_members_see_them_before_and_free_texts() -> None:
    process = factories.running_process(kind="survey")
    survey = build_survey(process)
    three_answers(survey)
    anonymous = Client().get(url(survey, "ergebnisse/")).content.decode()
    assert "veröffentlicht, sobald die Umfrage beendet ist" in anonymous and "66,7" not in anonymous
    staff = Client()
    staff.force_login(factories.member(process.district, Role.STEERING))
    early = staff.get(url(survey, "ergebnisse/")).content.decode()
    assert "Vorschau" in early and "66,7" in early
    assert "Glasfaser &lt;script&gt;alert(1)&lt;/script&gt;" in early and "<script>alert(1)" not in early
    assert "als CSV" not in early  # the steering circle reads, the strategy team exports
    end_phases(process)
    public = Client().get(url(survey, "ergebnisse/")).content.decode()
    assert "3 Personen haben geantwortet." in public and "66,7" in public and "3,33" in public
    assert "<svg" in public and "Wie informieren Sie sich?: Antworten als Tabelle" in public
    assert "Glasfaser" not in public and "nicht einzeln veröffentlicht" in public


def test_results_page_queries_do_not_grow_with_responses() -> None:
    def count(responses: int) -> int:
        process = factories.running_process(kind="survey")
        survey = build_survey(process)
        for n in range(responses):
            answer(survey, f"P{n}", answers(survey, "Web", ["App"], 1 + n % 5, f"Text {n}"))
        client = Client()
        client.force_login(factories.member(process.district, Role.STRATEGY_TEAM))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(survey, "ergebnisse/")).status_code == 200
        return len(ctx.captured_queries)

    assert count(2) == count(12)


def test_csv_export_one_row_per_response_protected_against_formulas_and_staff_only() -> None:
    process = factories.running_process(kind="survey")
    survey = build_survey(process)
    three_answers(survey)
    staff = Client()
    staff.force_login(factories.member(process.district, Role.STRATEGY_TEAM))
    response = staff.get(url(survey, "antworten.csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Nr." and rows[0][2:] == [
        "Wie informieren Sie sich?",
        "Was nutzen Sie?",
        "Wie zufrieden sind Sie?",
        "Was fehlt Ihnen?",
    ]
    assert [row[2:] for row in rows[1:]] == [
        ["Web", "Portal | App", "1", "Glasfaser <script>alert(1)</script>"],
        ["Web", "Portal", "4", ""],
        ["Amt", "", "5", '\'=HYPERLINK("http://x")'],
    ]
    assert [row[0] for row in rows[1:]] == ["1", "2", "3"]
    assert rows[1][1].count(".") == 2  # dd.mm.yyyy hh:mm
    # a chosen option that starts like a formula is defused as well
    answer(survey, "D", answers(survey, "Zeitung", ["-Formular"], 2))
    last = list(
        csv.reader(io.StringIO(staff.get(url(survey, "antworten.csv")).content.decode("utf-8-sig")), delimiter=";")
    )[-1]
    assert last[3] == "'-Formular"
    steering = Client()
    steering.force_login(factories.member(process.district, Role.STEERING))
    assert steering.get(url(survey, "antworten.csv")).status_code == 404
    citizen = Client()
    citizen.force_login(respondent(process, "E")[0])
    assert citizen.get(url(survey, "antworten.csv")).status_code == 404
    assert Client().get(url(survey, "antworten.csv")).status_code == 302  # to the login page
    elsewhere = Client()
    elsewhere.force_login(factories.member(factories.DistrictFactory(), Role.STRATEGY_TEAM))
    assert elsewhere.get(url(survey, "antworten.csv")).status_code == 404
