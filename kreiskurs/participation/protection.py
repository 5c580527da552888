"""Protection against floods and bots, without third-party services.

* **Rate limits** per account and per IP address for every kind of
  submission: fixed windows counted in the database (shared by all workers),
  keyed by a keyed hash, so neither addresses nor account ids are stored.
* **Bot protection** (``kreiskurs/botcheck.py``): a honeypot field and a
  signed timestamp on every participation form.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from kreiskurs.botcheck import HONEYPOT, MIN_SECONDS, STAMP, form_stamp, looks_like_a_bot
from kreiskurs.territory.models import District

from .models import RateWindow

__all__ = [
    "HONEYPOT",
    "LIMITS",
    "MIN_SECONDS",
    "STAMP",
    "RateLimited",
    "check_rate",
    "client_address",
    "form_stamp",
    "looks_like_a_bot",
]


@dataclass(frozen=True)
class Limit:
    per_account: int
    per_address: int
    window: dt.timedelta = dt.timedelta(minutes=10)


#: kind of submission → limits per window; votes come in quick succession, ideas do not
LIMITS: dict[str, Limit] = {
    "idea": Limit(per_account=10, per_address=30),
    "comment": Limit(per_account=30, per_address=90),
    "statement": Limit(per_account=10, per_address=30),
    "vote": Limit(per_account=600, per_address=1800),
    "support": Limit(per_account=100, per_address=300),
    "rating": Limit(per_account=300, per_address=900),
    "survey": Limit(per_account=5, per_address=30),
    "report": Limit(per_account=20, per_address=60),
    "join": Limit(per_account=5, per_address=20),
}


class RateLimited(Exception):
    """Too many submissions of one kind in the current window."""


def _key(*parts: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), "|".join(parts).encode(), hashlib.sha256).hexdigest()


def _window_start(now: dt.datetime, window: dt.timedelta) -> dt.datetime:
    seconds = int(window.total_seconds())
    return dt.datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, tz=dt.UTC)


def _count(district: District, key: str, start: dt.datetime) -> int:
    """Add one to the window's counter and return the new count (safe under concurrent requests)."""
    for _attempt in range(2):
        updated = RateWindow.objects.filter(key=key, window_start=start).update(count=models.F("count") + 1)
        if updated:
            return RateWindow.objects.get(key=key, window_start=start).count
        try:
            with transaction.atomic():
                RateWindow.objects.create(district=district, key=key, window_start=start, count=1)
            return 1
        except IntegrityError:
            continue  # created by a parallel request: count on it
    return RateWindow.objects.get(key=key, window_start=start).count


def check_rate(*, district: District, kind: str, account: str, address: str | None) -> None:
    """Count one submission of ``kind``; raise ``RateLimited`` when a limit is passed.

    ``account`` names the submitter (user id, or the participant for
    pseudonymous participants; empty where nobody is known yet); ``address``
    is the client IP address.
    """
    limit = LIMITS[kind]
    now = timezone.now()
    start = _window_start(now, limit.window)
    if RateWindow.objects.filter(window_start__lt=now - dt.timedelta(days=1)).exists():
        RateWindow.objects.filter(window_start__lt=now - dt.timedelta(days=1)).delete()
    if account and _count(district, _key(kind, "account", account), start) > limit.per_account:
        raise RateLimited(kind)
    if address and _count(district, _key(kind, "address", address), start) > limit.per_address:
        raise RateLimited(kind)


def client_address(request: object) -> str | None:
    """The client's address as the server sees it (behind a proxy: set it to pass REMOTE_ADDR on)."""
    meta = getattr(request, "META", {})
    return meta.get("REMOTE_ADDR") or None
