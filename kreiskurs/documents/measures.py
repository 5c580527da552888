"""One profile (Steckbrief) per measure, as blocks: seven queries for all measures of a version."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from kreiskurs.collation import natural
from kreiskurs.monitoring.models import Indicator
from kreiskurs.strategy.models import Measure, MeasureMunicipality, Milestone, StrategyVersion

from . import formatting as fmt
from .content import Block, Facts, Heading, Paragraph, Table


def _label(name: str) -> str:
    return str(getattr(Measure._meta.get_field(name), "verbose_name", name))


def _choices(name: str) -> dict[str, str]:
    return {str(k): str(v) for k, v in getattr(Measure._meta.get_field(name), "flatchoices", [])}


def measure_profiles(
    version: StrategyVersion, indicators: list[Indicator], links: list[tuple[int, str, Any]]
) -> list[list[Block]]:
    """The profiles of the version's measures in natural code order, each a list of blocks."""
    measures = (
        Measure.objects.filter(version=version)
        .order_by(natural("code"))
        .prefetch_related(
            "fields_of_action",
            "goals",
            "partners",
            "dependencies",
            Prefetch("participations", queryset=MeasureMunicipality.objects.select_related("municipality")),
            Prefetch("milestones", queryset=Milestone.objects.order_by("due", "id")),
        )
    )
    by_id = {i.pk: i for i in indicators}
    measured: dict[Any, list[str]] = {}
    for indicator_id, kind, lineage in links:
        if kind == "measure" and indicator_id in by_id:
            measured.setdefault(lineage, []).append(f"{by_id[indicator_id].code} {by_id[indicator_id].name}")
    labels = {
        name: _choices(name)
        for name in ("measure_type", "priority", "phase", "digital_check", "funding", "origin", "reporting_interval")
    }
    roles = {str(k): str(v) for k, v in MeasureMunicipality.Role.choices}
    names = {
        name: _label(name)
        for name in (
            "fields_of_action",
            "goals",
            "measure_type",
            "priority",
            "phase",
            "lead_unit",
            "lead_person",
            "partners",
            "digital_check",
            "estimated_cost",
            "funding",
            "reporting_interval",
            "dependencies",
            "origin",
            "objectives",
            "expected_impact",
        )
    }
    profiles = []
    for m in measures:
        facts = [
            (names["fields_of_action"], "; ".join(f"{f.code} {f.title}" for f in m.fields_of_action.all())),
            (names["goals"], ", ".join(g.code for g in m.goals.all())),
            (names["measure_type"], labels["measure_type"].get(m.measure_type, "")),
            (names["priority"], labels["priority"].get(m.priority, "")),
            (names["phase"], labels["phase"].get(m.phase, "")),
            (names["lead_unit"], m.lead_unit),
            (names["lead_person"], m.lead_person),
            (
                _("Beteiligte Gemeinden"),
                ", ".join(f"{p.municipality.name} ({roles.get(p.role, p.role)})" for p in m.participations.all()),
            ),
            (names["partners"], ", ".join(p.name for p in m.partners.all())),
            (
                names["digital_check"],
                " – ".join(x for x in (labels["digital_check"].get(m.digital_check, ""), m.digital_check_note) if x),
            ),
            (names["estimated_cost"], fmt.money(m.estimated_cost)),
            (names["funding"], " – ".join(x for x in (labels["funding"].get(m.funding, ""), m.funding_programme) if x)),
            (_("Zeitraum"), fmt.span(m.start, m.end)),
            (names["reporting_interval"], labels["reporting_interval"].get(str(m.reporting_interval), "")),
            (names["dependencies"], ", ".join(d.code for d in m.dependencies.all())),
            (names["origin"], " – ".join(x for x in (labels["origin"].get(m.origin, ""), m.origin_note) if x)),
            (_("Indikatoren"), "; ".join(sorted(measured.get(m.lineage, [])))),
        ]
        blocks: list[Block] = [
            Heading(2, f"{m.code} {m.title}"),
            *(Paragraph(p, "lead") for p in fmt.paragraphs(m.summary)),
            Facts([(label, value) for label, value in facts if value]),
        ]
        for name in ("objectives", "expected_impact"):
            text = getattr(m, name)
            if text:
                blocks += [Heading(3, names[name]), *(Paragraph(p) for p in fmt.paragraphs(text))]
        milestones = list(m.milestones.all())
        if milestones:
            blocks += [
                Heading(3, _("Meilensteine")),
                Table(
                    [_("Meilenstein"), _("fällig am"), _("erreicht am")],
                    [[s.title, fmt.date(s.due), fmt.date(s.done_on)] for s in milestones],
                ),
            ]
        profiles.append(blocks)
    return profiles
