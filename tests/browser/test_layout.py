"""Layout a reader sees, on a wide screen and on a phone: buttons show their whole label, figures line up."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from .conftest import DEMO_SLUG as S

pytestmark = pytest.mark.browser

#: widths of a desktop and of a phone
WIDTHS = [1280, 375]

#: (name, width, label width) of every visible button whose label is wider than the button
CLIPPED = """() => [...document.querySelectorAll('.kern-btn')]
  .filter(b => b.offsetParent !== null)
  .map(b => [b.textContent.trim(), b.getBoundingClientRect().width, b.querySelector('.kern-label')])
  .filter(([, , label]) => label !== null)
  .map(([name, width, label]) => [name, width, label.getBoundingClientRect().width])
  .filter(([, width, labelWidth]) => labelWidth > width + 1)"""


@pytest.mark.parametrize("width", WIDTHS)
def test_buttons_show_their_whole_label(page: Page, demo: Any, width: int) -> None:
    """The district home's "Jetzt mitmachen" buttons (each with the process title for screen readers),
    the process list's and the measure list's buttons."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(reverse("portal:district", args=[S]))
    assert page.locator(".kk-joinable .kern-btn").count() > 0
    assert page.evaluate(CLIPPED) == []
    # the key figures: each number under its label, inside its box (no list indent pushing it out)
    for figure in page.locator(".kk-figure").all():
        box, label, number = (
            figure.bounding_box(),
            figure.locator("dt").bounding_box(),
            figure.locator("dd").bounding_box(),
        )
        assert box and label and number
        assert abs(number["x"] - label["x"]) <= 1 and number["x"] + number["width"] <= box["x"] + box["width"]
    for name in ("participation:processes", "portal:measures"):
        page.goto(reverse(name, args=[S]))
        assert page.evaluate(CLIPPED) == [], name
