"""What the maturity readers share: size-class labels, the natural code order, table cells and medians."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .. import comparison, scoring
from ..models import Assessment, AssessmentRound

SIZE_CLASS_LABELS: dict[str, Promise] = {
    "S1": _("unter 2.000 Einwohner"),
    "S2": _("2.000 bis unter 5.000 Einwohner"),
    "S3": _("5.000 bis unter 10.000 Einwohner"),
    "S4": _("10.000 bis unter 20.000 Einwohner"),
    "S5": _("20.000 bis unter 50.000 Einwohner"),
    "S6": _("50.000 Einwohner und mehr"),
}
#: groups smaller than this are not shown in public aggregates (no conclusions about one municipality)
PUBLIC_MIN_GROUP = 3


def code_order(code: str) -> tuple[str, int, str]:
    """Sort key for codes like M2, M10 (natural order: M2 before M10)."""
    head = code.rstrip("0123456789")
    tail = code[len(head) :]
    return (head, int(tail) if tail else -1, code)


def size_class_label(code: str) -> str:
    return str(SIZE_CLASS_LABELS[code])


@dataclass(frozen=True)
class Cell:
    """One score as shown in a table: the number, its colour band and whether it is weak."""

    score: float | None

    @property
    def band(self) -> int | None:
        return scoring.band(self.score)

    @property
    def weak(self) -> bool:
        return comparison.is_weak(self.score)


def _medians(rows: list[dict[str, Any]], codes: list[str]) -> tuple[list[Cell], Cell]:
    cells = [Cell(comparison.median(r["scores"].get(code) for r in rows)) for code in codes]
    return cells, Cell(comparison.median(r["overall"] for r in rows))


def _submitted_scores(round: AssessmentRound) -> list[dict[str, Any]]:
    """Submitted assessments of the round's municipalities as plain rows: municipality id, population,
    scores (one query). The district administration's own assessment is not one of them."""
    return [
        {"municipality_id": m_id, "population": population, "scores": scores or {}, "overall": overall}
        for m_id, population, scores, overall in Assessment.objects.filter(
            round=round, state=Assessment.State.SUBMITTED, municipality__isnull=False
        ).values_list("municipality_id", "municipality__population", "dimension_scores", "overall")
    ]
