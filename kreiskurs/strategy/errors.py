"""Errors the strategy services raise; views turn them into messages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


class VersionFrozen(ValidationError):
    """The version is not a draft: its elements cannot change."""

    def __init__(self, version: Any) -> None:
        super().__init__(
            "Version %(number)s ist nicht im Entwurf und kann nicht geändert werden.",
            params={"number": version.number},
            code="version_frozen",
        )


class EditConflict(Exception):
    """Someone else saved the object after it was opened for editing.

    ``entries`` are the audit entries of those saves, oldest first, so the
    person editing sees what the other person changed.
    """

    def __init__(self, obj: Any, entries: list[Any]) -> None:
        self.obj = obj
        self.entries = entries
        super().__init__(f"{obj} wurde inzwischen von anderer Seite geändert.")
