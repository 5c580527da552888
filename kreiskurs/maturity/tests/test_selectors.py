"""Heatmap, size classes, medians, gaps, profiles and the public aggregate, computed from known answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from kreiskurs.maturity import selectors, services
from kreiskurs.maturity.models import AssessmentRound
from kreiskurs.strategy.models import FieldOfAction
from kreiskurs.territory.models import District, Municipality
from tests import factories

from .helpers import assess, open_round, small_model, uniform

pytestmark = pytest.mark.django_db


@dataclass
class World:
    district: District
    round: AssessmentRound
    m: dict[str, Municipality]


@pytest.fixture
def world() -> World:
    """Model a (weight 2: a1 ×2, a2) and b (b1). Four submitted, one draft, one missing.

    M1   1,500 inh. (S1)  all 1        → a 1,  b 1,  overall 1
    M2   1,800 inh. (S1)  all 3        → a 3,  b 3,  overall 3
    M3  15,000 inh. (S4)  a 4, b 0     → a 4,  b 0,  overall 8/3
    M4  60,000 inh. (S6)  a 2, b 1     → a 2,  b 1,  overall 5/3
    M5   1,200 inh. (S1)  draft (a1 = 0)
    M6   3,000 inh. (S2)  nothing
    M1 and M3 belong to the Amt "Verband X"; the others are verbandsfrei.
    """
    adopted = factories.adopted_strategy(measures=2)
    district = adopted.district
    amt = factories.AssociationFactory(district=district, name="Verband X", type_code=51)
    free = factories.AssociationFactory(district=district, name="frei", type_code=50)
    spec = {"M1": (1_500, amt), "M2": (1_800, free), "M3": (15_000, amt), "M4": (60_000, free)}
    spec |= {"M5": (1_200, free), "M6": (3_000, free)}
    m = {
        name: factories.MunicipalityFactory(district=district, name=name, population=pop, association=assoc)
        for name, (pop, assoc) in spec.items()
    }
    evaluation = open_round(small_model(district))
    assess(evaluation, m["M1"], uniform(1))
    assess(evaluation, m["M2"], uniform(3))
    assess(evaluation, m["M3"], {"a1": 4, "a2": 4, "b1": 0})
    assess(evaluation, m["M4"], {"a1": 2, "a2": 2, "b1": 1})
    assess(evaluation, m["M5"], {"a1": 0}, submit=False)
    field = FieldOfAction.objects.get(version=adopted)
    services.set_field_links(by=None, district=district, dimension_code="b", field_lineages=[field.lineage])
    return World(district, evaluation, m)


def scores(cells: list[Any]) -> list[float | None]:
    return [c.score for c in cells]


def test_heatmap_groups_by_size_class_with_class_and_district_medians(world: World) -> None:
    heat = selectors.heatmap(world.round)
    assert [d.code for d in heat.dimensions] == ["a", "b"]
    assert [(g.code, [r.municipality.name for r in g.rows]) for g in heat.groups] == [
        ("S1", ["M1", "M2", "M5"]),
        ("S2", ["M6"]),
        ("S4", ["M3"]),
        ("S6", ["M4"]),
    ]
    s1 = heat.groups[0]
    assert [r.state for r in s1.rows] == ["submitted", "submitted", "draft"]
    assert [scores(r.cells) for r in s1.rows] == [[1.0, 1.0], [3.0, 3.0], [None, None]]  # drafts do not count
    assert (s1.members, scores(s1.median), s1.median_overall.score) == (2, [2.0, 2.0], 2.0)
    assert heat.groups[1].rows[0].state == "missing" and heat.groups[1].members == 0
    assert scores(heat.groups[1].median) == [None, None]
    # district: a median(1, 3, 4, 2) = 2.5; b median(1, 3, 0, 1) = 1; overall median(1, 3, 8/3, 5/3)
    assert scores(heat.district_median) == [2.5, 1.0]
    assert heat.district_median_overall.score == pytest.approx((8 / 3 + 5 / 3) / 2)
    assert (heat.submitted, heat.drafts, heat.municipalities, heat.shown) == (4, 1, 6, 6)
    m3 = heat.groups[2].rows[0]
    assert [(c.band, c.weak) for c in m3.cells] == [(4, False), (0, True)]


def test_filters_choose_rows_but_medians_stay_those_of_all(world: World) -> None:
    amt = world.m["M1"].association_id
    heat = selectors.heatmap(world.round, association=amt)
    assert [[r.municipality.name for r in g.rows] for g in heat.groups] == [["M1"], ["M3"]]
    assert heat.shown == 2
    assert scores(heat.groups[0].median) == [2.0, 2.0]  # of M1 and M2, although M2 is filtered out
    assert scores(heat.district_median) == [2.5, 1.0]
    small = selectors.heatmap(world.round, size_class="S1")
    assert [g.code for g in small.groups] == ["S1"] and small.shown == 3
    assert selectors.heatmap(world.round, size_class="S3").groups == []
    assert [a.name for a in selectors.associations_of(world.district)] == ["Verband X"]


def test_gap_analysis_counts_weak_municipalities_and_population_and_lists_measures(world: World) -> None:
    analysis = selectors.gap_analysis(world.round)
    assert [r.dimension.code for r in analysis.rows] == ["b", "a"]  # gaps first
    b, a = analysis.rows
    # b: M1 (1), M3 (0), M4 (1) weak → 3 of 4; population 76,500 of 78,300
    assert (b.figures.assessed, b.figures.weak, b.figures.weak_population) == (4, 3, 76_500)
    assert b.figures.is_gap and b.median.score == 1.0
    assert [f.code for f in b.fields] == ["HF1"]
    assert [m.code for m in b.measures] == ["M1", "M2"]
    # a: only M1 is weak → 1 of 4 and 1,500 inhabitants: no gap, no linked field, no measures
    assert (a.figures.weak, a.figures.weak_population, a.figures.is_gap) == (1, 1_500, False)
    assert (a.fields, a.measures) == ([], [])
    assert [r.dimension.code for r in analysis.gaps] == ["b"]
    assert analysis.version is not None and analysis.version.number == 1 and analysis.draft is None


def test_measures_created_from_a_gap_are_listed_with_it(world: World) -> None:
    from kreiskurs.strategy import services as strategy_services

    version = selectors.gap_analysis(world.round).version
    assert version is not None
    strategy_services.start_revision(by=None, strategy=version.strategy)
    measure = services.create_measure_from_gap(
        by=None, round=world.round, dimension_code="b", title="Pflege digital", summary="Text"
    )
    b = selectors.gap_analysis(world.round).rows[0]
    assert [(g.dimension_code, m.code if m else None) for g, m in b.created] == [("b", measure.code)]


def test_municipality_profile_and_latest_scores_follow_the_rounds(world: World) -> None:
    services.close_round(by=None, round=world.round)
    second = open_round(world.round.model, title="Runde 2025")
    assess(second, world.m["M1"], uniform(4))
    assess(second, world.m["M2"], uniform(0), submit=False)  # a draft does not replace the submitted 2024
    profile = selectors.municipality_profile(world.m["M1"])
    assert [(r.title, overall) for r, overall, _ in profile] == [("Runde 2024", 1.0), ("Runde 2025", 4.0)]
    assert [{d.code: s for d, s in entry[2].items()} for entry in profile] == [
        {"a": 1.0, "b": 1.0},
        {"a": 4.0, "b": 4.0},
    ]
    latest = selectors.latest_scores(world.district)
    assert latest[world.m["M1"].pk] == {"a": 4.0, "b": 4.0, "overall": 4.0}
    assert latest[world.m["M2"].pk] == {"a": 3.0, "b": 3.0, "overall": 3.0}
    assert world.m["M5"].pk not in latest and world.m["M6"].pk not in latest
    assert selectors.municipality_profile(world.m["M6"]) == []


def test_does_not_apply_leaves_the_key_out_of_latest_scores(world: World) -> None:
    services.close_round(by=None, round=world.round)
    second = open_round(world.round.model, title="Runde 2025")
    assess(second, world.m["M6"], {"a1": 2, "a2": 2, "b1": None})
    assert selectors.latest_scores(world.district)[world.m["M6"].pk] == {"a": 2.0, "overall": 2.0}


def test_comparison_of_one_municipality_with_its_size_class_and_the_district(world: World) -> None:
    compared = selectors.municipality_comparison(world.m["M1"], world.round)
    assert compared is not None
    assert (scores(compared.own), scores(compared.size_class_median), scores(compared.district)) == (
        [1.0, 1.0],
        [2.0, 2.0],
        [2.5, 1.0],
    )
    assert (compared.size_class, compared.size_class_members) == ("S1", 2)
    assert selectors.municipality_comparison(world.m["M5"], world.round) is None  # only a draft


def test_the_public_summary_shows_only_closed_rounds_and_groups_of_three_or_more(world: World) -> None:
    assert selectors.public_summary(world.district) is None  # the round is still open
    services.close_round(by=None, round=world.round)
    summary = selectors.public_summary(world.district)
    assert summary is not None
    assert (summary.submitted, summary.municipalities) == (4, 6)
    assert summary.population_share == pytest.approx(78_300 / 82_500)
    a, b = summary.rows
    assert (a.median.score, a.bands, a.weak) == (2.5, [0, 1, 1, 2], 1)
    assert (b.median.score, b.bands, b.weak) == (1.0, [1, 2, 0, 1], 3)
    # every size class here has fewer than three submitted municipalities: not even their counts
    assert summary.size_classes == [] and not summary.too_few


def test_the_public_summary_shows_nothing_but_counts_below_three_submissions(world: World) -> None:
    for code in ("M2", "M3"):
        services.reopen_assessment(by=None, assessment=world.round.assessments.get(municipality=world.m[code]))
    services.close_round(by=None, round=world.round)
    summary = selectors.public_summary(world.district)
    assert summary is not None and summary.too_few
    assert (summary.submitted, summary.rows, summary.overall.score, summary.population_share) == (2, [], None, None)


def test_public_summary_shows_class_medians_from_three_municipalities(world: World) -> None:
    assess(world.round, world.m["M5"], uniform(2), submit=False)
    services.submit_assessment(by=None, assessment=world.round.assessments.get(municipality=world.m["M5"]))
    services.close_round(by=None, round=world.round)
    summary = selectors.public_summary(world.district)
    assert summary is not None
    label, count, medians = summary.size_classes[0]
    assert (label, count) == ("unter 2.000 Einwohner", 3)
    assert medians is not None and scores(medians) == [2.0, 2.0]  # median(1, 3, 2)
