"""The one rate limiter: fixed windows counted in the database, shared by all workers.

Participation (``participation/protection.py``) and registration count here.
Keys are keyed hashes (HMAC with the secret key) of the kind of action and the
account or client address (``kreiskurs.net.client_ip``), so neither is stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from .models import RateWindow


@dataclass(frozen=True)
class Limit:
    """At most ``per_account`` and ``per_address`` actions of one kind per window (0: not counted)."""

    per_account: int
    per_address: int
    window: dt.timedelta = dt.timedelta(minutes=10)


#: counters older than this are deleted, so a window is at most this long
KEEP = dt.timedelta(days=1)


class RateLimited(Exception):
    """Too many actions of one kind in the current window."""


def _key(*parts: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), "|".join(parts).encode(), hashlib.sha256).hexdigest()


def _window_start(now: dt.datetime, window: dt.timedelta) -> dt.datetime:
    seconds = int(window.total_seconds())
    return dt.datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, tz=dt.UTC)


def _count(key: str, start: dt.datetime) -> int:
    """Add one to the window's counter and return the new count (safe under concurrent requests)."""
    for _attempt in range(2):
        updated = RateWindow.objects.filter(key=key, window_start=start).update(count=models.F("count") + 1)
        if updated:
            return RateWindow.objects.get(key=key, window_start=start).count
        try:
            with transaction.atomic():
                RateWindow.objects.create(key=key, window_start=start, count=1)
            return 1
        except IntegrityError:
            continue  # created by a parallel request: count on it
    return RateWindow.objects.get(key=key, window_start=start).count


def check_rate(*, kind: str, limit: Limit, account: str, address: str | None, now: dt.datetime | None = None) -> None:
    """Count one action of ``kind``; raise ``RateLimited`` when a limit is passed.

    ``account`` names the actor (user id, participant; empty where nobody is
    known yet), ``address`` is the client's IP address (``kreiskurs.net.client_ip``).
    """
    now = now or timezone.now()
    start = _window_start(now, limit.window)
    stale = RateWindow.objects.filter(window_start__lt=now - KEEP)
    if stale.exists():
        stale.delete()
    if account and limit.per_account and _count(_key(kind, "account", account), start) > limit.per_account:
        raise RateLimited(kind)
    if address and limit.per_address and _count(_key(kind, "address", address), start) > limit.per_address:
        raise RateLimited(kind)
