"""Planner statistics are refreshed after migrations and after big imports (issue 12)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from kreiskurs import demo
from kreiskurs.planner_stats import after_migrate, refresh_statistics
from kreiskurs.strategy import services
from kreiskurs.strategy.models import Measure, StatusReport
from tests import factories

pytestmark = pytest.mark.django_db


def analysed_rows(model: type) -> int | None:
    """The row count the planner's statistics hold for ``model``'s table (None: never analysed)."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone() is None:
                return None
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s AND idx IS NOT NULL", [table])
            row = cursor.fetchone()
            return int(row[0].split()[0]) if row else None
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        tuples = cursor.fetchone()[0]
        return None if tuples < 0 else int(tuples)


def add_reports(count: int) -> None:
    version = factories.adopted_strategy(measures=1)
    measure = Measure.objects.get(version=version)
    for n in range(count):
        services.record_status_report(
            by=None,
            measure=measure,
            date=dt.date(2024, 1, 1) + dt.timedelta(days=n),
            phase="pilot",
            progress=n,
            text="x",
        )


def test_refresh_records_the_size_of_the_given_tables() -> None:
    add_reports(30)
    refresh_statistics(tables=[StatusReport])
    assert analysed_rows(StatusReport) == 30


def test_after_migrate_refreshes_only_when_migrations_were_applied() -> None:
    add_reports(12)
    after_migrate(sender=None, plan=[])  # nothing applied (also what flush sends): nothing to do
    before = analysed_rows(StatusReport)
    assert before != 12
    after_migrate(sender=None, plan=[("a migration", False)])
    assert analysed_rows(StatusReport) == 12


def test_the_territory_import_refreshes_after_its_transaction(django_capture_on_commit_callbacks: Any) -> None:
    from kreiskurs.territory.importer import import_gv100ad
    from kreiskurs.territory.models import Municipality

    source = Path(demo.__file__).parent / "data" / "GV100AD_301123_excerpt.txt"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        import_gv100ad(source)
    assert callbacks
    assert analysed_rows(Municipality) == Municipality.objects.count() > 0
