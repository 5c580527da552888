"""The current version read with its kept rows in one statement (issue 12): the same versions as the
plain reads, each with what ``renderings.preload`` would have read."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kreiskurs.strategy import renderings, selectors, services
from kreiskurs.strategy.models import StoredRendering, StrategyVersion
from tests import factories

pytestmark = pytest.mark.django_db

KINDS = ("overview", "figures", "rollup")


def keep(version: StrategyVersion, kind: str, language: str, content: str) -> None:
    StoredRendering.objects.create(
        district=version.district, version=version, kind=kind, language=language, part=0, stamp="s", content=content
    )


def test_the_current_version_comes_with_its_kept_rows_of_the_language_and_without_one() -> None:
    first = factories.adopted_strategy(measures=1)
    district = first.district
    assert selectors.current_version_kept(district, KINDS) is not None
    StoredRendering.objects.all().delete()
    second = services.adopt_version(
        by=None,
        version=services.start_revision(by=None, strategy=first.strategy),
        body="kreistag",
        date=dt.date(2025, 3, 20),
        reference="SV-2",
    )
    keep(first, "overview", "de", "alt")  # the superseded version's: not the current one's
    keep(second, "overview", "de", "Überblick")
    keep(second, "overview", "en", "overview")
    keep(second, "figures", "", "Zahlen")
    keep(second, "outline", "de", "nicht erbeten")
    report = factories.adopted_strategy(measures=1)  # another district's: not its newest report
    assert report.district != district
    with translation.override("de"), CaptureQueriesContext(connection) as queries:
        version = selectors.current_version_kept(district, KINDS)
    assert len(queries.captured_queries) == 1
    plain = selectors.current_version(district)
    assert version is not None and plain is not None and version == plain == second
    assert [getattr(version, f.attname) for f in StrategyVersion._meta.concrete_fields] == [
        getattr(plain, f.attname) for f in StrategyVersion._meta.concrete_fields
    ]
    with CaptureQueriesContext(connection) as queries:
        assert version.strategy == plain.strategy and version.strategy.title == plain.strategy.title
        assert version.district is district
    assert not queries.captured_queries  # strategy and district came with it
    assert getattr(version, renderings.PRELOADED) == {
        ("overview", "de", 0): ("s", "Überblick"),
        ("figures", "", 0): ("s", "Zahlen"),
    }
    assert getattr(version, renderings.NEWEST_REPORT) == 0  # no status report in this district yet


def test_none_when_nothing_is_adopted_and_the_same_pair_as_the_plain_read() -> None:
    draft = factories.strategy_with_draft()
    assert selectors.current_version_kept(draft.district, KINDS) is None
    assert selectors.current_and_open(draft.district, kept=KINDS) == selectors.current_and_open(draft.district)
    adopted = factories.adopted_strategy(measures=1)
    opened = services.start_revision(by=None, strategy=adopted.strategy)
    keep(adopted, "figures", "", "Zahlen")
    with CaptureQueriesContext(connection) as queries:
        current, draft_now = selectors.current_and_open(adopted.district, kept=KINDS)
    assert len(queries.captured_queries) == 1
    assert (current, draft_now) == (adopted, opened) == selectors.current_and_open(adopted.district)
    assert current is not None and draft_now is not None
    assert getattr(current, renderings.PRELOADED) == {("figures", "", 0): ("s", "Zahlen")}
    assert not hasattr(draft_now, renderings.PRELOADED)  # a draft keeps nothing
    assert draft_now.strategy == adopted.strategy
