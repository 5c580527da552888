"""Following and unfollowing, and the e-mail followers get when what they follow changes.

A follow needs an account with a confirmed e-mail address (``User.mail_address``):
mail goes nowhere else. Every mail carries a signed link that ends the follow
in one click, without signing in (``tokens.py``); mail clients that support it
offer the same as a button (``List-Unsubscribe`` with ``List-Unsubscribe-Post``,
RFC 8058).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kreiskurs.audit.labels import register_action_labels
from kreiskurs.core.changes import Change
from kreiskurs.core.mail import queue_mail

from .models import Follow, Kind
from .tokens import read_token, unsubscribe_url

__all__ = [
    "follow",
    "is_following",
    "notify_followers",
    "personalised",
    "read_token",
    "unfollow",
    "unfollow_by_token",
]

register_action_labels(
    {"follow": gettext_lazy("Folgen begonnen"), "unfollow": gettext_lazy("Folgen beendet")},
)


@transaction.atomic
def follow(*, user: Any, district: Any, kind: str, key: str, title: str) -> Follow:
    """``user`` follows the thing (idempotent: following twice keeps one follow).

    Rule: only an account with a confirmed e-mail address may follow; the mails have nowhere else to go.
    """
    if not getattr(user, "mail_address", ""):
        raise ValidationError(
            _("Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse; an sie schicken wir die Benachrichtigungen."),
            code="no_address",
        )
    existing = Follow.objects.filter(user=user, kind=kind, key=str(key)).first()
    if existing is not None:
        return existing
    row = Follow(district=district, user=user, kind=kind, key=str(key), title=title[:300])
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def unfollow(*, user: Any, kind: str, key: str) -> bool:
    """``user`` no longer follows the thing; returns whether there was a follow to end."""
    deleted, _rows = Follow.objects.filter(user=user, kind=kind, key=str(key)).delete()
    return bool(deleted)


@transaction.atomic
def unfollow_by_token(*, token: str) -> Follow | None:
    """End the follow an unsubscribe link names (no login: the signature is the proof).

    Returns the ended follow (unsaved, for the page to name it), or ``None`` when the link is not genuine
    or the follow had already ended."""
    found = read_token(token)
    if found is None:
        return None
    user_id, kind, key = found
    row = Follow.objects.filter(user_id=user_id, kind=kind, key=key).first()
    if row is not None:
        row.delete()
    return row


def is_following(user: Any, kind: str, key: str) -> bool:
    return bool(user.is_authenticated) and Follow.objects.filter(user=user, kind=kind, key=str(key)).exists()


FOOTER = gettext_lazy(
    "Sie erhalten diese Nachricht, weil Sie „%(title)s“ folgen.\n"
    "Nicht mehr folgen (ein Klick, ohne Anmeldung): %(link)s"
)


@transaction.atomic
def notify_followers(changes: Sequence[Change]) -> int:
    """E-mail every follower with a confirmed address of each changed thing; returns how many mails were queued.

    Runs inside the transaction of the service that made the changes (``core.changes.announce``), so the
    mails are stored with the change: both or neither. One query for the followers of all ``changes``,
    one queued mail per follower and change.
    """
    from django.conf import settings

    if not changes:
        return 0
    wanted = Q()
    for change in changes:
        wanted |= Q(district=change.district, kind=change.kind, key=str(change.key))
    followers: dict[tuple[str, str], list[Follow]] = defaultdict(list)
    for row in Follow.objects.filter(wanted).select_related("user"):
        followers[(row.kind, row.key)].append(row)
    queued = 0
    for change in changes:
        link = f"{settings.KREISKURS_BASE_URL}{change.path}"
        for row in followers[(change.kind, str(change.key))]:
            address = row.user.mail_address
            if not address:
                continue
            body, headers = personalised(row, body=change.body, link=link)
            queue_mail(subject=change.subject, body=body, to=[address], headers=headers)
            queued += 1
    return queued


def personalised(row: Follow, *, body: str, link: str) -> tuple[str, dict[str, str]]:
    """One follower's mail: ``body``, the page's ``link`` and the footer with the unsubscribe link, and the
    ``List-Unsubscribe`` headers (for apps that deliver themselves, e.g. participation's daily digest)."""
    leave = unsubscribe_url(row)
    text = f"{body}\n\n{link}\n\n-- \n{FOOTER % {'title': row.title, 'link': leave}}"
    return text, {"List-Unsubscribe": f"<{leave}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def kind_label(kind: str) -> str:
    return str(Kind(kind).label)
