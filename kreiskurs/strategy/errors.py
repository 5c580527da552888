"""Errors the strategy services raise; views turn them into messages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class VersionFrozen(ValidationError):
    """The version is not a draft: its elements cannot change."""

    def __init__(self, version: Any) -> None:
        super().__init__(
            _("Version %(number)s ist nicht im Entwurf und kann nicht geändert werden."),
            params={"number": version.number},
            code="version_frozen",
        )
