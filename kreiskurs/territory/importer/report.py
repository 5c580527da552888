"""What an import reports: counts per kind, field changes, lossy names; and the error that stops it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext, gettext_noop

MAX_ERRORS = 50

#: Report kinds (German keys of the counters; translated when shown).
DISTRICTS = gettext_noop("Kreise")
ASSOCIATIONS = gettext_noop("Gemeindeverbände")
MUNICIPALITIES = gettext_noop("Gemeinden")
UNINCORPORATED = gettext_noop("Gemeindefreie Gebiete")
OUTSIDE = gettext_noop("Gebiete außerhalb der Kreise")


@dataclass
class ImportReport:
    """What an import did, per kind: created, updated (with field changes), unchanged.

    ``outside`` lists the areas outside any district; ``lossy`` the names a
    Windows-1252 file could not carry (kept as they were).
    """

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    not_in_file: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    lossy: list[str] = field(default_factory=list)
    encoding: str = "utf-8"

    def count(self, bucket: dict[str, int], kind: str) -> None:
        bucket[kind] = bucket.get(kind, 0) + 1

    def summary_lines(self) -> list[str]:
        lines = []
        kinds = [DISTRICTS, ASSOCIATIONS, MUNICIPALITIES]
        kinds += [k for k in (UNINCORPORATED, OUTSIDE) if k in self.created or k in self.updated or k in self.unchanged]
        for kind in kinds:
            lines.append(
                gettext("%(kind)s: %(created)s neu, %(updated)s geändert, %(unchanged)s unverändert")
                % {
                    "kind": gettext(kind),
                    "created": self.created.get(kind, 0),
                    "updated": self.updated.get(kind, 0),
                    "unchanged": self.unchanged.get(kind, 0),
                }
            )
        return lines


class ImportError_(ValueError):
    """The file cannot be imported; the message names file, line, record type and field.

    ``errors`` holds every fault found (one line each).
    """

    def __init__(self, path: Path, errors: list[str]) -> None:
        self.path = path
        self.errors = errors
        shown = errors[:MAX_ERRORS]
        if len(errors) == 1:
            head = gettext("%(path)s: %(error)s") % {"path": path, "error": errors[0]}
            super().__init__(head)
            return
        lines = [gettext("%(path)s: %(count)s Fehler") % {"path": path, "count": len(errors)}]
        lines += [f"  {e}" for e in shown]
        if len(errors) > MAX_ERRORS:
            lines.append(gettext("  … und %(count)s weitere") % {"count": len(errors) - MAX_ERRORS})
        super().__init__("\n".join(lines))
