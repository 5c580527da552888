"""The district administration assesses itself with the same model; shown beside the municipalities, never in them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from kreiskurs.accounts.models import Role
from kreiskurs.maturity import selectors, services
from kreiskurs.maturity.models import Assessment, AssessmentRound
from tests import factories

from .helpers import levels, open_round, small_model, uniform

pytestmark = pytest.mark.django_db


def round_with_municipalities(n: int = 3) -> tuple[AssessmentRound, list]:
    district = factories.DistrictFactory()
    munis = [factories.MunicipalityFactory(district=district, population=3_000 + i) for i in range(n)]
    evaluation = open_round(small_model(district))
    for i, m in enumerate(munis):
        services.save_assessment(
            by=None, round=evaluation, municipality=m, levels=levels(evaluation, uniform(i)), submit=True
        )
    return evaluation, munis


def own(evaluation: AssessmentRound, level: int, *, submit: bool = True) -> Assessment:
    return services.save_assessment(
        by=None, round=evaluation, municipality=None, levels=levels(evaluation, uniform(level)), submit=submit
    )


def close(evaluation: AssessmentRound) -> None:
    services.close_round(by=None, round=evaluation)


def test_the_administration_assesses_itself_once_per_round() -> None:
    evaluation, _munis = round_with_municipalities()
    first = own(evaluation, 4, submit=False)
    again = own(evaluation, 3, submit=False)
    assert first.pk == again.pk and first.subject == "Kreisverwaltung"
    with pytest.raises(ValidationError):
        Assessment(district=evaluation.district, round=evaluation, municipality=None).validate_constraints()


def test_its_result_never_counts_in_the_municipalities_medians() -> None:
    evaluation, _munis = round_with_municipalities()
    own(evaluation, 4)
    heat = selectors.heatmap(evaluation)
    assert heat.submitted == 3
    assert heat.district_median_overall.score == 1.0  # levels 0, 1, 2 of the municipalities
    assert selectors.rounds_of(evaluation.district).get().submitted == 3


def test_it_is_shown_beside_the_municipalities_median_once_the_round_is_closed() -> None:
    evaluation, _munis = round_with_municipalities()
    own(evaluation, 4)
    assert selectors.own_results(evaluation.district) is None  # the public sees closed rounds only
    close(evaluation)
    result = selectors.own_results(evaluation.district)
    assert result is not None and result.overall.score == 4.0 and result.median_overall.score == 1.0
    assert [(r.dimension.code, r.own.score, r.median.score) for r in result.rows] == [("a", 4.0, 1.0), ("b", 4.0, 1.0)]


def test_no_median_beside_it_when_fewer_than_three_municipalities_submitted() -> None:
    evaluation, _munis = round_with_municipalities(2)
    own(evaluation, 2)
    close(evaluation)
    result = selectors.own_results(evaluation.district)
    assert result is not None and result.median_overall.score is None and result.overall.score == 2.0


def test_the_public_pages_show_it_beside_the_aggregates(client: Client) -> None:
    evaluation, _munis = round_with_municipalities()
    own(evaluation, 4)
    close(evaluation)
    slug = evaluation.district.slug
    summary = client.get(f"/{slug}/reife/").content.decode()
    assert "Die Kreisverwaltung selbst" in summary and "Median der Gemeinden (3 Gemeinden)" in summary
    factories.adopted_strategy(evaluation.district)
    baseline = client.get(f"/{slug}/ausgangslage/").content.decode()
    assert "Gemeinden nach Größenklassen" in baseline and "Kreisverwaltung" in baseline


def test_only_the_team_fills_it_in(client: Client) -> None:
    evaluation, munis = round_with_municipalities()
    url = f"/{evaluation.district.slug}/verwaltung/reife/runden/{evaluation.pk}/kreisverwaltung/"
    data = {f"q{pk}": "3" for pk in levels(evaluation, uniform(3))} | {"comment": "", "action": "submit"}
    client.force_login(factories.member(evaluation.district, Role.STEERING))
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 404
    client.force_login(factories.member(evaluation.district, Role.MUNICIPAL_CONTACT, municipality=munis[0]))
    assert client.get(url).status_code == 404
    client.force_login(factories.member(evaluation.district, Role.STRATEGY_TEAM))
    assert client.post(url, data).status_code == 302
    saved = selectors.assessment_of(evaluation, None)
    assert saved is not None and saved.is_submitted and saved.overall == 3.0
