"""The district navigation, kept per language, slug and version shown: the current page marked per request."""

from __future__ import annotations

from types import SimpleNamespace

from django.template import engines
from django.test import RequestFactory
from django.utils import translation

TAG = engines["django"].from_string("{% load navigation %}{% district_navigation %}")


def navigation(path: str, *, slug: str = "coesfeld", version_query: str = "", internal: bool = False) -> str:
    return TAG.render(
        {
            "district": SimpleNamespace(slug=slug),
            "request": RequestFactory().get(path),
            "version_query": version_query,
            "can_view_internal": internal,
        }
    )


def test_only_the_page_shown_is_marked_current_whatever_was_rendered_before() -> None:
    on_list = navigation("/coesfeld/massnahmen/")
    assert on_list.count('aria-current="page"') == 1
    assert 'href="/coesfeld/massnahmen/" aria-current="page">Maßnahmen</a>' in on_list
    on_map = navigation("/coesfeld/karte/")
    assert on_map.count('aria-current="page"') == 1 and 'href="/coesfeld/karte/" aria-current="page"' in on_map
    assert 'aria-current="page"' not in navigation("/coesfeld/massnahmen/some-measure/")


def test_the_version_shown_is_kept_on_the_strategy_entries_only() -> None:
    links = navigation("/coesfeld/", version_query="?version=2")
    for path in ("/coesfeld/", "/coesfeld/ausgangslage/", "/coesfeld/massnahmen/", "/coesfeld/einbettung/"):
        assert f'href="{path}?version=2"' in links
    assert 'href="/coesfeld/gemeinden/"' in links and 'href="/coesfeld/karte/"' in links
    assert "?version=2" not in navigation("/coesfeld/")


def test_each_district_language_and_role_gets_its_own_links() -> None:
    assert 'href="/borken/massnahmen/"' in navigation("/borken/", slug="borken")
    assert "Verwaltung dieses Kreises" not in navigation("/coesfeld/")
    assert 'href="/coesfeld/verwaltung/">Verwaltung dieses Kreises</a>' in navigation("/coesfeld/", internal=True)
    with translation.override("en"):
        english = navigation("/coesfeld/")
    assert ">Measures</a>" in english and "Maßnahmen" not in english
    assert ">Maßnahmen</a>" in navigation("/coesfeld/")
