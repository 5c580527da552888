"""What every strategy page costs without the page cache (issue 12): the version read once, no repeated checks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kreiskurs.strategy.models import Goal, Measure
from tests import factories

pytestmark = pytest.mark.django_db


def again(url: str) -> tuple[str, list[str]]:
    """``url`` a second time, its page cache emptied: the body (the same as the first, which stored what
    the page keeps) and the statements of that second request."""
    client = Client()
    first = client.get(url).content.decode()
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        body = client.get(url).content.decode()
    assert body == first
    return body, [q["sql"] for q in queries.captured_queries]


@pytest.mark.parametrize("page", ["massnahmen/", "einbettung/", "ausgangslage/"])
def test_a_strategy_page_reads_the_version_once(page: str) -> None:
    version = factories.adopted_strategy(measures=3)
    client = Client()
    url = f"/{version.district.slug}/{page}"
    assert client.get(url).status_code == 200
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    sql = [q["sql"] for q in queries.captured_queries]
    assert len([s for s in sql if s.startswith('SELECT "strategy_strategyversion"."id"')]) == 1


def test_the_home_reads_its_kept_roll_up_field_counts_and_key_figures_with_its_version() -> None:
    """The current version, its kept rows and the newest status report: one statement; a numbered
    version (``?version=``) is read, then its kept rows in one more."""
    version = factories.adopted_strategy(measures=3)
    body, sql = again(f"/{version.district.slug}/")
    kept = [s for s in sql if '"strategy_storedrendering"' in s]
    assert len(kept) == 1 and '"strategy_strategyversion"' in kept[0].split(" FROM ")[0]  # the version's statement
    assert len([s for s in sql if '"strategy_strategyversion"' in s.split(" FROM ")[0]]) == 1
    numbered, sql = again(f"/{version.district.slug}/?version={version.number}")
    assert len([s for s in sql if s.startswith('SELECT "strategy_storedrendering"')]) == 1
    assert numbered.count("<h2") == body.count("<h2")  # the same sections either way


def test_the_dashboard_reads_its_kept_rows_with_its_versions() -> None:
    version = factories.adopted_strategy(measures=3)
    client = Client()
    client.force_login(factories.member(version.district, "strategy_team"))
    url = f"/{version.district.slug}/verwaltung/"
    assert client.get(url).status_code == 200  # stores what it keeps
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    kept = [q["sql"] for q in queries.captured_queries if '"strategy_storedrendering"' in q["sql"]]
    assert len(kept) == 1 and '"strategy_strategyversion"' in kept[0].split(" FROM ")[0]


@pytest.mark.parametrize("page", ["massnahmen/", "verwaltung/massnahmen/"])
def test_a_members_district_comes_with_the_memberships(page: str) -> None:
    """A member's public and back-office pages read the district with the memberships (no query of
    its own); someone else's district is still read, and still refused in the back office."""
    version = factories.adopted_strategy(measures=3)
    other = factories.adopted_strategy(measures=1).district
    client = Client()
    client.force_login(factories.member(version.district, "strategy_team"))

    def district_reads(slug: str) -> tuple[int, int]:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            status = client.get(f"/{slug}/{page}").status_code
        return status, len([q for q in queries.captured_queries if 'FROM "territory_district"' in q["sql"]])

    assert district_reads(version.district.slug) == (200, 0)
    assert district_reads(other.slug) == ((200 if page == "massnahmen/" else 404), 1)


def test_the_measure_list_keeps_its_filter_choices_and_reads_a_page_in_one_statement() -> None:
    """An adopted version's fields, goals and municipalities for the filter and its count of measures
    are read once and kept (stored rows read in one statement, not four reads); a page of measures is
    one read of its rows, not its ids first."""
    version = factories.adopted_strategy(measures=3)
    town = factories.MunicipalityFactory(district=version.district, name="Nottuln")
    body, sql = again(f"/{version.district.slug}/massnahmen/")
    assert not [s for s in sql if 'FROM "strategy_goal"' in s or 'FROM "strategy_fieldofaction"' in s]
    assert not [s for s in sql if 'FROM "territory_municipality"' in s or "COUNT(" in s]
    assert len([s for s in sql if 'FROM "strategy_storedrendering"' in s]) == 1
    assert f'<option value="{town.slug}"' in body and "3 Maßnahmen" in body
    assert len([s for s in sql if s.startswith('SELECT "strategy_measure"."id"')]) == 1
    goal = Goal.objects.filter(version=version).first()
    assert goal is not None and f'value="{goal.lineage}"' in body
    assert Measure.objects.get(version=version, code="M1").title in body


def test_the_home_keeps_an_adopted_versions_values_and_fields_with_their_counts() -> None:
    """The values and the fields of action (with goals and measures counted) of an adopted version are
    read once and kept (the outline): later homes read none of their rows, and show the same."""
    from kreiskurs.strategy import services
    from kreiskurs.strategy.models import Value

    draft = factories.strategy_with_draft()
    field = factories.add_field(draft, description="Netze & Funk für alle")
    goal = factories.add_goal(draft, field=field)
    factories.add_measure(draft, "M1", fields=[field], goals=[goal])
    factories.add_measure(draft, "M2", fields=[field], goals=[goal])
    services.create_element(
        by=None, version=draft, model=Value, values={"title": "Offenheit", "description": "Alles <offen>"}
    )
    version = services.adopt_version(by=None, version=draft, body="kreistag", date=dt.date(2024, 3, 20), reference="1")
    body, sql = again(f"/{version.district.slug}/")
    assert "Offenheit" in body and "Alles &lt;offen&gt;" in body and "Netze &amp; Funk für alle" in body
    assert "1 Ziel, 2 Maßnahmen" in body and f"/{version.district.slug}/handlungsfelder/{field.lineage}/" in body
    assert not [s for s in sql if 'FROM "strategy_value"' in s or 'FROM "strategy_fieldofaction"' in s]


@pytest.mark.parametrize("page", ["", "ziele/{goal}/"])
def test_a_kept_roll_up_follows_a_new_status_report(page: str) -> None:
    """The roll-up is kept under the district's newest report, read with the stored renderings: a new
    report shows on the next request."""
    from kreiskurs.strategy import services

    version = factories.adopted_strategy(measures=2)
    goal = Goal.objects.get(version=version)
    url = f"/{version.district.slug}/" + page.format(goal=goal.lineage)
    client = Client()
    assert client.get(url).status_code == 200
    client.get(url)  # read from the stored rows
    for measure in Measure.objects.filter(version=version):
        services.record_status_report(
            by=None, measure=measure, date=dt.date(2024, 5, 2), phase="rollout", progress=80, text="weiter"
        )
    cache.clear()
    assert 'value="80.0"' in client.get(url).content.decode()


def test_the_kept_filter_choices_follow_a_new_gebietsstand() -> None:
    """The municipalities of the kept filter choices are stamped with the district's Gebietsstand: a
    territory import with a new one (which may rename a municipality) shows on the next list."""
    version = factories.adopted_strategy(measures=1)
    district = version.district
    town = factories.MunicipalityFactory(district=district, name="Altname")
    url = f"/{district.slug}/massnahmen/"
    assert ">Altname</option>" in again(url)[0]
    town.name = "Neuname"
    town.save()
    district.reference_date = dt.date(2024, 12, 31)
    district.save()
    cache.clear()
    body = Client().get(url).content.decode()
    assert ">Neuname</option>" in body and "Altname" not in body


def test_the_home_keeps_the_districts_territory_counts_under_its_gebietsstand() -> None:
    """The home's count of the district's municipalities ("beteiligte Gemeinden: 0 / n") of an adopted
    version is kept with its other kept rows (no count of the municipalities per request) and follows a
    territory import with a new Gebietsstand."""
    version = factories.adopted_strategy(measures=1)
    district = version.district
    factories.MunicipalityFactory.create_batch(2, district=district)
    url = f"/{district.slug}/"
    body, sql = again(url)
    assert ">0 / 2</dd>" in body
    assert not [s for s in sql if 'FROM "territory_municipality"' in s]
    factories.MunicipalityFactory(district=district)
    district.reference_date = dt.date(2024, 12, 31)
    district.save()
    cache.clear()
    assert ">0 / 3</dd>" in Client().get(url).content.decode()
