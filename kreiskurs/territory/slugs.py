"""URL slugs for territory names (plain Python)."""

import re
import unicodedata

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify_name(name: str) -> str:
    """Lower case, ä→ae, ö→oe, ü→ue, ß→ss, other runs of non-[a-z0-9] → "-".

    Other letters with diacritics lose them ("Chóśebuz" → "chosebuz") so
    that slugs stay plain ASCII.
    """
    lowered = name.lower().translate(_UMLAUTS)
    lowered = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("-", lowered).strip("-")


#: First URL segments the platform itself uses; no district may take them.
RESERVED = frozenset({"admin", "api", "healthz", "konto", "sprache", "static", "verwaltung"})


def unique_slug(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3`` … whichever is neither taken nor reserved."""
    base = base or "gebiet"
    slug = base
    n = 2
    while slug in taken or slug in RESERVED:
        slug = f"{base}-{n}"
        n += 1
    return slug
