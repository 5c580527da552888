"""Reads of local initiatives: per municipality, and bundled per goal and field of action of the district."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field as default

from django.db.models import Prefetch, QuerySet

from kreiskurs.prepared import Prepared
from kreiskurs.strategy.models import Enrolment, FieldOfAction, Goal, Measure, StrategyVersion
from kreiskurs.strategy.selectors.participations import Participation
from kreiskurs.territory.models import District, Municipality

from .models import InitiativeLink, LocalInitiative

_OF_MUNICIPALITY = Prepared(  # no page shows an initiative's links to goals and fields: not read
    lambda municipality: LocalInitiative.objects.filter(municipality_id=municipality), municipality=int
)
_LINKED = Prepared(
    lambda district, lineage: (
        LocalInitiative.objects.filter(district_id=district, links__lineage=lineage)
        .select_related("municipality")
        .order_by("municipality__name", "title")
    ),
    district=int,
    lineage=uuid.UUID,
)


def initiatives_of(municipality: Municipality) -> QuerySet[LocalInitiative]:
    return _OF_MUNICIPALITY(municipality=municipality.pk)


def linked_to(district: District, lineage: uuid.UUID) -> QuerySet[LocalInitiative]:
    """Initiatives of the district's municipalities that contribute to one goal or field (by lineage)."""
    return _LINKED(district=district.pk, lineage=lineage)


@dataclass
class Bundle:
    """One field of action with what exists across the municipalities: for the field, and per goal."""

    field: FieldOfAction
    initiatives: list[LocalInitiative] = default(default_factory=list)
    goals: list[tuple[Goal, list[LocalInitiative]]] = default(default_factory=list)

    @property
    def municipalities(self) -> int:
        found = {i.municipality_id for i in self.initiatives}
        found |= {i.municipality_id for _g, items in self.goals for i in items}
        return len(found)


def bundles(
    version: StrategyVersion, municipality: Municipality | None = None
) -> tuple[list[Bundle], list[LocalInitiative]]:
    """Per field of action (and its goals): the initiatives linked to it; plus those linked to nothing.

    Four queries, whatever the number of initiatives.
    """
    qs = LocalInitiative.objects.filter(district=version.district).select_related("municipality")
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    initiatives = {i.pk: i for i in qs.prefetch_related(Prefetch("links", queryset=InitiativeLink.objects.all()))}
    by_lineage: dict[uuid.UUID, list[LocalInitiative]] = defaultdict(list)
    linked = set()
    for i in initiatives.values():
        for link in i.links.all():
            by_lineage[link.lineage].append(i)
            linked.add(i.pk)
    goals_by_field: dict[int | None, list[Goal]] = defaultdict(list)
    for g in Goal.objects.filter(version=version).order_by("position", "code"):
        goals_by_field[g.field_id].append(g)
    result = []
    for f in FieldOfAction.objects.filter(version=version).order_by("position", "code"):
        result.append(
            Bundle(
                field=f,
                initiatives=by_lineage.get(f.lineage, []),
                goals=[(g, by_lineage.get(g.lineage, [])) for g in goals_by_field.get(f.pk, [])],
            )
        )
    unlinked = [i for pk, i in initiatives.items() if pk not in linked]
    return result, unlinked


def with_open_requests(
    version: StrategyVersion, municipality: Municipality, measures: list[tuple[Measure, Participation]]
) -> list[tuple[Measure, Participation, int | None]]:
    """``measures`` of a municipality, each with the id of its open join request (or None), to withdraw it."""
    requests = dict(
        Enrolment.objects.filter(
            version=version, municipality=municipality, state=Enrolment.State.REQUESTED
        ).values_list("measure_lineage", "pk")
    )
    return [(m, p, requests.get(m.lineage)) for m, p in measures]
