"""The demo district built once per test session and copied back where tests need it (SQLite).

Loading the demo through the services takes seconds; copying a finished SQLite
database back (SQLite's online backup) takes milliseconds. The session fixture
``demo_snapshot`` (root ``conftest.py``) builds it on first use and leaves the
test database as migrations made it. On other databases there is no snapshot:
the demo is loaded where it is needed (see ``demo_for_module``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.test import override_settings


@dataclass(frozen=True)
class Snapshot:
    """Copies of the test database: as migrations made it, and with the demo loaded."""

    empty: Path
    loaded: Path


def build(folder: Path, settings_for_tests: dict[str, Any]) -> Snapshot:
    """Load the demo into the (migrated, empty) test database, keep both states, put the empty one back."""
    from kreiskurs.demo.loader import load_demo

    snapshot = Snapshot(empty=folder / "migrated.sqlite3", loaded=folder / "demo.sqlite3")
    with override_settings(**settings_for_tests):
        copy_database(to=snapshot.empty)
        load_demo()
        copy_database(to=snapshot.loaded)
        restore_database(snapshot.empty)
    return snapshot


def copy_database(*, to: Path) -> None:
    from django.db import connection

    connection.ensure_connection()
    target = sqlite3.connect(to)
    try:
        connection.connection.backup(target)
    finally:
        target.close()


def restore_database(source: Path) -> None:
    """Overwrite the test database with a copy, through Django's own connection.

    Other connections (a live server's threads) see the new content at their next
    statement (SQLite notices the changed file). Cached content type ids are
    dropped because the copy may number them differently from a flushed database.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    connection.ensure_connection()
    copy = sqlite3.connect(source)
    try:
        copy.backup(connection.connection)
    finally:
        copy.close()
    ContentType.objects.clear_cache()


@contextmanager
def demo_for_module(snapshot: Snapshot | None, django_db_blocker: Any) -> Iterator[Any]:
    """The demo district for the tests of one module (each test still runs in its own transaction).

    With a snapshot (SQLite) it is copied in and the empty database copied back
    afterwards; without one (PostgreSQL) it is loaded in a transaction that is
    rolled back afterwards. Yields the demo district.
    """
    from django.db import transaction

    from kreiskurs.demo.loader import DISTRICT_KEY, load_demo
    from kreiskurs.territory.models import District

    with django_db_blocker.unblock():
        if snapshot is None:
            with transaction.atomic():
                yield load_demo()
                transaction.set_rollback(True)
            return
        restore_database(snapshot.loaded)
        try:
            yield District.objects.get(key=DISTRICT_KEY)
        finally:
            restore_database(snapshot.empty)
