"""The shipped default model: complete, answerable, linked to matching fields of action."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from kreiskurs.maturity.default_model import DIMENSIONS, DimensionData, matching_titles
from kreiskurs.maturity.models import Dimension, FieldLink, MaturityModel, Question
from kreiskurs.maturity.services import install_default_model
from kreiskurs.strategy.models import FieldOfAction
from tests import factories

DEMO_FIELDS = {
    "HF1": "Verwaltung und Online-Dienste",
    "HF2": "Infrastruktur und Konnektivität",
    "HF3": "Bildung und Kompetenzen",
    "HF4": "Gesundheit, Pflege und Soziales",
    "HF5": "Mobilität, Klima und Umwelt",
    "HF6": "Wirtschaft, Tourismus und Teilhabe",
}
EXPECTED = {
    "verwaltung": ["HF1"],
    "infrastruktur": ["HF2"],
    "bildung": ["HF3"],
    "gesundheit": ["HF4"],
    "mobilitaet": ["HF5"],
    "wirtschaft": ["HF6"],
    "beteiligung": ["HF6"],
    "daten": ["HF1"],
    "wandel": ["HF1"],
}


def test_nine_dimensions_with_three_to_five_questions_and_five_levels_each() -> None:
    assert [d.code for d in DIMENSIONS] == list(EXPECTED)
    codes = [q.code for d in DIMENSIONS for q in d.questions]
    assert len(codes) == len(set(codes))
    for d in DIMENSIONS:
        assert 3 <= len(d.questions) <= 5, d.code
        assert d.title and d.description and d.keywords
        for q in d.questions:
            assert q.text.endswith("?"), q.code
            assert len(q.levels) == 5 and all(text.strip() for text in q.levels), q.code
            assert len(set(q.levels)) == 5, q.code
            assert 1 <= q.weight <= 10


def test_keywords_match_the_demo_fields_of_action() -> None:
    assert {d.code: matching_titles(d, DEMO_FIELDS) for d in DIMENSIONS} == EXPECTED


def test_matching_ignores_case_and_finds_nothing_unrelated() -> None:
    dimension = DimensionData("x", "X", "", ("Mobilität",), ())
    assert matching_titles(dimension, {"1": "MOBILITÄT und Verkehr", "2": "Kultur"}) == ["1"]


@pytest.mark.django_db
def test_installing_creates_version_1_and_links_dimensions_to_matching_fields() -> None:
    version = factories.strategy_with_draft()
    district = version.district
    fields = {code: factories.add_field(version, code, title=title) for code, title in DEMO_FIELDS.items()}
    model = install_default_model(by=None, district=district)
    assert (model.version, model.is_frozen) == (1, False)
    assert Dimension.objects.filter(model=model).count() == 9
    assert Question.objects.filter(dimension__model=model).count() == sum(len(d.questions) for d in DIMENSIONS)
    question = Question.objects.get(dimension__model=model, code="V1")
    assert question.levels[0].startswith("Keine Leistung") and question.weight == 2
    links: dict[str, list[str]] = {}
    lineage_to_code = {f.lineage: code for code, f in fields.items()}
    for link in FieldLink.objects.filter(district=district).order_by("dimension_code"):
        links.setdefault(link.dimension_code, []).append(lineage_to_code[link.field_lineage])
    assert links == EXPECTED


@pytest.mark.django_db
def test_installing_twice_is_refused_and_changes_nothing() -> None:
    district = factories.DistrictFactory()
    install_default_model(by=None, district=district)
    with pytest.raises(Exception, match="schon ein Reifegradmodell"):
        install_default_model(by=None, district=district)
    assert MaturityModel.objects.filter(district=district).count() == 1


@pytest.mark.django_db
def test_the_command_installs_for_a_district_by_key_or_slug(capsys: Any) -> None:
    district = factories.DistrictFactory()
    call_command("install_maturity_model", district.slug)
    assert "9 Dimensionen" in capsys.readouterr().out
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="schon ein Reifegradmodell"):
        call_command("install_maturity_model", district.key)
    with pytest.raises(CommandError, match="nicht gefunden"):
        call_command("install_maturity_model", "99999")
    assert FieldOfAction.objects.count() == 0
