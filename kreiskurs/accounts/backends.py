"""The signed-in user of a request, read by a prepared query (decision 0037).

Every request of a signed-in person reads its user right after its session; Django's ``ModelBackend``
builds and compiles that query anew each time (about a quarter of a millisecond, issue 12).
:class:`AccountBackend` is ``ModelBackend`` (password logins, Django's model permissions) with the user
read by a :class:`~kreiskurs.prepared.Prepared` query; the provider login's backend reads the same way
(``oidc.ProviderBackend``). Both answer only active accounts, as ``ModelBackend`` does. The same
statement tells whether the account has confirmed a second factor (``twofactor.HAS_DEVICE``), which
``twofactor.SecondFactorMiddleware`` asks on every back-office request of a session not yet verified.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef, Q

from kreiskurs.prepared import Prepared

from .models import User
from .twofactor import DEVICE_KINDS, HAS_DEVICE

#: the path sessions of password logins name (settings.AUTHENTICATION_BACKENDS)
PASSWORD_BACKEND = "kreiskurs.accounts.backends.AccountBackend"


def _user(pk: int) -> Any:
    devices = Q(
        *(Exists(kind.objects.filter(user_id=OuterRef("pk"), confirmed=True)) for kind in DEVICE_KINDS), _connector=Q.OR
    )
    return User.objects.filter(pk=pk).annotate(**{HAS_DEVICE: devices})[:1]


_USER = Prepared(_user, pk=int)


def active_user(user_id: Any) -> User | None:
    """The user ``user_id`` (as the session keeps it) names, if that account is active."""
    if not isinstance(user_id, int) or isinstance(user_id, bool):
        return None  # User's primary key is an integer: the session holds no other
    user = _USER.first(pk=user_id)
    return user if user is not None and user.is_active else None


class AccountBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:  # type: ignore[override]
        return active_user(user_id)
