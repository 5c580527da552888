"""The public measure list on a phone (375 px): cards with phase and progress, filters behind one button,
arrow keys through a filter send one request and add no history entry, focus moves to the results."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, Request, expect

from kreiskurs.strategy.models.measures import Phase

from .conftest import DEMO_SLUG as S
from .conftest import axe_check

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def phone(context: BrowserContext) -> Page:
    page = context.new_page()
    page.set_viewport_size(PHONE)
    return page


def filters_button(page: Page) -> Any:
    return page.locator("details.kk-disclosure > summary")


def test_on_a_phone_measures_are_cards_with_phase_and_progress_and_filters_collapsed(phone: Page, demo: Any) -> None:
    phone.goto(reverse("portal:measures", args=[S]))

    expect(phone.get_by_role("table", name="Maßnahmen")).to_be_hidden()
    cards = phone.get_by_role("list", name="Maßnahmen").get_by_role("listitem")
    expect(cards.first).to_be_visible()
    reported = cards.filter(has=phone.locator("progress")).first  # a measure with a status report
    for card in (cards.first, reported):
        for fact in (card.locator(".kk-card__phase"), card.locator(".kk-card__progress")):
            expect(fact).to_be_visible()
            box = fact.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    expect(reported.locator(".kk-card__progress")).to_have_text(re.compile(r"^\s*\d+ %$"))
    # collapsed: one button, the filters hidden until it is pressed
    expect(phone.get_by_label("Phase", exact=True)).to_be_hidden()
    expect(filters_button(phone)).to_have_text("Filter")
    axe_check(phone)

    filters_button(phone).click()
    expect(phone.get_by_label("Phase", exact=True)).to_be_visible()
    axe_check(phone)


def test_arrow_keys_through_a_filter_send_one_request_add_no_history_and_focus_the_results(
    phone: Page, demo: Any
) -> None:
    # The page's timers run on a clock the test moves: the key presses all happen "at once",
    # however slow the machine, and the debounce is then let run out.
    phone.clock.install()
    phone.goto(reverse("portal:measures", args=[S]))
    filters_button(phone).click()
    sent: list[Request] = []
    phone.on("request", lambda r: sent.append(r) if r.headers.get("hx-request") else None)
    entries = phone.evaluate("history.length")
    phase = phone.get_by_label("Phase", exact=True)
    phase.focus()

    for _ in range(3):
        phone.keyboard.press("ArrowDown")
    chosen = phase.input_value()
    assert chosen == list(Phase.values)[2], chosen  # the selection moved three times: three change events
    with phone.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        phone.clock.run_for(1_000)  # past the debounce
    phone.clock.run_for(1_000)  # htmx settles the swap; nothing else is pending

    heading = phone.locator("#results-heading")
    expect(heading).to_be_focused()
    expect(heading).to_have_text(re.compile(r"^\d+ Maßnahmen? gefunden$"))
    expect(phone).to_have_url(re.compile(rf"[?&]phase={chosen}\b"))
    assert len(sent) == 1 and f"phase={chosen}" in sent[0].url, [r.url for r in sent]
    assert phone.evaluate("history.length") == entries
    expect(filters_button(phone)).to_have_text("Filter (aktiv)")
