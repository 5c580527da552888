"""Bot protection without third-party services: a honeypot field and a signed timestamp.

Every public form that creates content carries a field people do not see
(bots fill it) and a signed timestamp of when the form was shown; a
submission that fills the honeypot, comes back faster than a person can
type, or carries a forged or stale timestamp is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core import signing
from django.utils import timezone

HONEYPOT = "website"
STAMP = "form_stamp"
MIN_SECONDS = 3  # default of settings.KREISKURS_FORM_MIN_SECONDS
MAX_AGE = dt.timedelta(hours=12)
_SALT = "kreiskurs.participation.form"


def form_stamp(at: dt.datetime | None = None) -> str:
    """The signed moment the form was shown (now, unless ``at`` says otherwise)."""
    return signing.dumps((at or timezone.now()).timestamp(), salt=_SALT)


def looks_like_a_bot(data: Mapping[str, Any], *, now: dt.datetime | None = None) -> bool:
    """True if the honeypot is filled or the signed timestamp is missing, forged, too fresh or too old."""
    get = data.get
    if get(HONEYPOT):
        return True
    try:
        stamped = float(signing.loads(get(STAMP) or "", salt=_SALT, max_age=MAX_AGE))
    except (signing.BadSignature, TypeError, ValueError):
        return True
    now = now or timezone.now()
    return now.timestamp() - stamped < getattr(settings, "KREISKURS_FORM_MIN_SECONDS", MIN_SECONDS)
