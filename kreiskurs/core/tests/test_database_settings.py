"""PostgreSQL prepares the statements a connection repeats (decision 0039) and checks a kept connection's
health without a round trip (decision 0040, both issue 12)."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from typing import Any

import pytest
from django.db import close_old_connections, connection

from kreiskurs.postgresql.base import socket_is_idle
from kreiskurs.territory.models import District


def database_settings(**env: str) -> dict[str, Any]:
    """The database settings for ``env`` (a fresh process: settings are read once)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KREISKURS_")}
    clean.update({"DJANGO_SETTINGS_MODULE": "kreiskurs.settings", "KREISKURS_DEBUG": "1", **env})
    code = "import json; from django.conf import settings; print(json.dumps(settings.DATABASES['default']))"
    result = subprocess.run([sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def database_options(**env: str) -> dict[str, object]:
    return database_settings(**env).get("OPTIONS", {})


@pytest.mark.database_independent
def test_postgresql_binds_on_the_server_and_prepares_unless_turned_off() -> None:
    url = "postgres://kreiskurs@db.example.org/kreiskurs"
    assert database_options(DATABASE_URL=url) == {"server_side_binding": True, "prepare_threshold": 5}
    assert database_options(DATABASE_URL=url, KREISKURS_DB_PREPARE_THRESHOLD="2")["prepare_threshold"] == 2
    assert database_options(DATABASE_URL=url, KREISKURS_DB_PREPARE_THRESHOLD="0") == {}
    sqlite = database_options(DATABASE_URL="sqlite:////tmp/kreiskurs-options.sqlite3")
    assert "prepare_threshold" not in sqlite and sqlite["transaction_mode"] == "IMMEDIATE"


@pytest.mark.django_db
def test_a_statement_run_five_times_is_prepared_on_postgresql() -> None:
    def prepared() -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            return [row[0] for row in cursor.fetchall() if "territory_district" in row[0]]

    if connection.vendor != "postgresql":  # SQLite keeps its compiled statements itself (sqlite3's cache)
        assert "server_side_binding" not in connection.settings_dict["OPTIONS"]
        return
    assert connection.settings_dict["OPTIONS"]["prepare_threshold"] == 5
    lookup = District.objects.filter(slug="nirgendwo-im-test")
    for _ in range(5):
        assert not lookup.exists()
    assert prepared() == []  # run five times …
    assert not lookup.exists()  # … then prepared, from the sixth run on
    assert len(prepared()) == 1 and "$1" in prepared()[0]  # the slug a parameter, not a literal


@pytest.mark.database_independent
def test_postgresql_uses_the_backend_with_the_socket_health_check() -> None:
    postgresql = database_settings(DATABASE_URL="postgres://kreiskurs@db.example.org/kreiskurs")
    assert postgresql["ENGINE"] == "kreiskurs.postgresql"
    assert postgresql["CONN_HEALTH_CHECKS"] is True and postgresql["CONN_MAX_AGE"] == 60
    sqlite = database_settings(DATABASE_URL="sqlite:////tmp/kreiskurs-options.sqlite3")
    assert sqlite["ENGINE"] == "django.db.backends.sqlite3"


def wait_readable(raw: Any) -> None:
    """Wait until the server's closing message reaches the socket (a condition, not a time)."""
    poller = select.poll()
    poller.register(raw.fileno(), select.POLLIN)
    assert poller.poll(60_000), "the server did not close the connection"


def terminate(pid: int) -> None:
    """End a connection from the server's side, as a restart or an idle timeout does."""
    other = connection.get_new_connection(connection.get_connection_params())
    try:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()


@pytest.mark.django_db(transaction=True)
def test_the_socket_check_tells_a_usable_connection_from_a_lost_one() -> None:
    if connection.vendor != "postgresql":
        return
    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        assert socket_is_idle(raw)
        raw.autocommit = False
        raw.execute("SELECT 1")
        assert socket_is_idle(raw)  # in a transaction, nothing to read: usable
        with pytest.raises(Exception, match="division by zero"):
            raw.execute("SELECT 1 / 0")
        assert not socket_is_idle(raw)  # a failed transaction
        raw.rollback()
        raw.autocommit = True
        assert socket_is_idle(raw)
        terminate(raw.info.backend_pid)
        wait_readable(raw)
        assert not socket_is_idle(raw)  # the server ended it: its message waits on the socket
    finally:
        raw.close()
    assert not socket_is_idle(raw)  # closed


@pytest.mark.django_db(transaction=True)
def test_a_request_after_the_server_ended_the_kept_connection_gets_a_new_one(monkeypatch: Any) -> None:
    if connection.vendor != "postgresql":
        return
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] and connection.settings_dict["CONN_MAX_AGE"]

    def no_round_trip() -> bool:
        raise AssertionError("the health check of a kept connection must not run a statement")

    def backend_pid() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            return cursor.fetchone()[0]

    monkeypatch.setattr(connection, "is_usable", no_round_trip)
    first = backend_pid()
    close_old_connections()  # the end of one request and the start of the next
    assert backend_pid() == first  # checked and kept
    raw = connection.connection
    close_old_connections()
    terminate(first)
    wait_readable(raw)
    assert backend_pid() != first  # closed by the check and opened anew: the request works
    assert not District.objects.filter(slug="nirgendwo-im-test").exists()
