"""Problems with an export: each names file, line, field and what is wrong; together they are a :class:`PolisError`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kreiskurs.i18n import gettext as _

from .base import MAX_REPORTED


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the export: which file, which line (header = 1), which field, what."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += _(", Zeile %(line)s") % {"line": self.line}
        if self.field:
            where += _(", Feld „%(field)s“") % {"field": self.field}
        return f"{where}: {self.message}"


class PolisError(ValueError):
    """The export cannot be imported; nothing was written."""

    def __init__(self, problems: Sequence[Problem], total: int | None = None) -> None:
        self.problems = list(problems)
        self.total = total if total is not None else len(self.problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        lines = [str(p) for p in self.problems[:MAX_REPORTED]]
        if self.total > len(lines):
            lines.append(_("… und %(count)s weitere Fehler") % {"count": self.total - len(lines)})
        return "\n".join(lines)


class _Problems:
    """Collects problems and counts those beyond what is reported."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.total = 0

    def add(self, file: str, line: int | None, field: str, message: str) -> None:
        self.total += 1
        if len(self.items) < MAX_REPORTED:
            self.items.append(Problem(file, line, field, message))

    def raise_if_any(self) -> None:
        if self.total:
            raise PolisError(self.items, self.total)
