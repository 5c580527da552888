"""Shared pytest set-up: test settings that do not depend on the environment."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

GV100AD_EXCERPT = "kreiskurs/demo/data/GV100AD_301123_excerpt.txt"


def _settings_for_tests() -> dict[str, Any]:
    """The settings every test runs with (see ``_test_settings``)."""
    from django.conf import settings

    return {
        "SECURE_SSL_REDIRECT": False,
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "ALLOWED_HOSTS": ["testserver", "localhost", "127.0.0.1"],
        "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        # the sentence-embedding model needs seconds to load on this machine: tests use TF-IDF only
        "TEXT_ANALYSIS_EMBEDDINGS": False,
        # every prepared query is compiled anew as well and compared (kreiskurs/prepared.py)
        "KREISKURS_PREPARED_CHECK": True,
        "STORAGES": {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    }


#: the fixture through which a test reaches the configured database: pytest-django's ``db``,
#: ``transactional_db``, ``live_server`` … and module fixtures that build data all request it
#: (``django_db_blocker`` alone is no sign: an autouse fixture of pytest-django requests it)
DATABASE_FIXTURES = frozenset({"django_db_setup"})


def uses_database(item: pytest.Item) -> bool:
    """Whether a test can reach the configured database.

    pytest-django refuses database access to a test that neither carries the
    ``django_db`` marker nor requests a database fixture (directly or through
    other fixtures), so such a test behaves the same whatever ``DATABASE_URL``
    names. A subprocess it starts inherits the variable (``tests/test_deploy.py``
    runs ``check --deploy`` and ``makemigrations --check``); those check settings
    and files, not rows, and a test whose subject is the configured database
    carries ``django_db``.
    """
    if item.get_closest_marker("django_db") is not None:
        return True
    if DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ())):
        return True
    from django.test import TransactionTestCase

    cls = getattr(item, "cls", None)
    return cls is not None and issubclass(cls, TransactionTestCase)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that cannot reach the configured database ``database_independent``.

    ``make test`` runs those once, in the SQLite part: on PostgreSQL they would
    only repeat the same work (``-m "not database_independent"``). Tests with a
    database of their own (a subprocess with its own files) carry the marker by hand.
    """
    marker = pytest.mark.database_independent
    for item in items:
        if not uses_database(item):
            item.add_marker(marker)


@pytest.fixture(scope="session")
def settings_for_tests() -> dict[str, Any]:
    """The settings every test runs with, for session fixtures that build data before any test
    (use them with ``override_settings``): the same password hasher, task backend, etc."""
    return _settings_for_tests()


@pytest.fixture(autouse=True)
def _test_settings(settings: Any) -> None:
    """Plain HTTP, fast hashing, a fresh cache per test, German, background work run at once.

    Tests run tasks with django-tasks' immediate backend; the database backend and
    its worker are tested in ``kreiskurs/core/tests``.
    """
    for name, value in _settings_for_tests().items():
        setattr(settings, name, value)
    # a request of an earlier test may have switched the thread's language (German is the default)
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    from django.core.cache import cache

    from kreiskurs.api import serializers

    cache.clear()
    serializers._LOCAL.clear()


#: a file system in memory, where the machine has one: database files there cost no disk writes
MEMORY_FILESYSTEM = Path("/dev/shm")


@pytest.fixture(scope="session")
def database_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder for the session's SQLite files (the test database, the demo snapshots):
    in memory (``/dev/shm``) where the machine has it, else pytest's temporary folder.

    The files stay files, as in production; only the disk writes (fsync on every
    commit of a transactional test, every snapshot copy) are gone.
    """
    if MEMORY_FILESYSTEM.is_dir() and os.access(MEMORY_FILESYSTEM, os.W_OK):
        folder = Path(tempfile.mkdtemp(prefix="kreiskurs-tests-", dir=MEMORY_FILESYSTEM))
        yield folder
        shutil.rmtree(folder, ignore_errors=True)
    else:
        yield tmp_path_factory.mktemp("db")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(database_folder: Path) -> None:
    """SQLite tests use a file, as production does: writers then wait for each other
    (WAL, immediate transactions) instead of failing on shared-cache table locks."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        db.setdefault("TEST", {})["NAME"] = str(database_folder / "test.sqlite3")


@pytest.fixture(scope="session")
def demo_snapshot(
    django_db_setup: None, django_db_blocker: Any, database_folder: Path, settings_for_tests: dict[str, Any]
) -> Iterator[Any]:
    """The demo district built once per session as a copy of the test database
    (``tests/demo_snapshot.py``, SQLite and PostgreSQL); ``None`` on other databases."""
    from django.db import connection

    from tests import demo_snapshot

    if connection.vendor not in demo_snapshot.VENDORS:
        yield None
        return
    with django_db_blocker.unblock():
        snapshot = demo_snapshot.build(database_folder, settings_for_tests)
    yield snapshot
    with django_db_blocker.unblock():
        demo_snapshot.drop(snapshot)


@pytest.fixture(scope="module")
def demo_district(demo_snapshot: Any, django_db_blocker: Any) -> Iterator[Any]:
    """The demo district for all tests of one module (``tests/demo_snapshot.py``): copied in on
    SQLite, loaded once on other databases; each test still runs in its own transaction."""
    from tests.demo_snapshot import demo_for_module

    with demo_for_module(demo_snapshot, django_db_blocker) as district:
        yield district


@pytest.fixture(scope="module")
def rows_for_module(django_db_setup: None, django_db_blocker: Any, settings_for_tests: dict[str, Any]) -> Any:
    """Build rows once for all tests of a module: ``with rows_for_module(): ...`` in a module
    fixture. The rows live in a transaction rolled back after the module; each test runs in
    a savepoint inside it, so what one test writes is gone for the next."""
    from django.db import transaction
    from django.test import override_settings

    @contextmanager
    def rows() -> Iterator[None]:
        block = transaction.atomic()
        # the tests' own transaction, marked as Django's TestCase marks its atomics: code under test treats
        # the service calls inside as transactions of their own (durable blocks, territory/generations.py)
        block._from_testcase = True  # type: ignore[attr-defined]
        with django_db_blocker.unblock(), override_settings(**settings_for_tests), block:
            yield
            transaction.set_rollback(True)

    return rows
