"""Measure lists order and paginate in SQL on the stored natural-order rank of the code (issue 12)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kreiskurs.collation import sort_key
from kreiskurs.strategy import selectors, services
from kreiskurs.strategy.models import Measure
from kreiskurs.strategy.services.ranks import rank_measures
from tests import factories

pytestmark = pytest.mark.django_db

CODES = ["M10", "M2", "Ü1", "U2", "A1", "m3", "Bär 1", "Bahn 1"]


def listed(version: object) -> list[str]:
    return [m.code for m in selectors.measure_page(version, {}, 1, 50).object_list]  # type: ignore[arg-type]


def test_the_list_is_in_german_natural_order_and_follows_a_changed_code() -> None:
    draft = factories.strategy_with_draft()
    for code in CODES:
        factories.add_measure(draft, code)
    assert listed(draft) == sorted(CODES, key=sort_key)
    assert listed(draft)[:3] == ["A1", "Bahn 1", "Bär 1"] and listed(draft)[-2:] == ["Ü1", "U2"]  # Ü as U: Ü1 before U2
    m10 = Measure.objects.get(version=draft, code="M10")
    services.update_element(by=None, obj=m10, values={"code": "M0"}, expected_revision=m10.revision)
    assert listed(draft).index("M0") < listed(draft).index("M2")


def test_a_ranked_version_is_not_ranked_again_until_a_measure_is_saved() -> None:
    draft = factories.strategy_with_draft()
    for code in ("M1", "M2"):
        factories.add_measure(draft, code)
    assert rank_measures(version=draft) is True
    with CaptureQueriesContext(connection) as ctx:
        assert rank_measures(version=draft) is False
    assert len(ctx.captured_queries) == 1
    factories.add_measure(draft, "M3")
    assert rank_measures(version=draft) is True
    assert list(Measure.objects.filter(version=draft).order_by("code_rank").values_list("code", flat=True)) == [
        "M1",
        "M2",
        "M3",
    ]


def test_a_save_naming_other_fields_keeps_the_rank() -> None:
    draft = factories.strategy_with_draft()
    measure = factories.add_measure(draft, "M1")
    rank_measures(version=draft)
    measure.refresh_from_db()
    measure.title = "Neu"
    measure.save(update_fields=["title"])
    assert Measure.objects.get(pk=measure.pk).code_rank == 0
    measure.code = "M9"
    measure.save(update_fields=["code"])
    assert Measure.objects.get(pk=measure.pk).code_rank is None


def test_a_page_needs_the_same_queries_for_few_and_many_measures_and_a_copy_keeps_the_ranks() -> None:
    def counted(measures: int) -> int:
        version = factories.adopted_strategy(measures=measures)
        selectors.measure_page(version, {}, 1, 2)  # ranks the frozen version once
        with CaptureQueriesContext(connection) as ctx:
            assert [m.code for m in selectors.measure_page(version, {}, 2, 2).object_list] == ["M3", "M4"]
        draft = services.start_revision(by=None, strategy=version.strategy)
        assert rank_measures(version=draft) is False  # the copy kept the ranks with the codes
        return len(ctx.captured_queries)

    assert counted(4) == counted(12)


def test_a_ranked_page_counts_and_checks_the_ranks_in_one_query_and_pages_as_the_paginator() -> None:
    """An adopted version's count is kept (and its measures ranked when it was counted); the page's
    rows, their fields and their reports make the other three."""
    version = factories.adopted_strategy(measures=5)
    selectors.measure_page(version, {}, 1, 2)  # ranks the frozen version once
    with CaptureQueriesContext(connection) as ctx:
        page = selectors.measure_page(version, {}, "2", 2)
    assert len(ctx.captured_queries) == 4  # kept count, the page's rows, their fields, their latest reports
    assert [m.code for m in page.object_list] == ["M3", "M4"]
    assert (page.number, page.paginator.count, page.paginator.num_pages, page.has_next()) == (2, 5, 3, True)
    for asked, shown in (("9", 3), ("x", 1), ("0", 3), (None, 1)):  # as Paginator.get_page
        assert selectors.measure_page(version, {}, asked, 2).number == shown
    assert [m.code for m in selectors.measure_page(version, {}, "9", 2).object_list] == ["M5"]


def test_a_frozen_version_is_ranked_when_adopted_and_not_asked_again_once_committed(
    django_capture_on_commit_callbacks: Any,
) -> None:
    """Adoption ranks the version (its rows never change again): once that is committed, this process
    asks no more; a draft is asked on every list (its measures change). A filtered page of the frozen
    version counts what it finds."""
    version = factories.adopted_strategy(measures=4)
    assert not Measure.objects.filter(version=version, code_rank__isnull=True).exists()
    with CaptureQueriesContext(connection) as ctx:
        assert rank_measures(version=version) is False  # not committed yet (the test's transaction): asked
    assert len(ctx.captured_queries) == 1
    with django_capture_on_commit_callbacks(execute=True):
        rank_measures(version=version)
    with CaptureQueriesContext(connection) as ctx:
        assert rank_measures(version=version) is False
    assert ctx.captured_queries == []
    draft = services.start_revision(by=None, strategy=version.strategy)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True), CaptureQueriesContext(connection) as ctx:
            assert rank_measures(version=draft) is False
        assert len(ctx.captured_queries) == 1
    page = selectors.measure_page(version, {"priority": "high"}, 1, 2)
    assert page.paginator.count == Measure.objects.filter(version=version, priority="high").count()
