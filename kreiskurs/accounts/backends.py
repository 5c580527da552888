"""The signed-in user of a request, read by a prepared query (decision 0037).

Every request of a signed-in person reads its user right after its session; Django's ``ModelBackend``
builds and compiles that query anew each time (about a quarter of a millisecond, issue 12).
:class:`AccountBackend` is ``ModelBackend`` (password logins, Django's model permissions) with the user
read by a :class:`~kreiskurs.prepared.Prepared` query; the provider login's backend reads the same way
(``oidc.ProviderBackend``). Both answer only active accounts, as ``ModelBackend`` does. The same
statement reads the account's memberships with their districts (``rules.memberships``, which the
permission rules and every back-office page ask) and tells whether the account has confirmed a
second factor (``twofactor.HAS_DEVICE``, which ``twofactor.SecondFactorMiddleware`` asks on every
back-office request of a session not yet verified).
"""

from __future__ import annotations

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


#: the columns of the read below, each model's concrete fields in their order (``Model.from_db``)
_USER_FIELDS = [f.name for f in User._meta.concrete_fields]
_MEMBERSHIP_FIELDS = [f.name for f in Membership._meta.concrete_fields]
_DISTRICT_FIELDS = [f.name for f in District._meta.concrete_fields]


def _user(pk: int) -> Any:
    """The user, once per membership (none: once, the membership's columns empty), with its
    memberships and their districts and whether it has confirmed a second factor: one statement."""
    devices = Q(
        *(Exists(kind.objects.filter(user_id=OuterRef("pk"), confirmed=True)) for kind in DEVICE_KINDS), _connector=Q.OR
    )
    columns = [
        *_USER_FIELDS,
        *(f"memberships__{name}" for name in _MEMBERSHIP_FIELDS),
        *(f"memberships__district__{name}" for name in _DISTRICT_FIELDS),
    ]
    rows = User.objects.filter(pk=pk).annotate(**{HAS_DEVICE: devices}).order_by("memberships__id")
    return rows.values_list(*columns, HAS_DEVICE)


_USER = Prepared(_user, pk=int)


def active_user(user_id: Any) -> User | None:
    """The user ``user_id`` (as the session keeps it) names, if that account is active; read with its
    memberships (``rules.memberships`` asks no more) and its second factor (``twofactor.HAS_DEVICE``)."""
    if not isinstance(user_id, int) or isinstance(user_id, bool):
        return None  # User's primary key is an integer: the session holds no other
    rows = _USER(pk=user_id)
    found = list(rows)
    if not found:
        return None
    users, members = len(_USER_FIELDS), len(_MEMBERSHIP_FIELDS)
    user = User.from_db(rows.db, _USER_FIELDS, found[0][:users])
    if not user.is_active:
        return None
    setattr(user, HAS_DEVICE, found[0][-1])
    held = []
    for row in found:
        if row[users] is None:  # no membership
            continue
        membership = Membership.from_db(rows.db, _MEMBERSHIP_FIELDS, row[users : users + members])
        district = District.from_db(rows.db, _DISTRICT_FIELDS, row[users + members : -1])
        Membership.user.field.set_cached_value(membership, user)  # type: ignore[attr-defined]
        Membership.district.field.set_cached_value(membership, district)  # type: ignore[attr-defined]
        held.append(membership)
    keep_memberships(user, held)
    return user


class AccountBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:  # type: ignore[override]
        return active_user(user_id)
