"""German, natural order for names and codes: Büdlich before Burtscheid, Ürzig among the U, M2 before M10.

One collation, ``de_natural``, exists in both databases: on PostgreSQL it is the
ICU collation ``de-u-kn-true`` (German, numbers by value; migration
``core.0002``); on SQLite :func:`compare` is registered under the same name for
every connection (``core.apps``). A project-level module, so that every app,
territory included, can order by it. Querysets sort with ``order_by(natural("name"))``; lists sorted
in Python use :func:`sort_key`, which follows the same rules (DIN 5007-1:
umlauts as their base letter, ß as ss; digits as numbers, before letters).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from django.db.models.functions import Collate

COLLATION = "de_natural"
_RUNS = re.compile(r"(\d+)")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ß", "ss"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def sort_key(text: str | None) -> tuple[Any, ...]:
    """The order people expect; ties broken by accents, then case, so the order is total."""
    text = text or ""
    parts = []
    for n, run in enumerate(_RUNS.split(_fold(text))):
        if run:
            parts.append((0, int(run), "") if n % 2 else (1, 0, run))
    return (tuple(parts), _fold(text) != text.casefold(), text.swapcase())


def compare(left: str | None, right: str | None) -> int:
    a, b = sort_key(left), sort_key(right)
    return (a > b) - (a < b)


def natural(field: str) -> Collate:
    """An ``order_by`` term: ``qs.order_by(natural("name"))``."""
    return Collate(field, COLLATION)


def register_for_sqlite(sender: Any, connection: Any, **kwargs: Any) -> None:
    """``connection_created`` receiver: give every SQLite connection the collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, compare)
