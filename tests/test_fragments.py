"""The helpers that fill repeated rows in Python (kreiskurs/fragments.py) write what the template engine
would: the same escaping, the same decimals, the same JSON in a page."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from typing import Any

import pytest
from django.template.defaultfilters import floatformat
from django.utils.html import escape as django_escape
from django.utils.html import json_script
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import override

from kreiskurs.fragments import escape, fill, fixed, joined, json_script_of

TEXTS = ["plain", "a & b", "<script>alert('x')</script>", 'say "hi"', "Straße – „Zitat“", "", "1 < 2 > 0", 42, 3.5]


@pytest.mark.parametrize("value", TEXTS)
def test_escape_writes_what_django_escapes(value: object) -> None:
    assert escape(value) == django_escape(value)


def test_markup_marked_safe_is_kept_and_a_filled_piece_is_safe_in_another() -> None:
    inner = fill("<b>{text}</b>", text="<i>")
    assert inner == "<b>&lt;i&gt;</b>" and isinstance(inner, SafeString)
    assert fill("<p>{inner} {raw}</p>", inner=inner, raw=mark_safe("<br>")) == "<p><b>&lt;i&gt;</b> <br></p>"
    assert joined([inner, inner]) == "<b>&lt;i&gt;</b><b>&lt;i&gt;</b>"


@pytest.mark.parametrize("language", ["de", "en"])
def test_fixed_writes_what_floatformat_writes(language: str) -> None:
    numbers = random.Random(12)
    values: list[float | Decimal] = [0, 0.05, 0.15, 0.25, 0.35, 1.005, 2.675, 12.25, 99.95, 999.994, 1e-7, 33.333333]
    values += [numbers.uniform(0, 999) for _ in range(500)] + [Decimal("12.345"), Decimal("0.5")]
    with override(language):
        separator = "," if language == "de" else "."
        for places in (1, 2):
            assert [fixed(v, places, separator) for v in values] == [floatformat(v, places) for v in values]


def test_stored_json_in_a_page_is_what_json_script_writes() -> None:
    value = {"label": "A & B <x>", "points": [[7.1, 51.9], [7.2, 52.0]], "dashed": False}
    assert json_script_of(json.dumps(value), "map-data") == json_script(value, "map-data")


@pytest.mark.parametrize("grouped", [False, True])
@pytest.mark.parametrize("language", ["de", "en"])
def test_integer_writes_what_localize_writes(language: str, grouped: bool, settings: Any) -> None:
    from django.utils import translation
    from django.utils.formats import localize

    from kreiskurs.fragments import integer

    settings.USE_THOUSAND_SEPARATOR = grouped
    with translation.override(language):
        for value in (0, 7, 999, 1000, 15822, 1234567, -4321):
            assert integer(value) == localize(value)
    if grouped:
        with translation.override("de"):
            assert integer(15822) == "15.822"
