"""Django's PostgreSQL backend whose per-request health check looks at the socket (decision 0040).

With persistent connections (``CONN_MAX_AGE``) and ``CONN_HEALTH_CHECKS``, Django checks the
connection once per request before its first statement. Django's PostgreSQL backend does that with a
``SELECT 1``: one more round trip to the server on every request, as dear as a small query.

An idle connection in autocommit mode has nothing to read: the server only writes to it in answer
to a statement. When the server ends the connection (restart, ``pg_terminate_backend``, idle
timeout, a proxy closing it), the socket becomes readable (the server's closing message, then
the end of the stream). So the check asks the operating system, without a round trip, whether the
socket is readable or hung up, and whether psycopg still counts the connection as open and neither
busy nor in a failed transaction; if not, Django closes it and opens a new one. A readable socket for
another reason (an asynchronous notice, a parameter the server reports after a reload) costs one
reconnect, nothing more.

What this check cannot see is a server that vanished without closing the connection (a network
partition); a ``SELECT 1`` would wait for the TCP timeout there as well. The request then fails on
its first statement and Django drops the connection at its end, as it does for any error. After an
error (``errors_occurred``) Django still asks :meth:`is_usable`, which runs the ``SELECT 1``.
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base
from psycopg import pq


def socket_is_idle(connection: object) -> bool:
    """Whether a psycopg connection looks usable: open, not busy, no failed transaction, nothing to read."""
    if connection.closed or connection.broken:  # type: ignore[attr-defined]
        return False
    status = connection.pgconn.transaction_status  # type: ignore[attr-defined]
    if status not in (pq.TransactionStatus.IDLE, pq.TransactionStatus.INTRANS):  # busy, failed or lost
        return False
    poller = select.poll()
    poller.register(connection.fileno(), select.POLLIN | select.POLLPRI)  # type: ignore[attr-defined]
    return not poller.poll(0)  # readable, hung up or in error: not idle


class DatabaseWrapper(base.DatabaseWrapper):
    def close_if_health_check_failed(self) -> None:
        due = self.health_check_enabled and not self.health_check_done  # type: ignore[attr-defined,has-type]
        if self.pool or self.connection is None or not due:  # type: ignore[attr-defined]
            return super().close_if_health_check_failed()
        if not socket_is_idle(self.connection):
            self.close()
        self.health_check_done = True
