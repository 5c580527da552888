"""Pages of lower apps show sections registered by apps above them, in order, through named slots."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from kreiskurs.core import sections


def test_unknown_slots_fail_loudly_and_registered_sections_render_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sections, "_REGISTRY", sections.defaultdict(list))
    with pytest.raises(LookupError):
        sections.register_section("portal.nowhere", template="x.html")
    with pytest.raises(LookupError):
        sections.render_slot("portal.nowhere", RequestFactory().get("/"))

    @sections.register_section("portal.goal", template="core/tests/section.txt", order=20)
    def second(*, request: object, district: str, lineage: str) -> dict[str, str]:
        return {"text": f"zwei {lineage}"}

    @sections.register_section("portal.goal", template="core/tests/section.txt", order=10)
    def first(*, request: object, district: str, lineage: str) -> dict[str, str]:
        return {"text": f"eins {district}"}

    @sections.register_section("portal.goal", template="core/tests/section.txt", order=30)
    def nothing(*, request: object, district: str, lineage: str) -> None:
        return None

    html = sections.render_slot("portal.goal", RequestFactory().get("/"), district="K", lineage="L")
    assert html == "[eins K][zwei L]"


def test_every_app_section_is_registered_for_the_pages_that_show_it() -> None:
    registered = {slot: [s.template for s in found] for slot, found in sections._REGISTRY.items()}
    assert registered["portal.measure"] == [
        "strategy/_living.html",
        "following/_follow.html",
        "monitoring/_linked.html",
        "participation/tags/source_ideas.html",
    ]
    assert registered["portal.goal"] == [
        "following/_follow.html",
        "monitoring/_linked.html",
        "initiatives/tags/initiatives.html",
    ]
    assert registered["portal.home"] == [
        "cycle/sections/home.html",
        "participation/tags/join_in.html",
        "feeds/_subscribe.html",
    ]
    assert registered["manage.municipality"] == ["maturity/tags/history.html"]
