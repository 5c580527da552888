"""E-mail to followers when a phase starts or ends, and to authors when their idea's status changes.

A participant may choose a daily digest instead of single mails: their
notifications wait as ``PendingMail`` until ``send_digests`` runs. Run
``kreiskurs send_participation_mail`` regularly (hourly is fine; digests go
out once a day).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kreiskurs.core.mail import queue_mail
from kreiskurs.following import services as following
from kreiskurs.following.selectors import followers
from kreiskurs.following.services import personalised

from ..models import Idea, Participant, PendingMail, Phase, Process

#: phase boundaries older than this when first seen are not announced any more
LATE = dt.timedelta(days=2)


def _deliver(
    *, district_id: int, user: Any, digest: bool, subject: str, body: str, headers: dict[str, str] | None = None
) -> None:
    if not getattr(user, "mail_address", ""):  # no address, or not confirmed yet
        return
    if digest:
        PendingMail.objects.create(district_id=district_id, user=user, subject=subject, body=body)
        return
    queue_mail(subject=subject, body=body, to=[user.mail_address], headers=headers)


def _prefers_digest(user: Any, district_id: int) -> bool:
    return Participant.objects.filter(user=user, district_id=district_id, daily_digest=True).exists()


def process_link(process: Process) -> str:
    return f"{settings.KREISKURS_BASE_URL}{reverse('participation:process', args=[process.district.slug, process.pk])}"


def idea_status_changed(idea: Idea) -> None:
    """Tell the author (if registered with an e-mail address) what became of their idea."""
    author = idea.author
    if author is None or author.user is None:
        return
    subject = _("Ihre Idee „%(t)s“: %(s)s") % {"t": idea.title[:80], "s": idea.get_status_display()}
    body = _("Der Status Ihrer Idee „%(t)s“ ist jetzt: %(s)s.\n\n%(r)s\n\n%(link)s") % {
        "t": idea.title,
        "s": idea.get_status_display(),
        "r": idea.status_reason,
        "link": process_link(idea.process),
    }
    _deliver(district_id=idea.district_id, user=author.user, digest=author.daily_digest, subject=subject, body=body)


def consideration_given(consideration: Any, contribution: Any) -> None:
    """Tell a registered author (with a confirmed address) how the team weighed their contribution.

    Pseudonymous authors have no address: they read the response on the process's consideration page.
    """
    author = contribution.author
    if author is None or author.user is None:
        return
    link = (
        f"{settings.KREISKURS_BASE_URL}"
        f"{reverse('participation:consideration', args=[contribution.district.slug, contribution.process_id])}"
    )
    subject = _("Ihr Beitrag in „%(p)s“: %(d)s") % {
        "p": contribution.process.title[:80],
        "d": consideration.get_decision_display(),
    }
    body = _(
        "Das Team hat Ihren Beitrag abgewogen.\n\nIhr Beitrag: %(t)s\n\nEntscheidung: %(d)s\n%(r)s\n\n%(link)s"
    ) % {
        "t": contribution.text[:500],
        "d": consideration.get_decision_display(),
        "r": consideration.reason,
        "link": link,
    }
    _deliver(
        district_id=contribution.district_id, user=author.user, digest=author.daily_digest, subject=subject, body=body
    )


def _announce(phase: Phase, started: bool) -> int:
    process = phase.process
    if started:
        subject = _("%(p)s: Die Phase „%(t)s“ hat begonnen") % {"p": process.title, "t": phase.title}
        body = _("Die Phase „%(t)s“ läuft bis %(end)s. Machen Sie mit:\n%(link)s") % {
            "t": phase.title,
            "end": timezone.localtime(phase.end).strftime("%d.%m.%Y"),
            "link": process_link(process),
        }
    else:
        subject = _("%(p)s: Die Phase „%(t)s“ ist beendet") % {"p": process.title, "t": phase.title}
        body = _("Die Phase „%(t)s“ ist beendet. Was weiter geschieht:\n%(link)s") % {
            "t": phase.title,
            "link": process_link(process),
        }
    sent = 0
    for follow in followers(process.district, "process", process.pk):
        # the follow and its unsubscribe link are kreiskurs.following's; the digest is participation's
        text, headers = personalised(follow, body=body, link=process_link(process))
        _deliver(
            district_id=process.district_id,
            user=follow.user,
            digest=_prefers_digest(follow.user, process.district_id),
            subject=subject,
            body=text,
            headers=headers,
        )
        sent += 1
    return sent


@transaction.atomic
def send_phase_notices(*, now: dt.datetime | None = None) -> int:
    """Announce every phase start and end that has passed and was not announced yet; returns the mails."""
    now = now or timezone.now()
    sent = 0
    published = Phase.objects.select_for_update().of_published_processes().select_related("process__district")
    for phase in published.started_by(now).filter(start_notified_at__isnull=True):
        if now - phase.start <= LATE:
            sent += _announce(phase, started=True)
        phase.start_notified_at = now
        phase.save(update_fields=["start_notified_at"])
    for phase in published.ended_by(now).filter(end_notified_at__isnull=True):
        if now - phase.end <= LATE:
            sent += _announce(phase, started=False)
        phase.end_notified_at = now
        phase.save(update_fields=["end_notified_at"])
    return sent


@transaction.atomic
def send_digests() -> int:
    """One mail per recipient with everything that waited for the digest; returns the mails sent."""
    waiting: dict[Any, list[PendingMail]] = defaultdict(list)
    for mail in PendingMail.objects.select_for_update().select_related("user").order_by("created_at", "id"):
        waiting[mail.user].append(mail)
    for user, mails in waiting.items():
        body = "\n\n---\n\n".join(f"{m.subject}\n\n{m.body}" for m in mails)
        subject = _("Kreiskurs: %(n)s Neuigkeiten aus der Beteiligung") % {"n": len(mails)}
        queue_mail(subject=subject, body=body, to=[user.mail_address] if user.mail_address else [])
    PendingMail.objects.filter(pk__in=[m.pk for mails in waiting.values() for m in mails]).delete()
    return len(waiting)


@transaction.atomic
def toggle_follow(*, user: Any, process: Process) -> bool:
    """Follow a process (e-mail at phase changes) or stop following; returns whether the user follows now.

    The follow is kept by ``kreiskurs.following`` (one home for following a measure, goal or process);
    it needs a confirmed e-mail address (``ValidationError`` otherwise)."""
    if following.unfollow(user=user, kind="process", key=str(process.pk)):
        return False
    following.follow(user=user, district=process.district, kind="process", key=str(process.pk), title=process.title)
    return True
