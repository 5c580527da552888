"""PostgreSQL prepares the statements a connection repeats (decision 0039, issue 12)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

from kreiskurs.territory.models import District


def database_options(**env: str) -> dict[str, object]:
    """The database OPTIONS the settings give for ``env`` (a fresh process: settings are read once)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KREISKURS_")}
    clean.update({"DJANGO_SETTINGS_MODULE": "kreiskurs.settings", "KREISKURS_DEBUG": "1", **env})
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
    )
    result = subprocess.run([sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


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
