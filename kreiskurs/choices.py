"""The label of a choice in the active language, from a table kept per choices class and language.

``str(Phase(value).label)`` builds the enum member and translates its lazy label on every call,
about 7 µs; list rows read two or three labels each, twice on pages that render a table and cards
(issue 12). :func:`label` looks the text up in a dict made once per class and language.
"""

from __future__ import annotations

import functools
from typing import Any

from django.db.models import Choices
from django.utils.translation import get_language


@functools.cache
def _table(choices: type[Choices], language: str) -> dict[Any, str]:
    return {value: str(text) for value, text in choices.choices}


def label(choices: type[Choices], value: Any) -> str:
    """The label of ``value`` among ``choices`` in the active language; ``value`` itself when unknown
    (as ``get_FOO_display`` shows a value that is not a choice)."""
    return _table(choices, get_language() or "").get(value, value)
