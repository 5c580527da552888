"""Reads of the actor registry: the actor map's influence × interest grid and its bodies.

What participation reached per actor group is participation's knowledge; it
appears on the actor map through the section slot ``manage.actor_map``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext_lazy

from kreiskurs.territory.models import District

from .models import Body, BodyMembership, Stakeholder

#: influence rows from high to low, interest columns from low to high (1–3 as in ``Stakeholder``)
LEVELS = {3: gettext_lazy("hoch"), 2: gettext_lazy("mittel"), 1: gettext_lazy("gering")}


@dataclass
class GridRow:
    influence: int
    label: str
    cells: list[list[Stakeholder]]


def stakeholder_grid(stakeholders: Iterable[Stakeholder]) -> list[GridRow]:
    """3 × 3 cells: rows influence high → low, columns interest low → high."""
    rows = {level: GridRow(level, str(label), [[], [], []]) for level, label in LEVELS.items()}
    for s in stakeholders:
        rows[s.influence].cells[s.interest - 1].append(s)
    return list(rows.values())


def map_stakeholders(district: District, *, named: bool) -> list[Stakeholder]:
    """The district's stakeholders, each with ``label``: the name if ``named``, else ``public_label``
    (private persons are named only to those who manage the registry)."""
    stakeholders = list(Stakeholder.objects.filter(district=district).select_related("group"))
    for s in stakeholders:
        s.label = s.name if named else s.public_label  # type: ignore[attr-defined]
    return stakeholders


def bodies_with_members(district: District) -> QuerySet[Body]:
    """The district's bodies with their memberships and stakeholders (two queries, whatever the size)."""
    return Body.objects.filter(district=district).prefetch_related(
        Prefetch("memberships", queryset=BodyMembership.objects.select_related("stakeholder"))
    )


def bodies_with_member_counts(district: District) -> QuerySet[Body]:
    return Body.objects.filter(district=district).annotate(member_count=Count("memberships"))
