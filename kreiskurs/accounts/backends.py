"""The signed-in user of a request, read in one statement with what every request asks of it.

:class:`AccountBackend` is ``ModelBackend`` (password logins, Django's model permissions) whose user is
read with its memberships and their districts (``rules.memberships``, which the permission rules and
every back-office page ask) and whether it has confirmed a second factor (``twofactor.HAS_DEVICE``,
which ``twofactor.SecondFactorMiddleware`` asks on every back-office request of a session not yet
verified); the provider login's backend reads the same way (``oidc.ProviderBackend``). Both answer only
active accounts, as ``ModelBackend`` does. A request's user comes with its session row, read in the
session's statement (``sessions``, ``middleware``); without one, a prepared query reads it
(decision 0037; issue 12).
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef, Q

from kreiskurs.prepared import Prepared
from kreiskurs.territory.models import District

from .models import Membership, User
from .rules import keep_memberships
from .twofactor import DEVICE_KINDS, HAS_DEVICE

#: the path sessions of password logins name (settings.AUTHENTICATION_BACKENDS)
PASSWORD_BACKEND = "kreiskurs.accounts.backends.AccountBackend"

#: the session store of the request whose user ``auth.get_user`` is reading, set only for that call
#: (``middleware.AuthenticationMiddleware``): its ``user_read`` is the user read with the session row
SESSION_OF_REQUEST: ContextVar[Any] = ContextVar("kreiskurs_session_of_request", default=None)


#: the columns of the read below, each model's concrete fields in their order (``Model.from_db``)
_USER_FIELDS = [f.name for f in User._meta.concrete_fields]
_MEMBERSHIP_FIELDS = [f.name for f in Membership._meta.concrete_fields]
_DISTRICT_FIELDS = [f.name for f in District._meta.concrete_fields]


def user_columns(via: str = "") -> list[str]:
    """The lookups of a user's row with its memberships and their districts, the user reached ``via``
    a relation (``"user__"``) or read directly (``""``): :func:`user_from_rows` makes the objects."""
    return [
        *(f"{via}{name}" for name in _USER_FIELDS),
        *(f"{via}memberships__{name}" for name in _MEMBERSHIP_FIELDS),
        *(f"{via}memberships__district__{name}" for name in _DISTRICT_FIELDS),
    ]


def has_device(user: str) -> Q:
    """Whether the user the outer query's column ``user`` names has confirmed a second factor."""
    return Q(
        *(Exists(kind.objects.filter(user_id=OuterRef(user), confirmed=True)) for kind in DEVICE_KINDS), _connector=Q.OR
    )


def _user(pk: int) -> Any:
    """The user, once per membership (none: once, the membership's columns empty), with its
    memberships and their districts and whether it has confirmed a second factor: one statement."""
    rows = User.objects.filter(pk=pk).annotate(**{HAS_DEVICE: has_device("pk")}).order_by("memberships__id")
    return rows.values_list(*user_columns(), HAS_DEVICE)


_USER = Prepared(_user, pk=int)


def user_from_rows(db: str, rows: list[tuple[Any, ...]], start: int = 0) -> User | None:
    """The active user whose columns (:func:`user_columns`, then the second-factor flag) begin at ``start``
    of each row, one row per membership, with its memberships kept for the permission rules; ``None``
    for no rows, no user (an outer join's empty columns) or an inactive account (as ``ModelBackend``)."""
    if not rows or rows[0][start] is None:
        return None
    users, members = len(_USER_FIELDS), len(_MEMBERSHIP_FIELDS)
    user = User.from_db(db, _USER_FIELDS, rows[0][start : start + users])
    if not user.is_active:
        return None
    setattr(user, HAS_DEVICE, rows[0][-1])
    held = []
    for row in rows:
        membership_at, district_at = start + users, start + users + members
        if row[membership_at] is None:  # no membership
            continue
        membership = Membership.from_db(db, _MEMBERSHIP_FIELDS, row[membership_at:district_at])
        district = District.from_db(db, _DISTRICT_FIELDS, row[district_at:-1])
        Membership.user.field.set_cached_value(membership, user)  # type: ignore[attr-defined]
        Membership.district.field.set_cached_value(membership, district)  # type: ignore[attr-defined]
        held.append(membership)
    keep_memberships(user, held)
    return user


def active_user(user_id: Any) -> User | None:
    """The user ``user_id`` (as the session keeps it) names, if that account is active; read with its
    memberships (``rules.memberships`` asks no more) and its second factor (``twofactor.HAS_DEVICE``).
    While ``auth.get_user`` reads the user of a request (``middleware``), the one read with that
    request's session row (``sessions``) is taken, if it is this one."""
    if not isinstance(user_id, int) or isinstance(user_id, bool):
        return None  # User's primary key is an integer: the session holds no other
    session = SESSION_OF_REQUEST.get()
    read = getattr(session, "user_read", None)
    if read is not None and read[0] == user_id:
        return read[1]
    rows = _USER(pk=user_id)
    return user_from_rows(rows.db, list(rows))


class AccountBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:  # type: ignore[override]
        return active_user(user_id)
