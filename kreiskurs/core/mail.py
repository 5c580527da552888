"""E-mail as background work: a change that committed never fails because a mail server is down.

Services call :func:`queue_mail` inside their transaction. With the database
task backend the mail is stored with the change (both or neither), and the
worker sends it; when the server refuses or cannot be reached, the worker
tries again later (after 1, 5, 30 minutes, 2 and 6 hours) and logs each failure.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

#: waits before the 2nd, 3rd, … attempt; after the last one the mail is given up (and logged)
RETRY_AFTER = [dt.timedelta(minutes=m) for m in (1, 5, 30, 120, 360)]


def queue_mail(*, subject: str, body: str, to: list[str], headers: dict[str, str] | None = None) -> None:
    """Send a plain-text mail from the installation's address, as background work.

    ``headers`` are extra mail headers (``List-Unsubscribe`` of a follower's mail)."""
    if to:
        deliver_mail.enqueue(subject=subject, body=body, to=list(to), attempt=1, headers=headers or {})


@task()
def deliver_mail(
    *, subject: str, body: str, to: list[str], attempt: int, headers: dict[str, str] | None = None
) -> bool:
    try:
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to, headers=headers or None).send()
    except (OSError, smtplib.SMTPException) as error:
        if attempt > len(RETRY_AFTER) or not deliver_mail.get_backend().supports_defer:
            logger.error("mail %r to %d recipient(s) given up after %d attempts: %s", subject, len(to), attempt, error)
            return False
        wait = RETRY_AFTER[attempt - 1]
        logger.warning("mail %r not sent (attempt %d: %s); next try in %s", subject, attempt, error, wait)
        deliver_mail.using(run_after=timezone.now() + wait).enqueue(
            subject=subject, body=body, to=to, attempt=attempt + 1, headers=headers or {}
        )
        return False
    return True
