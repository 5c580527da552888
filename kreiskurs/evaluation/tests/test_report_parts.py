"""The published report comes in parts: the measures' ratings in parts, each part stored once (issue 12)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from kreiskurs.evaluation import selectors, services
from kreiskurs.evaluation.models import ElementKind
from kreiskurs.strategy.models import StoredRendering

from .test_rounds import adopted, open_round

pytestmark = pytest.mark.django_db

RATED_ROW = re.compile(r'<th scope="row" class="kern-table__cell">(M\d+) ')


def test_the_report_lists_its_measure_ratings_in_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selectors, "MEASURES_PER_PART", 2)
    version = adopted(measures=5)
    evaluation = open_round(version)
    services.update_findings(by=None, evaluation=evaluation, findings="Befund", expected_revision=None)
    published = services.publish_round(by=None, evaluation=evaluation)
    url = f"/{version.district.slug}/evaluation/{published.pk}/"

    first = Client().get(url).content.decode()
    assert RATED_ROW.findall(first) == ["M1", "M2"]
    assert "Teil 1 von 3" in first and "?teil=3" in first
    assert "Ampel" in first and "Änderungsvorschläge" in first and "Beteiligung im Zeitraum" in first
    last = Client().get(url, {"teil": "3"}).content.decode()
    assert RATED_ROW.findall(last) == ["M5"]
    assert "Ampel" not in last and "Änderungsvorschläge" not in last and "Beteiligung im Zeitraum" not in last
    printed = Client().get(f"{url}druck/", {"teil": "2"}).content.decode()
    assert RATED_ROW.findall(printed) == ["M3", "M4"]
    for wrong in ("4", "0", "x"):
        assert Client().get(url, {"teil": wrong}).status_code == 404
    # each part of the published report is rendered once and kept
    parts = StoredRendering.objects.filter(kind=f"evaluation:{published.pk}").values_list("part", flat=True)
    assert sorted(parts) == [1, 2, 3]


def test_a_part_keeps_the_counts_of_all_ratings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selectors, "MEASURES_PER_PART", 2)
    evaluation = open_round(adopted(measures=5))
    assert selectors.report_parts(evaluation) == 3
    measures = next(s for s in selectors.sections_part(evaluation, 3) if s.kind == ElementKind.MEASURE)
    assert [row.code for row in measures.rows] == ["M5"]
    assert sum(count for _rating, _label, count in measures.counts) == 5


@pytest.mark.parametrize("pk", ["0", "99999999999999999999", "9223372036854775808"])
def test_a_round_number_no_key_can_be_answers_404(pk: str) -> None:
    """The report's round is read by a prepared query: numbers outside the key's range are refused first."""
    version = adopted(measures=1)
    assert Client().get(f"/{version.district.slug}/evaluation/{pk}/").status_code == 404
    assert Client().get(f"/{version.district.slug}/versionen/{pk}/").status_code == 404
