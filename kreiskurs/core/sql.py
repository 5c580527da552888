"""Names for the few plain SQL statements of hot reads (decision 0036): quoted by the connection,
taken from the models, so a statement follows ``db_table`` and runs on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from django.db import connection


def table(model: Any) -> str:
    """The model's table, quoted."""
    return str(connection.ops.quote_name(model._meta.db_table))


def column(model: Any, field: str, *, alias: str | None = None) -> str:
    """``table.column`` of the model's field (a foreign key by its ``_id`` column), quoted; ``alias``
    names the table as the statement does (``FROM … r``)."""
    return f"{alias or table(model)}.{connection.ops.quote_name(model._meta.get_field(field).column)}"


def marks(n: int) -> str:
    """``n`` parameter placeholders for an ``IN (…)``."""
    return ", ".join(["%s"] * n)
