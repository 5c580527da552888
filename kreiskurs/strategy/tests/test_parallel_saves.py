"""Two saves of the same measure at the same moment: exactly one wins (real threads, real DB)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from kreiskurs.core.editing import EditConflict
from kreiskurs.strategy import services
from kreiskurs.strategy.models import Measure
from tests import factories


@pytest.mark.django_db  # about the configured database: it runs in both parts of make test
def test_the_database_is_the_one_asked_for() -> None:
    """The PostgreSQL run really runs on PostgreSQL (DATABASE_URL), the default on SQLite."""
    import os

    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected


@pytest.mark.django_db(transaction=True)
def test_parallel_saves_with_the_same_revision_never_both_land() -> None:
    draft = factories.strategy_with_draft()
    measure = factories.add_measure(draft, "M1", fields=[factories.add_field(draft)])
    opened = measure.revision
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def save(n: int) -> None:
        try:
            barrier.wait()
            obj = Measure.objects.get(pk=measure.pk)
            services.update_element(by=None, obj=obj, values={"title": f"Titel {n}"}, expected_revision=opened)
            outcomes.append("saved")
        except EditConflict:
            outcomes.append("conflict")
        except Exception as exc:
            outcomes.append(f"error: {exc!r}")
        finally:
            connections.close_all()

    threads: list[Any] = [threading.Thread(target=save, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "conflict", "conflict", "saved"], outcomes
    measure.refresh_from_db()
    assert measure.revision == opened + 1
