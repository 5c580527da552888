"""The signed unsubscribe link: it names the follow (person, kind, thing), needs no login and never expires.

It is signed with the installation's secret (``django.core.signing``, own salt),
so nobody can forge one for someone else's follow. It names the follow by its
content, not its id: an old mail's link still ends a follow started again later.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "kreiskurs.following.unsubscribe"


def unsubscribe_token(follow: Any) -> str:
    return signing.dumps([follow.user_id, follow.kind, follow.key], salt=SALT, compress=True)


def read_token(token: str) -> tuple[int, str, str] | None:
    """(user id, kind, key) of a genuine token; ``None`` for anything else."""
    try:
        user_id, kind, key = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(user_id, int) or not isinstance(kind, str) or not isinstance(key, str):
        return None
    return user_id, kind, key


def unsubscribe_url(follow: Any) -> str:
    return f"{settings.KREISKURS_BASE_URL}{reverse('following:unsubscribe', args=[unsubscribe_token(follow)])}"
