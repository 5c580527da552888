"""Readable German names of the actions services write into the audit log.

The generic actions (create, update, delete, …) are named in ``models.ACTION_LABELS``;
an app names its own actions next to the services that write them, with
:func:`register_action_labels`. ``tests/test_audit_labels.py`` finds every action
code a service writes and fails when one has no label.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .models import ACTION_LABELS


def register_action_labels(labels: Mapping[str, Any]) -> None:
    """Name the actions of one app (lazy translations: the language is the reader's)."""
    ACTION_LABELS.update(labels)
