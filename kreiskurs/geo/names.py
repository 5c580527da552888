"""Do a boundary file's name and the official name denote the same municipality? (Plain Python, no Django.)

Files name municipalities in their own way: VG250 writes ``GEN`` "Coesfeld" and
``BEZ`` "Stadt" where the GV100AD says "Coesfeld, Stadt"; portals write
"Stadt Coesfeld", "Muenster" or "Halle (Saale)". :func:`comparable` reduces a
name to what these spellings share, so only a real difference — a feature
"Beckum" carrying Coesfeld's key — is reported.
"""

from __future__ import annotations

import re
import unicodedata

#: Designations written before or after the name (GV100AD puts them after a comma).
DESIGNATIONS = (
    "stadt",
    "gemeinde",
    "markt",
    "flecken",
    "hansestadt",
    "kreisstadt",
    "große kreisstadt",
    "grosse kreisstadt",
    "universitätsstadt",
    "wissenschaftsstadt",
    "kurort",
    "st.",
)
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_LEADING = re.compile(r"^(?:" + "|".join(re.escape(d) for d in DESIGNATIONS) + r")\s+")


def comparable(name: str) -> str:
    """Lower case, without a designation (", Stadt", "Stadt …"), umlauts spelt out, letters and digits only."""
    text = unicodedata.normalize("NFC", name).strip().lower()
    text = text.split(",", 1)[0].strip()  # "Coesfeld, Stadt", "Bad Honnef, Stadt"
    text = _LEADING.sub("", text)
    text = text.translate(_FOLD)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]", "", text)


def same_municipality(file_name: str, official_name: str) -> bool:
    """True when the names agree up to spelling and designation; an empty file name says nothing (True).

    A bilingual name ("Cottbus/Chóśebuz, Stadt") matches either of its parts.
    """
    if not file_name.strip():
        return True
    official = official_name.split(",", 1)[0]
    return bool(_variants(file_name) & _variants(official))


def _variants(name: str) -> set[str]:
    return {comparable(part) for part in [name, *name.split("/")] if part.strip()} - {""}
