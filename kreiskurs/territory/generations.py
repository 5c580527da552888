"""A district's cache generation moves on once per transaction, not once per write.

Every audited write moves ``District.generation`` on, so that cached pages of the district are
not served again (``portal/caching.py``). A transaction that writes many rows (an import, the demo,
a batch of status reports) used to update the district row once per row. On PostgreSQL each update
leaves a new version of that row, and every deferred foreign-key check against the district — one
per row written that names it — walks those versions at COMMIT: the commit grew with writes × rows
(0.06, 0.21, 0.79 s for 2,000, 4,000, 8,000 rows in a plain table; minutes for a 5,000-measure
strategy). Now the first write of a transaction moves the generation on and later writes of the
same transaction leave it: readers see the new rows and the new generation together at COMMIT.

"The same transaction" is the outermost atomic block that is not a test case's (inside a test's
transaction: the savepoint that block opened, so each service call of a test still counts on its
own), and only while the callback registered with ``on_commit`` at the bump is still pending:
Django drops it at COMMIT, at a rollback, and when the savepoint it was registered in is rolled
back (which undid the bump too), so the next write moves the generation on again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

#: on the connection: (the transaction's token, per district moved on: its pending callback)
_MARK = "_kreiskurs_generation_mark"


def _token(connection: BaseDatabaseWrapper) -> object | None:
    """What names the running transaction; ``None`` outside one (autocommit: each write is its own)."""
    own = [i for i, block in enumerate(connection.atomic_blocks) if not block._from_testcase]  # type: ignore[attr-defined]
    if not own:
        return None
    return "transaction" if own[0] == 0 else connection.savepoint_ids[own[0] - 1]


def _pending(connection: BaseDatabaseWrapper, callback: Callable[[], None]) -> bool:
    return any(entry[1] is callback for entry in connection.run_on_commit)


def bump(district_model: Any, pk: int) -> None:
    """Move the district's generation on, once in the running transaction (see the module)."""
    connection = transaction.get_connection()
    token = _token(connection)
    if token is not None:
        mark: tuple[object, dict[int, Callable[[], None]]] | None = getattr(connection, _MARK, None)
        moved = mark[1] if mark is not None and mark[0] == token else {}
        if mark is None or mark[0] != token:
            setattr(connection, _MARK, (token, moved))
        pending = moved.get(pk)
        if pending is not None and _pending(connection, pending):
            return

        def forget() -> None:  # one per district: a savepoint rolled back drops its own bump's callback
            moved.pop(pk, None)

        transaction.on_commit(forget)
        moved[pk] = forget
    district_model.objects.filter(pk=pk).update(generation=models.F("generation") + 1)
