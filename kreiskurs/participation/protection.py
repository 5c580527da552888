"""Protection against floods and bots, without third-party services.

* **Rate limits** per account and per IP address for every kind of
  submission, counted by the one database-backed limiter
  (``kreiskurs/accounts/ratelimit.py``, shared by all workers); the client
  address comes from ``kreiskurs.net.client_ip`` (proxy-aware).
* **Bot protection** (``kreiskurs/botcheck.py``): a honeypot field and a
  signed timestamp on every participation form.
"""

from __future__ import annotations

import datetime as dt

from kreiskurs.accounts import ratelimit
from kreiskurs.accounts.ratelimit import Limit, RateLimited
from kreiskurs.botcheck import HONEYPOT, MIN_SECONDS, STAMP, form_stamp, looks_like_a_bot
from kreiskurs.net import client_ip
from kreiskurs.territory.models import District

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


def check_rate(
    *, district: District, kind: str, account: str, address: str | None, now: dt.datetime | None = None
) -> None:
    """Count one submission of ``kind`` in ``district``; raise ``RateLimited`` when a limit is passed.

    ``account`` names the submitter (user id, or the participant for
    pseudonymous participants; empty where nobody is known yet); ``address``
    is the client IP address. The counters are not per district: a flood
    spread over several districts is still one flood.
    """
    ratelimit.check_rate(kind=kind, limit=LIMITS[kind], account=account, address=address, now=now)


def client_address(request: object) -> str | None:
    """The client's address (``kreiskurs.net.client_ip``: behind a trusted proxy, the forwarded client)."""
    return client_ip(request)
