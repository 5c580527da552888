"""Names a Windows-1252 or Latin-1 copy of the file cannot carry, and the slugs of new districts."""

from __future__ import annotations

import unicodedata

from django.utils.translation import gettext

from .. import gv100ad
from ..slugs import slugify_name, unique_slug
from .report import ImportReport

#: Characters a lossy conversion to Windows-1252 leaves in place of a letter.
_REPLACEMENTS = ("?", "\ufffd", "")


class _Names:
    """Keeps names a Windows-1252 or Latin-1 file cannot carry.

    A stored name with letters outside that encoding ("Cottbus/Chóśebuz")
    arrives from such a copy as "Cottbus/Chó?ebuz" or "Cottbus/Chósebuz".
    That is not a rename: the stored name stays and the report lists it as
    lossy. New names from such a file that contain "?" are listed too.
    """

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.narrow = report.encoding != "utf-8"

    def choose(self, kind: str, key: str, incoming: str, stored: str | None) -> str:
        """The name to store; ``kind`` is an untranslated label, translated only for the report."""
        if not self.narrow:
            return incoming
        kind = gettext(kind)
        if stored is not None and stored != incoming and _lossy_renderings(stored, self.report.encoding) & {incoming}:
            self.report.lossy.append(
                gettext(
                    "%(kind)s %(key)s: „%(stored)s“ bleibt; die Datei (%(encoding)s) "
                    "kann den Namen nur als „%(incoming)s“ darstellen"
                )
                % {"kind": kind, "key": key, "stored": stored, "incoming": incoming, "encoding": self.report.encoding}
            )
            return stored
        if stored is None and "?" in incoming:
            self.report.lossy.append(
                gettext(
                    "%(kind)s %(key)s: „%(incoming)s“ enthält „?“; vermutlich fehlen Buchstaben, "
                    "die %(encoding)s nicht darstellen kann"
                )
                % {"kind": kind, "key": key, "incoming": incoming, "encoding": self.report.encoding}
            )
        return incoming


def _lossy_renderings(name: str, encoding: str) -> set[str]:
    """What ``name`` may look like after a conversion to ``encoding`` that lost letters."""
    lost = [ch for ch in name if not _encodable(ch, encoding)]
    if not lost:
        return set()
    renderings = set()
    for replacement in _REPLACEMENTS:
        renderings.add("".join(replacement if ch in lost else ch for ch in name))
    base = "".join(
        unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode() if ch in lost else ch for ch in name
    )
    renderings.add(base)
    return renderings


def _encodable(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _district_slug(r: gv100ad.DistrictRecord, taken: set[str]) -> str:
    """Slug from the name; where two districts share a name (Stadt and
    Landkreis München), the one that comes second gets its kind in front."""
    base = slugify_name(r.name)
    if base in taken:
        kind = {43: "Kreis", 44: "Landkreis", 45: "Regionalverband"}.get(r.type_code)
        if kind:
            base = slugify_name(f"{kind} {r.name}")
    return unique_slug(base, taken)
