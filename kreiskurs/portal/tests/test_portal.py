"""Public portal: what anyone sees, what nobody outside sees, and bounded queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kreiskurs.strategy import services
from kreiskurs.strategy.models import Measure, StrategyVersion
from tests import factories

pytestmark = pytest.mark.django_db


def count_queries(fn: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def published(measures: int) -> StrategyVersion:
    district = factories.DistrictFactory()
    municipalities = factories.MunicipalityFactory.create_batch(3, district=district)
    draft = factories.strategy_with_draft(district)
    field = factories.add_field(draft)
    goal = factories.add_goal(draft, field=field)
    for i in range(measures):
        m = factories.add_measure(draft, f"M{i:03d}", fields=[field], goals=[goal])
        services.save_measure_details(
            by=None, measure=m, participations=[(mu, "rollout") for mu in municipalities], scores=[], milestones=[]
        )
    return services.adopt_version(
        by=None,
        version=draft,
        body="kreistag",
        date=dt.date(2024, 1, 1),
        reference="1",
    )


def page_urls(version: StrategyVersion) -> dict[str, str]:
    slug = version.district.slug
    measure = Measure.objects.filter(version=version).first()
    assert measure is not None
    muni = version.district.municipalities.first()
    goal = measure.goals.get()
    field = measure.fields_of_action.get()
    return {
        "index": "/",
        "home": f"/{slug}/",
        "goal": f"/{slug}/ziele/{goal.lineage}/",
        "field": f"/{slug}/handlungsfelder/{field.lineage}/",
        "measures": f"/{slug}/massnahmen/",
        "measures_filtered": f"/{slug}/massnahmen/?phase=idea&municipality={muni.slug}",
        "measure": f"/{slug}/massnahmen/{measure.lineage}/",
        "municipalities": f"/{slug}/gemeinden/",
        "municipality": f"/{slug}/gemeinden/{muni.slug}/",
        "alignment": f"/{slug}/einbettung/",
        "versions": f"/{slug}/versionen/",
        "document": f"/{slug}/versionen/1/",
    }


def test_every_public_page_renders_for_anonymous_visitors() -> None:
    version = published(3)
    client = Client()
    for name, url in page_urls(version).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert "Content-Security-Policy" in response.headers
    home = client.get(f"/{version.district.slug}/").content.decode()
    assert "Handlungsfelder" in home and 'lang="de"' in home


@pytest.fixture(scope="module")
def small_and_large(rows_for_module: Any) -> Iterator[dict[str, tuple[str, str]]]:
    """A strategy with 2 and one with 40 measures, built once for the pages below."""
    with rows_for_module():
        small, large = page_urls(published(2)), page_urls(published(40))
        yield {page: (small[page], large[page]) for page in small}


@pytest.mark.parametrize(
    "page",
    [
        "index",
        "home",
        "alignment",
        "measures",
        "measures_filtered",
        "goal",
        "field",
        "measure",
        "municipalities",
        "municipality",
        "document",
        "versions",
    ],
)
def test_query_count_does_not_grow_with_rows(page: str, small_and_large: dict[str, tuple[str, str]]) -> None:
    from django.core.cache import cache

    client = Client()
    small_url, large_url = small_and_large[page]
    # the first request of an adopted version also stores what is kept of it (renderings, roll-ups)
    small_first = count_queries(lambda: client.get(small_url))
    large_first = count_queries(lambda: client.get(large_url))
    assert large_first == small_first
    cache.clear()  # what every later request costs when the page cache misses
    small_count = count_queries(lambda: client.get(small_url))
    large_count = count_queries(lambda: client.get(large_url))
    assert large_count == small_count
    # the measure page asks once more: has the running measure been rescheduled (strategy.ImplementationChange)?
    assert large_count <= (17 if page == "measure" else 16)


def test_drafts_are_invisible_to_the_public_but_visible_to_members() -> None:
    version = published(1)
    draft = services.start_revision(by=None, strategy=version.strategy)
    slug = version.district.slug
    anonymous = Client()
    assert anonymous.get(f"/{slug}/?version={draft.number}").status_code == 404
    assert anonymous.get(f"/{slug}/versionen/{draft.number}/").status_code == 404
    assert anonymous.get(f"/{slug}/versionen/vergleich/?von=1&bis=2").status_code == 404
    assert f"Version {draft.number}" not in anonymous.get(f"/{slug}/versionen/").content.decode()
    outsider = Client()
    outsider.force_login(factories.member(factories.DistrictFactory(), "strategy_team"))
    assert outsider.get(f"/{slug}/versionen/{draft.number}/").status_code == 404
    member = Client()
    member.force_login(factories.member(version.district, "steering"))
    assert member.get(f"/{slug}/versionen/{draft.number}/").status_code == 200
    assert member.get(f"/{slug}/versionen/vergleich/?von=1&bis=2").status_code == 200


def test_consultation_version_is_public() -> None:
    version = published(1)
    draft = services.start_revision(by=None, strategy=version.strategy)
    services.set_version_state(by=None, version=draft, state="consultation")
    assert Client().get(f"/{version.district.slug}/versionen/{draft.number}/").status_code == 200


def test_measure_list_filters() -> None:
    version = published(3)
    first = Measure.objects.filter(version=version).order_by("code").first()
    assert first is not None
    # adopted rows are frozen; check filters against the data as adopted
    client = Client()
    slug = version.district.slug
    body = client.get(f"/{slug}/massnahmen/?priority=high").content.decode()
    assert "0 Maßnahmen gefunden" in body
    body = client.get(f"/{slug}/massnahmen/?priority=medium").content.decode()
    assert "3 Maßnahmen gefunden" in body


def test_district_without_strategy_answers_its_strategy_pages_with_an_empty_state() -> None:
    """The navigation links measures, alignment and versions in every district: without a
    strategy they say so (200), and only an explicit version number answers 404."""
    district = factories.DistrictFactory()
    client = Client()
    assert "noch keine Strategie" in client.get(f"/{district.slug}/").content.decode()
    for page in ("massnahmen", "einbettung", "versionen"):
        response = client.get(f"/{district.slug}/{page}/")
        assert response.status_code == 200
        assert "noch keine Strategie veröffentlicht" in response.content.decode()
    assert client.get(f"/{district.slug}/massnahmen/?version=1").status_code == 404
    assert client.get("/gibt-es-nicht/").status_code == 404


def test_german_first_and_english_on_request() -> None:
    district = factories.DistrictFactory()
    client = Client(headers={"accept-language": "en-US,en;q=0.9"})
    body = client.get(f"/{district.slug}/").content.decode()
    assert 'lang="de"' in body and "Zum Inhalt springen" in body
    assert client.get("/sprache/en/?next=https://evil.example/").headers["Location"] == "/"
    body = client.get(f"/{district.slug}/").content.decode()
    assert 'lang="en"' in body and "Skip to content" in body


def test_htmx_filter_request_gets_only_the_results() -> None:
    version = published(3)
    response = Client().get(f"/{version.district.slug}/massnahmen/?priority=medium", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results"')
    assert "3 Maßnahmen gefunden" in body and "<html" not in body
    # the heading filters.js moves focus to, and the filter button's state, updated out of band
    assert 'id="results-heading" tabindex="-1"' in body and 'data-kk-focus="results-heading"' in body
    assert '<span id="filter-state" hx-swap-oob="true"> (aktiv)</span>' in body


def test_measure_filters_are_one_button_and_do_not_fill_the_history() -> None:
    """Filters sit in a disclosure (works without script); live changes are debounced and replace the URL."""
    version = published(3)
    body = Client().get(f"/{version.district.slug}/massnahmen/").content.decode()
    assert '<details class="kk-disclosure">' in body and '<span id="filter-state"></span>' in body
    assert 'hx-trigger="change delay:500ms"' in body and 'hx-replace-url="true"' in body
    assert "hx-push-url" not in body
    assert "/static/kreiskurs/filters.js" in body


def test_measure_cards_show_phase_and_progress() -> None:
    """On phones the list is cards (site.css); each card names the current phase and progress."""
    version = published(2)
    first, _second = Measure.objects.filter(version=version).order_by("code")
    services.record_status_report(
        by=None, measure=first, date=dt.date(2026, 6, 30), phase="rollout", progress=40, text="Weiter so."
    )
    body = Client().get(f"/{version.district.slug}/massnahmen/").content.decode()
    cards = body.split('<ul class="kk-cards kk-narrow-only"', 1)[1].split("</ul>", 1)[0]
    assert cards.count('<li class="kk-card">') == 2
    assert '<dd class="kk-card__phase">Ausrollen</dd>' in cards
    assert '<progress max="100" value="40" aria-hidden="true"></progress> 40 %' in cards
    assert "noch kein Bericht" in cards


def test_only_organisations_are_named_as_partners_publicly() -> None:
    draft = factories.strategy_with_draft()
    field = factories.add_field(draft)
    measure = factories.add_measure(draft, "M1", fields=[field])
    org = factories.StakeholderFactory(district=draft.district, name="IHK Beispiel", kind="organisation")
    person = factories.StakeholderFactory(district=draft.district, name="Erika Mustermann", kind="person")
    services.update_element(by=None, obj=measure, values={}, m2m={"partners": [org, person]}, expected_revision=1)
    version = services.adopt_version(
        by=None,
        version=draft,
        body="kreistag",
        date=dt.date(2024, 1, 1),
        reference="1",
    )
    body = Client().get(f"/{version.district.slug}/massnahmen/{measure.lineage}/").content.decode()
    assert "IHK Beispiel" in body and "Erika Mustermann" not in body


def test_home_counts_goals_and_measures_per_field_once_for_an_adopted_version() -> None:
    from django.core.cache import cache

    from kreiskurs.strategy.models import StoredRendering

    version = published(3)
    url = f"/{version.district.slug}/"
    assert "1 Ziel, 3 Maßnahmen" in Client().get(url).content.decode()
    assert StoredRendering.objects.filter(version=version, kind="outline").count() == 1  # counted once, kept
    cache.clear()
    again = Client().get(url).content.decode()  # read from the stored row, not joined over every measure
    assert "1 Ziel, 3 Maßnahmen" in again
