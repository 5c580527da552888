"""The demo district built once per test session and copied back where tests need it.

Loading the demo through the services takes seconds; copying a finished database
back takes milliseconds (SQLite: its online backup of the file; PostgreSQL: a new
database made from a template). The session fixture ``demo_snapshot`` (root
``conftest.py``) builds it on first use and leaves the test database as it was
created (migrated, empty). Restoring replaces the whole test database, so it
happens between tests, never inside a test's transaction (``demo_for_module``, the
browser tests' ``demo``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.test import override_settings

#: the databases a snapshot can be made of
VENDORS = ("sqlite", "postgresql")


@dataclass(frozen=True)
class Snapshot:
    """Copies of the test database: as it was created (empty), and with the demo loaded.

    SQLite: two files; PostgreSQL: two databases of the same cluster.
    """

    empty: str
    loaded: str


def build(folder: Path, settings_for_tests: dict[str, Any]) -> Snapshot:
    """Load the demo into the (empty) test database, keep both states, put the empty one back."""
    from django.db import connection

    from kreiskurs.demo.loader import load_demo

    if connection.vendor == "sqlite":
        snapshot = Snapshot(empty=str(folder / "empty.sqlite3"), loaded=str(folder / "demo.sqlite3"))
    else:
        name = connection.settings_dict["NAME"]
        snapshot = Snapshot(empty=f"{name}_empty", loaded=f"{name}_demo")
    with override_settings(**settings_for_tests):
        copy_database(to=snapshot.empty)
        load_demo()
        copy_database(to=snapshot.loaded)
        restore_database(snapshot.empty)
    return snapshot


def drop(snapshot: Snapshot) -> None:
    """Remove the copies (the files of SQLite go with their session folder)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection._nodb_cursor() as cursor:
            for name in (snapshot.empty, snapshot.loaded):
                cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")


def copy_database(*, to: str) -> None:
    """Copy the test database as it is now to ``to``."""
    from django.db import connection

    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(to)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        _postgresql_copy(source=connection.settings_dict["NAME"], target=to)


def restore_database(source: str) -> None:
    """Overwrite the test database with a copy.

    SQLite: through Django's own connection; other connections (a live server's
    threads) see the new content at their next statement (SQLite notices the
    changed file). PostgreSQL: the test database is dropped and made again from
    the copy; Django connects anew at the next query. Cached content type ids are
    dropped because the copy may number them differently from a flushed database.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(source)
        try:
            copy.backup(connection.connection)
        finally:
            copy.close()
    else:
        _postgresql_copy(source=source, target=connection.settings_dict["NAME"])
    ContentType.objects.clear_cache()


def _postgresql_copy(*, source: str, target: str) -> None:
    """``target`` becomes a copy of ``source`` (a template copy needs no session on the source:
    Django's is closed, others, e.g. of finished threads, are ended)."""
    from django.db import connection

    connection.close()
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname IN (%s, %s) "
            "AND pid <> pg_backend_pid()",
            [source, target],
        )
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(target)}")
        cursor.execute(f"CREATE DATABASE {quote(target)} TEMPLATE {quote(source)}")


@contextmanager
def demo_for_module(snapshot: Snapshot | None, django_db_blocker: Any) -> Iterator[Any]:
    """The demo district for the tests of one module (each test still runs in its own transaction).

    With a snapshot it is copied in and the empty database copied back afterwards;
    without one (a database other than SQLite and PostgreSQL) it is loaded in a
    transaction that is rolled back afterwards. Yields the demo district.
    """
    from django.db import transaction

    from kreiskurs.demo.loader import DISTRICT_KEY, load_demo
    from kreiskurs.territory.models import District

    with django_db_blocker.unblock():
        if snapshot is None:
            block = transaction.atomic()
            block._from_testcase = True  # type: ignore[attr-defined]  # the tests' transaction (as in conftest.py)
            with block:
                yield load_demo()
                transaction.set_rollback(True)
            return
        restore_database(snapshot.loaded)
        try:
            yield District.objects.get(key=DISTRICT_KEY)
        finally:
            restore_database(snapshot.empty)
