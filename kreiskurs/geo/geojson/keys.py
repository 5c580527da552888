"""The municipality key of a feature: which property holds it, and the AGS it names."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from kreiskurs.i18n import gettext as _
from kreiskurs.territory import keys

from .base import KEY_PROPERTIES, NAME_PROPERTIES


def normalize_key(value: Any) -> tuple[str, str]:
    """``(key, ags)`` for a property value holding an AGS or an ARS; ``ValueError`` otherwise.

    The repair of a lost leading zero is the shared one (:mod:`kreiskurs.territory.keys`,
    used by every importer): a key one digit short that starts with 1–9 gets it back,
    whether the file wrote it as a JSON number or as text.
    """
    if isinstance(value, list | dict):
        raise ValueError(_("%(value)s ist kein Gemeindeschlüssel") % {"value": json.dumps(value)[:40]})
    ags = keys.normalize_ags(value)  # "… ist weder ein AGS (8 Ziffern) noch ein ARS (12 Ziffern)"
    try:
        key = keys.normalize_key(value, length=keys.ARS_LENGTH)
    except ValueError:
        key = keys.normalize_key(value, length=keys.AGS_LENGTH)
    return key, ags


def detect_key_property(properties: Mapping[str, Any]) -> str | None:
    """The first name of :data:`KEY_PROPERTIES` with a value in ``properties``."""
    for name in KEY_PROPERTIES:
        if properties.get(name) not in (None, ""):
            return name
    return None


def _name(properties: Mapping[str, Any]) -> str:
    for name in NAME_PROPERTIES:
        value = properties.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""
