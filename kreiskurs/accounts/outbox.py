"""Mail from the accounts app (confirmation, password reset, invitations), sent through the kernel's queue.

``accounts`` sits below ``core`` in the dependency order, so it cannot import
``core.mail``. The kernel hands its sender down instead: ``CoreConfig.ready()``
registers ``core.mail.queue_mail`` here, the way higher apps register page
sections in ``core.sections``. Mail then leaves as retried background work,
stored with the change that caused it.
"""

from __future__ import annotations

from typing import Protocol

from django.core.exceptions import ImproperlyConfigured


class Sender(Protocol):
    def __call__(self, *, subject: str, body: str, to: list[str]) -> None: ...


_SENDER: list[Sender] = []


def register_sender(sender: Sender) -> None:
    """Called once by ``core`` at start-up (a second call replaces the first)."""
    _SENDER[:] = [sender]


def send_mail(*, subject: str, body: str, to: list[str]) -> None:
    if not _SENDER:
        raise ImproperlyConfigured("kreiskurs.core is not installed: no mail sender registered for accounts")
    _SENDER[0](subject=subject, body=body, to=to)
