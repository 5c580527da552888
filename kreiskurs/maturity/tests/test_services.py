"""Writes of the maturity app: versions freeze, drafts and submissions, reopening, audit, measures from gaps."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kreiskurs.audit.models import AuditEntry
from kreiskurs.core.editing import EditConflict
from kreiskurs.maturity import selectors, services
from kreiskurs.maturity.models import Answer, Assessment, AssessmentRound, Dimension, FieldLink, GapMeasure, Question
from kreiskurs.strategy import services as strategy_services
from kreiskurs.strategy.models import Measure
from tests import factories

from .helpers import assess, levels, open_round, small_model, uniform

pytestmark = pytest.mark.django_db


# --- versions ----------------------------------------------------------------------------------


def test_opening_a_round_freezes_the_model_version_and_edits_are_refused() -> None:
    model = small_model(factories.DistrictFactory())
    dimension = model.dimensions.get(code="a")
    services.save_dimension(by=None, model=model, dimension=dimension, values={"weight": 3}, expected_revision=None)
    open_round(model)
    model.refresh_from_db()
    assert model.is_frozen
    assert AuditEntry.objects.for_object(model).filter(action="state").exists()
    with pytest.raises(services.ModelFrozen, match="eingefroren"):
        services.save_dimension(by=None, model=model, dimension=dimension, values={"weight": 1}, expected_revision=None)
    question = Question.objects.get(dimension=dimension, code="a1")
    with pytest.raises(services.ModelFrozen):
        services.save_question(
            by=None, dimension=dimension, question=question, values={"text": "Neu?"}, expected_revision=None
        )
    with pytest.raises(services.ModelFrozen):
        services.delete_question(by=None, question=question)
    with pytest.raises(services.ModelFrozen):
        services.delete_dimension(by=None, dimension=dimension)
    with pytest.raises(services.ModelFrozen):
        services.update_model(by=None, model=model, values={"title": "Anders"}, expected_revision=None)
    assert Dimension.objects.get(pk=dimension.pk).weight == 3


def test_a_change_makes_a_new_version_and_old_assessments_stay_readable() -> None:
    district = factories.DistrictFactory()
    place = factories.MunicipalityFactory(district=district)
    v1 = small_model(district)
    first = open_round(v1)
    assess(first, place, {"a1": 4, "a2": 1, "b1": 2})
    services.close_round(by=None, round=first)

    v2 = services.start_model_version(by=None, model=v1)
    assert (v2.version, v2.based_on, v2.is_frozen) == (2, v1, False)
    with pytest.raises(ValidationError, match="neueste"):
        services.start_model_version(by=None, model=v1)
    assert [d.code for d in v2.dimensions.all()] == ["a", "b"]
    # change v2: reword a1, weight b differently, add a question
    a = v2.dimensions.get(code="a")
    a1 = a.questions.get(code="a1")
    services.save_question(by=None, dimension=a, question=a1, values={"text": "Ganz neu?"}, expected_revision=1)
    b = v2.dimensions.get(code="b")
    services.save_dimension(by=None, model=v2, dimension=b, values={"weight": 5}, expected_revision=None)
    services.save_question(
        by=None,
        dimension=b,
        question=Question(),
        values={"code": "b2", "text": "Neu?", **{f"level_{n}": f"Stufe {n}" for n in range(5)}},
        expected_revision=None,
    )
    second = open_round(v2, title="Runde 2025")
    assess(second, place, {"a1": 0, "a2": 0, "b1": 4, "b2": 4})

    # the old round still answers with version 1: its questions, texts, weights and scores
    old = Assessment.objects.get(round=first)
    assert old.round.model == v1
    assert Question.objects.get(dimension__model=v1, code="a1").text == "Frage a1?"
    assert Dimension.objects.get(model=v1, code="b").weight == 1
    assert old.dimension_scores == {"a": 3.0, "b": 2.0}  # a: (2·4 + 1) / 3
    history = selectors.municipality_profile(place)
    # 2024: (2·3 + 1·2) / 3 with the old weights; 2025: (2·0 + 5·4) / 7 with the new ones
    assert [(r.title, overall) for r, overall, _ in history] == [
        ("Runde 2024", pytest.approx(8 / 3)),
        ("Runde 2025", pytest.approx(20 / 7)),
    ]
    assert {d.code: s for d, s in history[0][2].items()} == {"a": 3.0, "b": 2.0}
    assert {d.model_id for d in history[0][2]} == {v1.pk}


def test_only_a_frozen_latest_version_can_be_forked() -> None:
    model = small_model(factories.DistrictFactory())
    with pytest.raises(ValidationError, match="direkt bearbeiten"):
        services.start_model_version(by=None, model=model)


def test_a_round_needs_questions_and_only_one_round_is_open() -> None:
    district = factories.DistrictFactory()
    model = small_model(district)
    empty = services.save_dimension(
        by=None, model=model, dimension=Dimension(), values={"code": "c", "title": "Leer"}, expected_revision=None
    )
    with pytest.raises(ValidationError, match="mindestens eine Frage"):
        open_round(model)
    services.delete_dimension(by=None, dimension=empty)
    first = open_round(model)
    with pytest.raises(ValidationError, match="noch offen"):
        open_round(model, title="Zweite")
    services.close_round(by=None, round=first)
    with pytest.raises(ValidationError, match="schon abgeschlossen"):
        services.close_round(by=None, round=first)
    second = open_round(model, title="Zweite")
    with pytest.raises(ValidationError, match="andere Runde offen"):
        services.reopen_round(by=None, round=first)
    services.close_round(by=None, round=second)
    assert services.reopen_round(by=None, round=first).is_open


def test_dimension_codes_are_unique_within_a_version() -> None:
    model = small_model(factories.DistrictFactory())
    with pytest.raises(ValidationError, match="Kürzel"):
        services.save_dimension(
            by=None,
            model=model,
            dimension=Dimension(),
            values={"code": "a", "title": "Doppelt"},
            expected_revision=None,
        )


# --- self-assessments --------------------------------------------------------------------------


def test_a_draft_may_be_incomplete_and_is_scored_as_far_as_answered() -> None:
    district = factories.DistrictFactory()
    place = factories.MunicipalityFactory(district=district)
    evaluation = open_round(small_model(district))
    draft = assess(evaluation, place, {"a1": 3}, submit=False)
    assert (draft.state, draft.answered, draft.dimension_scores, draft.overall) == (
        "draft",
        1,
        {"a": 3.0, "b": None},
        3.0,
    )
    entry = AuditEntry.objects.for_object(draft).get()
    assert (entry.action, entry.changes) == ("create", {"a1": [None, "3"]})


def test_submitting_needs_every_question_answered_does_not_apply_counts() -> None:
    district = factories.DistrictFactory()
    place = factories.MunicipalityFactory(district=district)
    evaluation = open_round(small_model(district))
    draft = assess(evaluation, place, {"a1": 3, "b1": None}, submit=False)
    with pytest.raises(ValidationError, match="Offen: a2"):
        services.submit_assessment(by=None, assessment=draft)
    updated = services.save_assessment(
        by=None, round=evaluation, municipality=place, levels=levels(evaluation, {"a1": 3, "a2": 1, "b1": None})
    )
    submitted = services.submit_assessment(by=None, assessment=updated, expected_revision=updated.revision)
    assert submitted.state == "submitted" and submitted.submitted_at is not None
    # a: (2·3 + 1) / 3 = 7/3; b does not apply → overall = a
    assert submitted.dimension_scores == {"a": pytest.approx(7 / 3), "b": None}
    assert submitted.overall == pytest.approx(7 / 3)
    changes = [e.changes for e in AuditEntry.objects.for_object(submitted).order_by("id")]
    assert changes[-1] == {"state": ["Entwurf", "abgegeben"]}
    assert changes[1] == {"a2": [None, "1"]}


def test_a_submitted_assessment_is_frozen_until_the_team_reopens_it() -> None:
    district = factories.DistrictFactory()
    place = factories.MunicipalityFactory(district=district)
    evaluation = open_round(small_model(district))
    submitted = assess(evaluation, place, uniform(2))
    with pytest.raises(ValidationError, match="abgegeben"):
        assess(evaluation, place, uniform(4), submit=False)
    with pytest.raises(ValidationError, match="schon abgegeben"):
        services.submit_assessment(by=None, assessment=submitted)
    reopened = services.reopen_assessment(by=None, assessment=submitted, reason="V1 bitte prüfen")
    assert reopened.state == "draft" and reopened.submitted_at is None
    assert AuditEntry.objects.for_object(reopened).filter(changes__Begründung=[None, "V1 bitte prüfen"]).exists()
    changed = assess(evaluation, place, uniform(4))
    assert changed.overall == 4.0 and changed.state == "submitted"
    with pytest.raises(ValidationError, match="nicht abgegeben"):
        services.reopen_assessment(by=None, assessment=assess_draft(evaluation))


def assess_draft(evaluation: AssessmentRound) -> Assessment:
    other = factories.MunicipalityFactory(district=evaluation.district)
    return assess(evaluation, other, {"a1": 1}, submit=False)


def test_a_closed_round_takes_no_answers_and_no_reopening() -> None:
    district = factories.DistrictFactory()
    place = factories.MunicipalityFactory(district=district)
    evaluation = open_round(small_model(district))
    submitted = assess(evaluation, place, uniform(1))
    draft = assess_draft(evaluation)
    services.close_round(by=None, round=evaluation)
    with pytest.raises(ValidationError, match="abgeschlossen"):
        assess(evaluation, place, uniform(3), submit=False)
    with pytest.raises(ValidationError, match="abgeschlossen"):
        services.submit_assessment(by=None, assessment=draft)
    with pytest.raises(ValidationError, match="abgeschlossen"):
        services.reopen_assessment(by=None, assessment=submitted)


def test_answers_are_replaced_as_a_whole_and_refuse_lost_updates() -> None:
    district = factories.DistrictFactory()
    place = factories.MunicipalityFactory(district=district)
    evaluation = open_round(small_model(district))
    draft = assess(evaluation, place, {"a1": 1, "a2": 2}, submit=False)
    seen = draft.revision
    services.save_assessment(
        by=None, round=evaluation, municipality=place, levels=levels(evaluation, {"a1": 2}), expected_revision=seen
    )
    assert dict(Answer.objects.filter(assessment=draft).values_list("question__code", "level")) == {"a1": 2}
    with pytest.raises(EditConflict):
        services.save_assessment(
            by=None, round=evaluation, municipality=place, levels=levels(evaluation, {"a1": 0}), expected_revision=seen
        )


def test_answers_to_foreign_questions_bad_levels_and_foreign_municipalities_are_refused() -> None:
    district = factories.DistrictFactory()
    place = factories.MunicipalityFactory(district=district)
    evaluation = open_round(small_model(district))
    other_model = small_model(factories.DistrictFactory())
    foreign = Question.objects.filter(dimension__model=other_model).first()
    assert foreign is not None
    with pytest.raises(ValidationError, match="anderen Modellversion"):
        services.save_assessment(by=None, round=evaluation, municipality=place, levels={foreign.pk: 2})
    with pytest.raises(ValidationError, match="keine Stufe"):
        services.save_assessment(by=None, round=evaluation, municipality=place, levels=levels(evaluation, {"a1": 5}))
    stranger = factories.MunicipalityFactory()
    with pytest.raises(ValidationError, match="nicht zu diesem Kreis"):
        services.save_assessment(by=None, round=evaluation, municipality=stranger, levels={})
    assert not Assessment.objects.exists()


# --- links and measures from gaps --------------------------------------------------------------


def test_field_links_are_replaced_audited_and_checked_against_the_strategy() -> None:
    version = factories.strategy_with_draft()
    district = version.district
    hf1 = factories.add_field(version, "HF1", title="Verwaltung digital")
    hf2 = factories.add_field(version, "HF2", title="Pflege")
    small_model(district)
    assert selectors.linkable_fields(district) == [hf1, hf2]
    services.set_field_links(by=None, district=district, dimension_code="b", field_lineages=[hf2.lineage])
    linked = FieldLink.objects.filter(district=district, dimension_code="b")
    assert set(linked.values_list("field_lineage", flat=True)) == {hf2.lineage}
    assert AuditEntry.objects.filter(changes__has_key="Handlungsfelder b").exists()
    other = factories.strategy_with_draft()
    foreign = factories.add_field(other, "HF9")
    with pytest.raises(ValidationError, match="nicht zur Strategie"):
        services.set_field_links(by=None, district=district, dimension_code="b", field_lineages=[foreign.lineage])
    with pytest.raises(ValidationError, match="Dimension"):
        services.set_field_links(by=None, district=district, dimension_code="zz", field_lineages=[])


def test_a_measure_from_a_gap_lands_in_the_draft_in_the_linked_fields() -> None:
    adopted = factories.adopted_strategy(measures=1)
    district = adopted.district
    model = small_model(district)  # no keyword matches the field "Feld HF1": no default links
    field = Measure.objects.get(version=adopted).fields_of_action.get()
    services.set_field_links(by=None, district=district, dimension_code="b", field_lineages=[field.lineage])
    evaluation = open_round(model)
    with pytest.raises(ValidationError, match="keinen offenen Entwurf"):
        services.create_measure_from_gap(
            by=None, round=evaluation, dimension_code="b", title="Telemedizin", summary="Räume einrichten"
        )
    draft = strategy_services.start_revision(by=None, strategy=adopted.strategy)
    measure = services.create_measure_from_gap(
        by=None, round=evaluation, dimension_code="b", title="Telemedizin", summary="Räume einrichten"
    )
    second = services.create_measure_from_gap(
        by=None, round=evaluation, dimension_code="a", title="Zweite", summary="Text"
    )
    assert (measure.version, measure.code, measure.origin) == (draft, "R1", "evaluation")
    assert "Gesundheit B" in measure.origin_note and "Runde 2024" in measure.origin_note
    assert [f.lineage for f in measure.fields_of_action.all()] == [field.lineage]
    assert second.code == "R2" and not second.fields_of_action.exists()
    trail = GapMeasure.objects.get(measure_lineage=measure.lineage)
    assert (trail.round, trail.dimension_code, trail.version) == (evaluation, "b", draft)
    assert AuditEntry.objects.for_object(trail).exists()
    with pytest.raises(ValidationError, match="gehört nicht zur Runde"):
        services.create_measure_from_gap(by=None, round=evaluation, dimension_code="zz", title="x", summary="y")
    with pytest.raises(ValidationError):
        services.create_measure_from_gap(by=None, round=evaluation, dimension_code="a", title="", summary="")
    assert Measure.objects.filter(version=draft, code__startswith="R").count() == 2
