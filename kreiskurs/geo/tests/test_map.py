"""The district map page: layers' values, the table alternative, tenancy and bounded queries."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kreiskurs.geo import selectors
from kreiskurs.geo.services import import_boundaries
from kreiskurs.monitoring.models import Indicator, Scope
from kreiskurs.monitoring.services import record_measurement
from kreiskurs.strategy import services as strategy_services
from kreiskurs.strategy.models import Measure, StrategyVersion
from kreiskurs.territory.models import District, Municipality
from tests import factories

from .shapes import collection, feature, square, write

pytestmark = pytest.mark.django_db

ROLES = ["lead", "pilot", "rollout", "interested"]


@dataclass
class World:
    district: District
    municipalities: list[Municipality]
    version: StrategyVersion
    measures: list[Measure]
    indicator: Indicator

    @property
    def url(self) -> str:
        return reverse("geo:map", args=[self.district.slug])


def build_world(
    tmp_path: Path, *, size: int = 3, measures: int = 2, prefix: str = "Ort", mapped: int | None = None
) -> World:
    """``size`` municipalities (the first ``mapped`` with a boundary), an adopted strategy, an indicator.

    Municipality i takes part in measures 0..i-1 (so i measures, capped), with role ROLES[i % 4] in
    measure 0; the indicator has 2024 values for all but the last municipality, 2025 values for
    every other one (value = 10 * i, then 10 * i + 5).
    """
    district = factories.DistrictFactory()
    munis = [factories.MunicipalityFactory(district=district, name=f"{prefix} {i:02d}") for i in range(size)]
    mapped = size if mapped is None else mapped
    if mapped:
        features = [
            feature({"AGS": m.ags, "GEN": m.name}, square(i % 20, i // 20)) for i, m in enumerate(munis[:mapped])
        ]
        write(tmp_path / f"{district.key}.geojson", collection(*features, attribution="© Testvermessung"))
        import_boundaries(by=None, path=tmp_path / f"{district.key}.geojson")
    draft = factories.strategy_with_draft(district)
    field = factories.add_field(draft)
    goal = factories.add_goal(draft, field=field)
    for k in range(measures):
        m = factories.add_measure(draft, f"M{k + 1}", fields=[field], goals=[goal], title=f"{prefix}-Maßnahme {k + 1}")
        parts = [(mu, ROLES[i % 4] if k == 0 else "rollout") for i, mu in enumerate(munis) if k < i]
        strategy_services.save_measure_details(by=None, measure=m, participations=parts, scores=[], milestones=[])
    version = strategy_services.adopt_version(
        by=None,
        version=draft,
        body="kreistag",
        date=dt.date(2024, 3, 1),
        reference="1",
    )
    indicator = Indicator.objects.create(
        district=district, code=f"{prefix[:3].upper()}1", name=f"{prefix}-Breitband", unit="%", scope=Scope.MUNICIPALITY
    )
    for i, m in enumerate(munis[:-1]):
        record_measurement(by=None, indicator=indicator, municipality=m, period="2024", value=Decimal(10 * i))
        if i % 2:
            record_measurement(by=None, indicator=indicator, municipality=m, period="2025", value=Decimal(10 * i + 5))
    return World(district, munis, version, list(Measure.objects.filter(version=version).order_by("code")), indicator)


def payload(html: str) -> dict[str, Any]:
    match = re.search(r'<script id="map-data" type="application/json">(.*?)</script>', html, re.S)
    assert match, "no map data in the page"
    return json.loads(match.group(1))


def table_rows(html: str) -> list[list[str]]:
    body = html.split('<tbody class="kern-table__body">', 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr.*?</tr>", body, re.S)
    return [[re.sub(r"<[^>]+>|\s+", " ", c).strip() for c in re.findall(r"<t[hd].*?</t[hd]>", r, re.S)] for r in rows]


def test_the_page_draws_every_boundary_and_always_has_the_table(tmp_path: Path) -> None:
    world = build_world(tmp_path)
    response = Client().get(world.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Content-Security-Policy" in response.headers
    assert re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html) == []  # no inline script
    assert 'src="/static/vendor/leaflet/leaflet.js"' in html and 'src="/static/geo/map.js"' in html
    data = payload(html)
    assert len(data["features"]) == 3
    first = data["features"][0]["properties"]
    assert first["url"] == reverse("portal:municipality", args=[world.district.slug, world.municipalities[0].slug])
    assert first["label"] == "Ort 00: 0 Maßnahmen"
    assert data["bounds"] == [[51.5, 7.0], [51.6, 7.3]]
    # the default layer: measure participation, with its table (municipality, value, class) and legend
    assert "Werte je Gemeinde: Anzahl der Maßnahmen je Gemeinde" in html
    assert [r[:2] for r in table_rows(html)] == [["Ort 00", "0"], ["Ort 01", "1"], ["Ort 02", "2"]]
    for m in world.municipalities:
        assert f'href="/{world.district.slug}/gemeinden/{m.slug}/"' in html
    assert "Legende" in html and "© Testvermessung" in html
    assert 'name="layer"' in html and 'method="get"' in html  # the layer choice works without JavaScript


def test_measure_participation_counts_come_from_the_current_version(tmp_path: Path) -> None:
    world = build_world(tmp_path, size=4, measures=3)
    draft = strategy_services.start_revision(by=None, strategy=world.version.strategy)
    extra = factories.add_measure(draft, "M9")
    strategy_services.save_measure_details(
        by=None, measure=extra, participations=[(world.municipalities[0], "lead")], scores=[], milestones=[]
    )
    html = Client().get(world.url).content.decode()
    assert [r[1] for r in table_rows(html)] == ["0", "1", "2", "3"]  # the draft's M9 does not count
    assert "M9" not in html


def test_one_measure_shows_each_municipalitys_role(tmp_path: Path) -> None:
    world = build_world(tmp_path, size=5)
    m1 = world.measures[0]
    html = Client().get(world.url, {"layer": f"measure:{m1.lineage}"}).content.decode()
    assert [r[:2] for r in table_rows(html)] == [
        ["Ort 00", "nicht beteiligt"],
        ["Ort 01", "Pilot"],
        ["Ort 02", "Ausrollen"],
        ["Ort 03", "interessiert"],
        ["Ort 04", "federführend"],
    ]
    fills = {
        f["properties"]["label"]: (f["properties"]["fill"], f["properties"]["dashed"])
        for f in payload(html)["features"]
    }
    assert fills["Ort 04: federführend"] == (selectors.ROLE_COLOURS["lead"], False)
    assert fills["Ort 00: nicht beteiligt"] == (selectors.NO_DATA, True)
    # any spelling of the lineage names the same layer
    assert Client().get(world.url, {"layer": f"measure:{m1.lineage.hex.upper()}"}).status_code == 200


def test_an_indicator_shows_each_municipalitys_latest_value(tmp_path: Path) -> None:
    world = build_world(tmp_path, size=4)
    html = Client().get(world.url, {"layer": f"indicator:{world.indicator.code}"}).content.decode()
    rows = table_rows(html)
    # own latest period per municipality; the last one has no value
    assert [r[:3] for r in rows] == [
        ["Ort 00", "0", "2024"],
        ["Ort 01", "15", "2025"],
        ["Ort 02", "20", "2024"],
        ["Ort 03", "–", "–"],
    ]
    assert rows[3][3] == "kein Wert"
    assert "Wert (%)" in html
    labels = [f["properties"]["label"] for f in payload(html)["features"]]
    assert labels[1] == "Ort 01: 15 % (2025)"
    # legend: equal intervals over 0..20 in whole numbers, then "no value"
    legend = re.findall(r'<li class="kk-legend__item">.*?<span class="kern-body">(.*?)</span>', html, re.S)
    assert legend == [
        "0 bis 6 % (1 Gemeinde)",
        "7 bis 13 % (0 Gemeinden)",
        "14 bis 20 % (2 Gemeinden)",
        "kein Wert (1 Gemeinde)",
    ]


def test_the_maturity_layer_follows_latest_scores_and_is_internal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = build_world(tmp_path, size=3)
    a, b, _c = world.municipalities
    calls: list[District] = []

    def latest_scores(district: District) -> dict[int, dict[str, float]]:
        calls.append(district)
        return {a.pk: {"overall": 2.4, "verwaltung": 3.0}, b.pk: {"overall": 1.23456}}

    monkeypatch.setattr("kreiskurs.maturity.selectors.latest_scores", latest_scores)
    anonymous = Client()
    assert "maturity:" not in anonymous.get(world.url).content.decode()
    assert anonymous.get(world.url, {"layer": "maturity:overall"}).status_code == 404
    assert calls == []  # not even read for the public
    team = Client()
    team.force_login(factories.member(world.district, "strategy_team"))
    html = team.get(world.url, {"layer": "maturity:overall"}).content.decode()
    assert calls and all(d == world.district for d in calls)
    assert [r[:2] for r in table_rows(html)] == [["Ort 00", "2,4"], ["Ort 01", "1,23"], ["Ort 02", "–"]]
    assert 'value="maturity:verwaltung"' in html and "Reifegrad: verwaltung" in html  # no model: the code
    from kreiskurs.maturity.models import Dimension, MaturityModel

    for version, title in ((1, "Verwaltung alt"), (2, "Verwaltung und Prozesse")):
        model = MaturityModel.objects.create(district=world.district, version=version, title=f"Modell {version}")
        Dimension.objects.create(district=world.district, model=model, code="verwaltung", title=title)
    html = team.get(world.url).content.decode()
    assert "Reifegrad: Verwaltung und Prozesse" in html and "Verwaltung alt" not in html  # the newest model's title
    html = team.get(world.url, {"layer": "maturity:verwaltung"}).content.decode()
    assert [r[1] for r in table_rows(html)] == ["3", "–", "–"]


@pytest.mark.parametrize(
    "layer", ["indicator:NOPE", "measure:not-a-uuid", "measure:00000000-0000-0000-0000-000000000000", "x"]
)
def test_unknown_layers_answer_404(tmp_path: Path, layer: str) -> None:
    world = build_world(tmp_path)
    assert Client().get(world.url, {"layer": layer}).status_code == 404


def test_another_districts_data_never_appears(tmp_path: Path) -> None:
    mine = build_world(tmp_path, prefix="Hier")
    theirs = build_world(tmp_path, prefix="Dort")
    client = Client()
    for layer in ["", "measures", f"measure:{mine.measures[0].lineage}", f"indicator:{mine.indicator.code}"]:
        html = client.get(mine.url, {"layer": layer} if layer else {}).content.decode()
        assert "Dort" not in html, layer
        assert theirs.indicator.code not in html
        assert {f["properties"]["url"].split("/")[1] for f in payload(html)["features"]} == {mine.district.slug}
    # their layers are not layers of mine
    assert client.get(mine.url, {"layer": f"indicator:{theirs.indicator.code}"}).status_code == 404
    assert client.get(mine.url, {"layer": f"measure:{theirs.measures[0].lineage}"}).status_code == 404


def test_without_boundaries_the_table_still_carries_everything(tmp_path: Path) -> None:
    world = build_world(tmp_path, size=3, mapped=0)
    html = Client().get(world.url).content.decode()
    assert 'id="map"' not in html and "noch keine Gemeindegrenzen hinterlegt" in html
    assert len(table_rows(html)) == 3
    partly = build_world(tmp_path, size=3, mapped=2)
    html = Client().get(partly.url).content.decode()
    assert len(payload(html)["features"]) == 2
    assert "2 von 3 Gemeinden haben eine Grenze auf der Karte" in html
    assert len(table_rows(html)) == 3


def test_a_district_without_strategy_or_indicators_lists_its_municipalities(tmp_path: Path) -> None:
    district = factories.DistrictFactory()
    factories.MunicipalityFactory.create_batch(2, district=district)
    html = Client().get(reverse("geo:map", args=[district.slug])).content.decode()
    assert "Noch nichts darzustellen" in html
    assert len(table_rows(html)) == 2


def count_queries(fn: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


@pytest.fixture(scope="module")
def small_and_large(rows_for_module: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[World, World]]:
    """A district of 3 and one of 30 municipalities, built once for the layers below."""
    with rows_for_module():
        folder = tmp_path_factory.mktemp("worlds")
        yield (
            build_world(folder, size=3, measures=2, prefix="Klein"),
            build_world(folder, size=30, measures=12, prefix="Groß"),
        )


@pytest.mark.parametrize("layer", ["measures", "measure", "indicator", "maturity"])
def test_query_count_does_not_grow_with_rows(
    small_and_large: tuple[World, World], layer: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    small, large = small_and_large
    scores = {m.pk: {"overall": 1.0 + i / 10} for w in (small, large) for i, m in enumerate(w.municipalities)}
    monkeypatch.setattr("kreiskurs.maturity.selectors.latest_scores", lambda district: scores)
    client = Client()
    client.force_login(factories.member(small.district, "strategy_team"))  # logged in: never served from the cache
    counts = []
    for world in (small, large):
        client.force_login(factories.member(world.district, "strategy_team"))
        param = {
            "measures": "measures",
            "measure": f"measure:{world.measures[0].lineage}",
            "indicator": f"indicator:{world.indicator.code}",
            "maturity": "maturity:overall",
        }[layer]
        assert client.get(world.url, {"layer": param}).status_code == 200
        counts.append(count_queries(lambda url=world.url, p=param: client.get(url, {"layer": p})))
    assert counts[0] == counts[1]
    assert counts[1] <= 20


def test_anonymous_pages_are_cached_until_the_data_changes(tmp_path: Path) -> None:
    world = build_world(tmp_path)
    client = Client()
    client.get(world.url)
    assert client.get(world.url).headers.get("X-Kreiskurs-Cache") == "hit"
    import_boundaries(by=None, path=tmp_path / f"{world.district.key}.geojson")
    assert client.get(world.url).headers.get("X-Kreiskurs-Cache") is None


def test_the_map_page_stays_small_for_a_very_detailed_file(tmp_path: Path) -> None:
    """A full-resolution border (thousands of positions) and hundreds of specks: the map gets a bounded copy."""
    from kreiskurs.geo.models import Boundary
    from kreiskurs.geo.services import MAP_POSITIONS_PER_MUNICIPALITY
    from kreiskurs.geo.simplify import count_positions

    district = factories.DistrictFactory()
    west, east = (factories.MunicipalityFactory(district=district, name=n) for n in ("Westdorf", "Ostdorf"))
    border = [[7.1 + 0.004 * ((i * 7919) % 13 - 6) / 6, 51.5 + 0.1 * i / 6000] for i in range(6001)]
    west_ring = [[7.0, 51.5], *border, [7.0, 51.6], [7.0, 51.5]]
    east_ring = [[7.2, 51.5], [7.2, 51.6], *reversed(border), [7.2, 51.5]]
    specks = [
        [
            [
                [7.01 + i * 1e-4, 51.55],
                [7.01001 + i * 1e-4, 51.55],
                [7.01001 + i * 1e-4, 51.55001],
                [7.01 + i * 1e-4, 51.55],
            ]
        ]
        for i in range(400)
    ]
    path = write(
        tmp_path / "fein.geojson",
        collection(
            feature({"AGS": west.ags}, {"type": "MultiPolygon", "coordinates": [[west_ring], *specks]}),
            feature({"AGS": east.ags}, {"type": "Polygon", "coordinates": [east_ring]}),
        ),
    )
    import_boundaries(by=None, path=path)
    stored = {b.municipality_id: b for b in Boundary.objects.all()}
    assert count_positions(stored[west.pk].geometry) > 7000  # the full geometry is kept as imported
    for boundary in stored.values():
        assert count_positions(boundary.simplified) <= MAP_POSITIONS_PER_MUNICIPALITY
    shared_west = {tuple(p) for p in stored[west.pk].simplified["coordinates"][0] if 7.09 < p[0] < 7.11}
    shared_east = {tuple(p) for p in stored[east.pk].simplified["coordinates"][0] if 7.09 < p[0] < 7.11}
    assert shared_west == shared_east  # still no gap between the neighbours
    html = Client().get(reverse("geo:map", args=[district.slug])).content.decode()
    assert len(json.dumps(payload(html))) < 2 * MAP_POSITIONS_PER_MUNICIPALITY * 25


def test_the_layer_choice_names_aggregates_not_every_measure(tmp_path: Path) -> None:
    """One option per measure made the page grow with the strategy (5,000 options at 5,000 measures);
    a measure's role layer is offered when asked for, from the link on its profile."""
    world = build_world(tmp_path, size=3, measures=4)
    html = Client().get(world.url).content.decode()
    assert html.count("<option") == 2  # the measures per municipality and the indicator
    assert "Rolle in" not in html
    m1 = world.measures[0]
    profile = Client().get(reverse("portal:measure", args=[world.district.slug, m1.lineage])).content.decode()
    link = f"{world.url}?layer=measure:{m1.lineage}"
    assert link in profile
    asked = Client().get(link).content.decode()
    assert f'<option value="measure:{m1.lineage}" selected>Rolle in M1 ' in asked
    assert asked.count("<option") == 3


def test_the_stored_count_layer_follows_a_join(tmp_path: Path) -> None:
    """The adopted version's counts are kept between requests; a municipality joining renews them."""
    world = build_world(tmp_path, size=3, measures=2)
    before = [r[1] for r in table_rows(Client().get(world.url).content.decode())]
    assert before == ["0", "1", "2"]
    strategy_services.request_enrolment(
        by=None, measure=world.measures[0], municipality=world.municipalities[0], kind="join"
    )
    after = [r[1] for r in table_rows(Client().get(world.url).content.decode())]
    assert after == ["1", "1", "2"]
