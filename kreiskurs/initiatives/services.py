"""Writes on local initiatives: record, link to goals and fields, propose as a district measure."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kreiskurs.accounts.types import account_of
from kreiskurs.audit.labels import register_action_labels
from kreiskurs.audit.services import record_change
from kreiskurs.strategy import selectors as strategy_selectors
from kreiskurs.strategy import services as strategy_services
from kreiskurs.strategy.models import FieldOfAction, Goal, Measure, MeasureMunicipality
from kreiskurs.strategy.models.measures import Origin, Phase
from kreiskurs.territory.models import Municipality

from .models import InitiativeLink, LocalInitiative

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor

#: the actions this module writes into the audit log, in readable German (see ``kreiskurs.audit.labels``)
register_action_labels({"propose_measure": gettext_lazy("als Maßnahme vorgeschlagen")})


FIELDS = ("title", "description", "status", "contact", "link")


def _set_links(initiative: LocalInitiative, goals: Iterable[Goal], fields: Iterable[FieldOfAction]) -> list[str]:
    items = [(InitiativeLink.Kind.GOAL, g) for g in goals] + [(InitiativeLink.Kind.FIELD, f) for f in fields]
    for _kind, element in items:
        if element.district_id != initiative.district_id:
            raise ValidationError(_("Ziele und Handlungsfelder müssen zum Kreis gehören."))
    initiative.links.all().delete()
    InitiativeLink.objects.bulk_create(
        [
            InitiativeLink(district=initiative.district, initiative=initiative, kind=kind, lineage=e.lineage)
            for kind, e in items
        ]
    )
    return sorted(str(e) for _k, e in items)


@transaction.atomic
def save_initiative(
    *,
    by: Actor,
    municipality: Municipality,
    initiative: LocalInitiative | None,
    title: str,
    description: str,
    status: str,
    contact: str = "",
    link: str = "",
    goals: Iterable[Goal] = (),
    fields: Iterable[FieldOfAction] = (),
) -> LocalInitiative:
    """Create or change an initiative of ``municipality`` and its links to district goals and fields."""
    values = {"title": title, "description": description, "status": status, "contact": contact, "link": link}
    if initiative is not None and initiative.municipality_id != municipality.pk:
        raise ValidationError(_("Der Ansatz gehört zu einer anderen Gemeinde."))
    row = initiative or LocalInitiative(
        district=municipality.district,
        municipality=municipality,
        created_by=account_of(by),
    )
    before = {name: getattr(row, name) for name in FIELDS} if initiative else {}
    for name in FIELDS:
        setattr(row, name, values[name])
    row.full_clean()
    if initiative:
        row.revision += 1
    row.save()
    old_links = sorted(str(link.lineage) for link in row.links.all()) if initiative else []
    links = _set_links(row, goals, fields)
    changes = {
        name: (before.get(name), getattr(row, name)) for name in FIELDS if before.get(name) != getattr(row, name)
    }
    if old_links != links:
        changes["links"] = ("", ", ".join(links))
    record_change(by=by, district=row.district, action="update" if initiative else "create", obj=row, changes=changes)
    return row


@transaction.atomic
def delete_initiative(*, by: Actor, initiative: LocalInitiative) -> None:
    record_change(by=by, district=initiative.district, action="delete", obj=initiative)
    initiative.delete()


@transaction.atomic
def propose_as_measure(*, by: Actor, initiative: LocalInitiative) -> Measure:
    """One step: the initiative becomes a measure idea in the open draft, led by its municipality.

    It is meant to roll out to others; the measure keeps the link (``initiative.measure_lineage``)
    and the initiative's fields and goals.
    """
    initiative = LocalInitiative.objects.select_for_update().select_related("municipality").get(pk=initiative.pk)
    if initiative.measure_lineage:
        raise ValidationError(_("Der Ansatz ist bereits als Maßnahme vorgeschlagen."))
    lineages: dict[str, set[Any]] = {}
    for link in initiative.links.all():
        lineages.setdefault(link.kind, set()).add(link.lineage)
    draft = strategy_selectors.open_version(initiative.district)
    fields = list(FieldOfAction.objects.filter(version=draft, lineage__in=lineages.get("field", set())))
    goals = list(Goal.objects.filter(version=draft, lineage__in=lineages.get("goal", set())))
    fields += [g.field for g in goals if g.field is not None and g.field not in fields]
    measure = strategy_services.create_measure_in_draft(
        by=by,
        district=initiative.district,
        prefix="K",
        values={
            "title": initiative.title[:300],
            "summary": initiative.description,
            "phase": Phase.IDEA,
            "origin": Origin.MUNICIPALITY,
            "origin_note": (_("Ansatz der Gemeinde %(m)s") % {"m": initiative.municipality.name})[:300],
        },
        fields_of_action=fields,
        goals=goals,
    )
    MeasureMunicipality.objects.create(
        district=measure.district,
        measure=measure,
        municipality=initiative.municipality,
        role=MeasureMunicipality.Role.LEAD,
    )
    initiative.measure_lineage = measure.lineage
    initiative.save(update_fields=["measure_lineage"])
    record_change(
        by=by,
        district=initiative.district,
        action="propose_measure",
        obj=initiative,
        changes={"measure": ("", f"{measure.code} {measure.title}")},
    )
    return measure
