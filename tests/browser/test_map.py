"""The district map in a real browser: Leaflet draws the boundaries, layers switch, keyboard and axe."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from kreiskurs.geo.demo import load_demo_boundaries
from kreiskurs.geo.models import Boundary
from kreiskurs.territory.models import District

from .conftest import DEMO_SLUG, axe_check

pytestmark = pytest.mark.browser

MAP_URL = f"/{DEMO_SLUG}/karte/"


def _boundaries(demo: District) -> None:
    """The demo loader may or may not import the boundaries already; make sure they are there."""
    if not Boundary.objects.filter(district=demo).exists():
        load_demo_boundaries(demo)
    assert Boundary.objects.filter(district=demo).count() == 11


def _fills(page: Page) -> list[str | None]:
    return page.locator("#map path.leaflet-interactive").evaluate_all("ps => ps.map(p => p.getAttribute('fill'))")


def test_leaflet_draws_every_municipality_and_the_layer_switches(page: Page, demo: Any) -> None:
    _boundaries(demo)
    page.goto(MAP_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Karte der Gemeinden")
    expect(page.locator("#map[data-ready='true']")).to_be_visible()
    polygons = page.locator("#map svg path.leaflet-interactive")
    expect(polygons).to_have_count(11)
    expect(page.locator("#map .kk-map__fallback")).to_have_count(0)  # the no-JavaScript note is gone
    # the table alternative: one row per municipality, each with its link
    table = page.get_by_role("table", name=re.compile(r"^Werte je Gemeinde: Anzahl der Maßnahmen"))
    expect(table.locator("tbody tr")).to_have_count(11)
    expect(table.get_by_role("link")).to_have_count(11)
    before = _fills(page)

    page.get_by_label("Darstellung", exact=True).select_option(label="I2 Haushalte mit Gigabit-Anschluss")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page).to_have_url(re.compile(r"\?layer=indicator%3AI2$"))
    table = page.get_by_role("table", name="Werte je Gemeinde: I2 Haushalte mit Gigabit-Anschluss")
    dülmen = table.get_by_role("row").filter(has=page.get_by_role("link", name="Dülmen, Stadt"))
    expect(dülmen.get_by_role("cell")).to_have_text(["84", "2025", re.compile(r"81 bis 88")])
    expect(polygons).to_have_count(11)
    after = _fills(page)
    assert after != before and len(set(after)) == 5  # the demo's shares fill all five classes
    expect(page.get_by_role("region", name="Legende")).to_contain_text("49 bis 56 % (2 Gemeinden)")
    expect(page.get_by_text("© GeoBasis-DE / BKG (2017), Daten verändert")).to_be_visible()


def test_a_polygon_is_a_link_for_mouse_and_keyboard(page: Page, demo: Any) -> None:
    _boundaries(demo)
    page.goto(f"{MAP_URL}?layer=indicator:I2")
    polygon = page.get_by_role("link", name="Dülmen, Stadt: 84 % (2025)")
    expect(polygon).to_have_count(1)
    polygon.focus()
    expect(page.locator(".leaflet-tooltip")).to_have_text("Dülmen, Stadt: 84 % (2025)")  # shown on focus too
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dülmen, Stadt")

    page.goto(MAP_URL)
    page.get_by_role("link", name=re.compile(r"^Olfen, Stadt: ")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Olfen, Stadt")


def test_map_page_passes_axe(page: Page, demo: Any) -> None:
    _boundaries(demo)
    page.goto(MAP_URL)
    expect(page.locator("#map[data-ready='true']")).to_be_visible()
    axe_check(page)
    page.goto(f"{MAP_URL}?layer=indicator:I2")
    expect(page.locator("#map[data-ready='true']")).to_be_visible()
    axe_check(page)
