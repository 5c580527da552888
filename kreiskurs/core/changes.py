"""Announcements of changes that people follow, handed up to whoever delivers them.

A measure's status report is written by ``strategy``, a process's phase by
``participation``; the follows and their e-mail live in ``following``, which
sits above ``strategy`` in the dependency direction. So a service that changes
something followable names the change here (:func:`announce`, inside its
transaction), and ``following`` registers the one listener in its
``AppConfig.ready()`` — the way ``accounts/outbox.py`` receives its sender.
It is a named call in the service, not a signal: reading the service shows
that followers hear of it. Without a listener (``following`` not installed)
an announcement goes nowhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: what can be followed; ``key`` is the lineage of a measure or goal, the id of a process
KINDS = ("measure", "goal", "process")


@dataclass(frozen=True)
class Change:
    """One change worth an e-mail: what changed (``subject``, ``body``, German) and the public page (``path``)."""

    district: Any
    kind: str
    key: str
    subject: str
    body: str
    path: str


Listener = Callable[[list[Change]], Any]

_LISTENERS: list[Listener] = []


def register_listener(listener: Listener) -> None:
    """Called once at start-up by the app that delivers announcements (a second call replaces the first)."""
    _LISTENERS[:] = [listener]


def announce(*changes: Change) -> None:
    """Hand ``changes`` to the listener in one call (one adoption may touch many goals and measures); call it
    inside the transaction that made them."""
    for change in changes:
        if change.kind not in KINDS:
            raise ValueError(f"unknown kind {change.kind!r}; known: {', '.join(KINDS)}")
    if changes:
        for listener in _LISTENERS:
            listener(list(changes))
