"""Bot protection without third-party services: a honeypot field and a signed timestamp.

Every public form that creates content carries a field people do not see
(bots fill it) and a signed timestamp of when the form was shown; a
submission that fills the honeypot, comes back faster than a person can
type, or carries a forged or stale timestamp is refused.

A form shown with the visitor's session (``form_stamp(session=...)``;
``BotProtectedForm(session=...)``: registration and joining a process without
an account) gets a stamp that is good for one submission in that session
only: the stamp carries a random nonce that the session remembers until the
stamp is used. A stamp copied into other sessions (a bot farming one page
view into many accounts) or sent twice is refused. Such a form, shown again
after an error, needs a fresh stamp (``renew_stamp``). Forms shown without a
session keep the plain timestamp.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping, MutableMapping
from typing import Any

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _

HONEYPOT = "website"
STAMP = "form_stamp"
MIN_SECONDS = 3  # default of settings.KREISKURS_FORM_MIN_SECONDS
MAX_AGE = dt.timedelta(hours=12)
_SALT = "kreiskurs.participation.form"
#: session key: nonces of stamps issued to this session and not used yet (newest last)
SESSION_NONCES = "kreiskurs.botcheck.nonces"
#: how many unused stamps a session keeps (several tabs, reloads)
KEEP_NONCES = 20

# what is wrong with a submission (``stamp_problem``)
HONEYPOT_FILLED = "honeypot"
INVALID = "invalid"
TOO_FAST = "too_fast"
NOT_THIS_SESSION = "not_this_session"


def form_stamp(at: dt.datetime | None = None, *, session: MutableMapping[str, Any] | None = None) -> str:
    """The signed moment the form was shown (now, unless ``at`` says otherwise).

    With a ``session``, the stamp is bound to it and good for one submission.
    """
    moment = (at or timezone.now()).timestamp()
    if session is None:
        return signing.dumps(moment, salt=_SALT)
    nonce = secrets.token_urlsafe(16)
    session[SESSION_NONCES] = [*list(session.get(SESSION_NONCES, []))[-(KEEP_NONCES - 1) :], nonce]
    return signing.dumps([moment, nonce], salt=_SALT)


def stamp_problem(
    data: Mapping[str, Any], *, now: dt.datetime | None = None, session: MutableMapping[str, Any] | None = None
) -> str | None:
    """What is wrong with a submission, or None if it passes as a person's.

    With a ``session``, the stamp must have been issued to that session and not
    used before; checking it uses it up (whether the rest of the form is valid
    or not).
    """
    get = data.get
    if get(HONEYPOT):
        return HONEYPOT_FILLED
    try:
        payload = signing.loads(get(STAMP) or "", salt=_SALT, max_age=MAX_AGE)
        if isinstance(payload, list):
            stamped, nonce = float(payload[0]), str(payload[1])
        else:
            stamped, nonce = float(payload), ""
    except (signing.BadSignature, TypeError, ValueError, IndexError):
        return INVALID
    if session is not None:
        issued = list(session.get(SESSION_NONCES, []))
        if not nonce or nonce not in issued:
            return NOT_THIS_SESSION
        issued.remove(nonce)
        session[SESSION_NONCES] = issued
    now = now or timezone.now()
    if now.timestamp() - stamped < getattr(settings, "KREISKURS_FORM_MIN_SECONDS", MIN_SECONDS):
        return TOO_FAST
    return None


def looks_like_a_bot(data: Mapping[str, Any], *, now: dt.datetime | None = None) -> bool:
    """True if the honeypot is filled or the signed timestamp is missing, forged, too fresh or too old."""
    return stamp_problem(data, now=now) is not None


def refusal(problem: str) -> str:
    """The message a refused submission shows."""
    if problem == NOT_THIS_SESSION:
        return _(
            "Dieses Formular wurde bereits abgeschickt oder in einem anderen Browser geöffnet. "
            "Bitte prüfen Sie Ihre Angaben und schicken Sie es noch einmal ab."
        )
    return _("Das Formular wurde zu schnell oder unvollständig abgeschickt. Bitte versuchen Sie es noch einmal.")


def renew_stamp(data: Any, session: MutableMapping[str, Any]) -> Any:
    """``data`` (a form's submitted data) with a fresh stamp of the session, for showing the form again."""
    data = data.copy()
    data[STAMP] = form_stamp(session=session)
    return data
