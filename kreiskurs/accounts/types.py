"""Who acts in a service: the type every write names as ``by``.

A signed-in account (``request.user`` of a back-office view), an anonymous
visitor (participation writes where the participant is the actor) or
``None`` for the system itself (management commands, background jobs, the
demo loader). The audit log records the account when there is one
(``audit.services.record_change``).
"""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser

from .models import User

Actor: TypeAlias = User | AnonymousUser | None


def account_of(by: Actor) -> User | None:
    """The account behind ``by``: the user when signed in, ``None`` for an anonymous visitor or the system.

    What a service stores as the author of a row (``created_by``, ``author``, …).
    """
    return by if isinstance(by, User) else None
