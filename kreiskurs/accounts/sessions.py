"""Django's database sessions, read with the signed-in user in one statement (issue 12).

A session row names the account signed in to it (``models.Session.user``, written from the session's
data on every save). Reading the row of a request's session key reads that user too, with its
memberships, their districts and its second factor (``backends.user_columns``), so that
``auth.get_user`` then asks no more (``middleware``): one statement instead of two on every request of a
signed-in person, by a prepared query (decision 0037). Everything else is Django's ``db`` backend:
writing, expiry, ``clearsessions``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import db
from django.utils import timezone

from kreiskurs.prepared import Prepared

from .backends import has_device, user_columns, user_from_rows
from .models import Session
from .twofactor import HAS_DEVICE

_SESSION_FIELDS = [f.attname for f in Session._meta.concrete_fields]


def _unexpired(key: str, now: dt.datetime) -> Any:
    """The unexpired session ``key``, once per membership of its user (see ``backends._user``)."""
    rows = Session.objects.filter(session_key=key, expire_date__gt=now).annotate(**{HAS_DEVICE: has_device("user_id")})
    return rows.order_by("user__memberships__id").values_list(*_SESSION_FIELDS, *user_columns("user__"), HAS_DEVICE)


_UNEXPIRED = Prepared(_unexpired, key=str, now=dt.datetime)


def user_id_in(data: dict[str, Any]) -> int | None:
    """The account a session's data is signed in to (``auth.login`` keeps its key as a string)."""
    try:
        return int(data[SESSION_KEY])
    except (KeyError, TypeError, ValueError):
        return None


class SessionStore(db.SessionStore):
    #: (the account the session row names, that user if active or ``None``), once the row is read
    user_read: tuple[int, Any] | None = None

    @classmethod
    def get_model_class(cls) -> type[Session]:
        return Session

    def create_model_instance(self, data: dict[str, Any]) -> Session:
        session = super().create_model_instance(data)
        session.user_id = user_id_in(data)  # type: ignore[attr-defined]
        return session  # type: ignore[return-value]

    def _get_session_from_db(self) -> Any:
        key = self.session_key
        found = _UNEXPIRED(key=key, now=timezone.now()) if isinstance(key, str) else None
        rows = list(found) if found is not None else []
        if found is None or not rows:  # as Django's: no such session, or expired
            self._session_key = None
            return None
        columns = len(_SESSION_FIELDS)
        session = Session.from_db(found.db, _SESSION_FIELDS, rows[0][:columns])
        if session.user_id is not None:  # type: ignore[attr-defined]
            self.user_read = (session.user_id, user_from_rows(found.db, rows, columns))  # type: ignore[attr-defined]
        return session
