"""Who takes part in a measure: the version's rows and the joins and leaves recorded since adoption."""

from __future__ import annotations

from dataclasses import dataclass

from kreiskurs.collation import natural
from kreiskurs.territory.models import Municipality

from ..models import (
    Enrolment,
    Measure,
    MeasureMunicipality,
    StrategyVersion,
    VersionState,
)


@dataclass
class Participation:
    municipality: Municipality
    role: str
    pending: bool = False  # a join request waiting for the district's confirmation

    @property
    def role_label(self) -> str:
        return str(MeasureMunicipality.Role(self.role).label)


def participations_of(measures: list[Measure]) -> dict[int, list[Participation]]:
    """Per measure row: its municipalities with role — the version's rows, and for an adopted version
    the joins and leaves recorded since (``Enrolment``). Two queries, whatever the number of measures.

    The measure page, the municipality page and the participation matrix all read this, so they
    show the same truth.
    """
    result: dict[int, dict[int, Participation]] = {m.pk: {} for m in measures}
    for row in MeasureMunicipality.objects.filter(measure__in=measures).select_related("municipality"):
        result[row.measure_id][row.municipality_id] = Participation(row.municipality, row.role)
    adopted = {(m.version_id, m.lineage): m.pk for m in measures if m.version.state in PUBLIC_ADOPTED}
    if adopted:
        enrolments = (
            Enrolment.objects.filter(
                version_id__in={v for v, _lineage in adopted}, measure_lineage__in={lin for _v, lin in adopted}
            )
            .exclude(state=Enrolment.State.DECLINED)
            .select_related("municipality")
            .order_by("created_at", "id")
        )
        for e in enrolments:
            pk = adopted.get((e.version_id, e.measure_lineage))
            if pk is None:
                continue
            rows = result[pk]
            if e.state == Enrolment.State.REQUESTED:
                if e.municipality_id not in rows:
                    rows[e.municipality_id] = Participation(e.municipality, e.role, pending=True)
            elif e.kind == Enrolment.Kind.LEAVE:
                rows.pop(e.municipality_id, None)
            else:
                rows[e.municipality_id] = Participation(e.municipality, e.role)
    return {pk: sorted(rows.values(), key=lambda p: p.municipality.name) for pk, rows in result.items()}


PUBLIC_ADOPTED = (VersionState.ADOPTED, VersionState.SUPERSEDED)


def measures_of_municipality(
    version: StrategyVersion, municipality: Municipality
) -> list[tuple[Measure, Participation]]:
    """The measures of ``version`` the municipality takes part in (or asked to join), with its role."""
    measures = list(Measure.objects.filter(version=version).select_related("version").order_by(natural("code")))
    rows = participations_of(measures)
    return [(m, p) for m in measures for p in rows[m.pk] if p.municipality.pk == municipality.pk]
