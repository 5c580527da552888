"""Query-planner statistics: refreshed after migrations and after big imports.

Without statistics both databases guess. SQLite then answers the correlated
subqueries of ``strategy.selectors.with_implementation`` through whichever index
comes first, and PostgreSQL plans a freshly filled table as if it were tiny until
autovacuum gets round to it. So the statistics are refreshed where the data
changes in bulk: after ``migrate`` (``core.apps`` connects :func:`after_migrate`
to ``post_migrate``) and after the territory, measurement and pol.is imports
(:func:`refresh_after_commit`, so the import's own transaction is not held open).

* PostgreSQL: ``ANALYZE`` (of the given tables, or the whole database).
* SQLite: ``ANALYZE`` with ``PRAGMA analysis_limit`` so the cost stays bounded
  whatever the size of the tables. (``PRAGMA optimize`` alone does nothing on
  tables that were never analysed before SQLite 3.46, which is the case for a
  new database; once ``sqlite_stat1`` exists, the same bounded ``ANALYZE`` keeps
  it current.)

A project-level module, so that every app, territory included, can call it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models, transaction

SQLITE_ANALYSIS_LIMIT = 1000  # rows sampled per index: bounded time, estimates good enough for the planner


def refresh_statistics(*, using: str = DEFAULT_DB_ALIAS, tables: Iterable[type[models.Model]] = ()) -> None:
    """Refresh the planner statistics of ``tables`` (models), or of the whole database when none are given."""
    connection = connections[using]
    quote = connection.ops.quote_name
    names = [quote(model._meta.db_table) for model in tables]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
            for statement in [f"ANALYZE {name}" for name in names] or ["ANALYZE"]:
                cursor.execute(statement)
        elif connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {', '.join(names)}" if names else "ANALYZE")


def refresh_after_commit(*tables: type[models.Model], using: str = DEFAULT_DB_ALIAS) -> None:
    """Refresh the statistics of ``tables`` once the current transaction has committed (at once outside one)."""
    transaction.on_commit(lambda: refresh_statistics(using=using, tables=tables), using=using)


def after_migrate(sender: Any, *, using: str = DEFAULT_DB_ALIAS, plan: Any = None, **kwargs: Any) -> None:
    """``post_migrate`` receiver, connected for the core app only: once per ``migrate`` run that applied
    migrations (``flush`` and a ``migrate`` with nothing to do send no plan)."""
    if not plan:
        return
    refresh_statistics(using=using)
