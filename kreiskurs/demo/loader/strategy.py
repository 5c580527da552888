"""The demo strategy's measures, adoptions, the revision to version 2 and the status reports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, TypedDict

from kreiskurs.accounts import services as account_services
from kreiskurs.accounts.models import Role, User
from kreiskurs.actors.models import Stakeholder
from kreiskurs.strategy import services
from kreiskurs.strategy.models import (
    Criterion,
    FieldOfAction,
    Goal,
    Measure,
    Strategy,
    StrategyVersion,
)
from kreiskurs.territory.models import District, Municipality

from .. import content
from .base import _date


def _measure(
    by: User,
    version: StrategyVersion,
    row: tuple[Any, ...],
    fields: dict[str, FieldOfAction],
    goals: dict[str, Goal],
    stakeholders: dict[str, Stakeholder],
    munis: dict[str, Municipality],
    criteria: list[Criterion],
    n: int,
) -> Measure:
    (
        code,
        title,
        field_codes,
        goal_codes,
        mtype,
        priority,
        phase,
        lead,
        cost,
        funding,
        programme,
        start,
        end,
        parts,
        partners,
        summary,
    ) = row
    measure = services.create_element(
        by=by,
        version=version,
        model=Measure,
        values={
            "code": code,
            "title": title,
            "summary": summary,
            "objectives": f"Die Maßnahme trägt zu {', '.join(goal_codes)} bei; gemessen an Nutzung und Zufriedenheit.",
            "expected_impact": "Entlastung für Menschen und Verwaltung; auf weitere Kommunen übertragbar.",
            "lead_unit": lead,
            "lead_person": "",
            "measure_type": mtype,
            "priority": priority,
            "phase": phase,
            "digital_check": "digital" if n % 4 else "hybrid",
            "digital_check_note": "Analoge Zugänge bleiben für Menschen ohne Internet erhalten." if not n % 4 else "",
            "estimated_cost": Decimal(cost),
            "funding": funding,
            "funding_programme": programme,
            # the lead projects decide who else joins; the others are open to every municipality
            "join_needs_confirmation": mtype == "lead",
            "start": _date(start),
            "end": _date(end),
            "origin": "participation" if n % 5 == 2 else ("municipality" if n % 7 == 3 else "strategy_team"),
            "origin_note": "Idee aus der Zukunftswerkstatt 2023" if n % 5 == 2 else "",
            "council_links": f"https://oparl.example.org/coesfeld/paper/{1000 + n}" if mtype == "lead" else "",
        },
        m2m={
            "fields_of_action": [fields[c] for c in field_codes],
            "goals": [goals[c] for c in goal_codes],
            "partners": [stakeholders[p] for p in partners],
        },
    )
    start_date = _date(start)
    milestones = []
    if start_date:
        milestones = [
            ("Projektstart", start_date, start_date if phase not in ("idea", "profiled", "selected") else None),
            (
                "Pilot abgeschlossen",
                start_date + dt.timedelta(days=270),
                start_date + dt.timedelta(days=280) if phase in ("rollout", "operating", "completed") else None,
            ),
        ]
    services.save_measure_details(
        by=by,
        measure=measure,
        participations=[(munis[s], role) for s, role in parts],
        scores=[(c, True, None) if c.kind == "knockout" else (c, None, (n + i) % 6) for i, c in enumerate(criteria)],
        milestones=milestones,
    )
    if code == "M1":
        account_services.grant_role(
            by=by,
            district=measure.district,
            user=User.objects.get(username="massnahme"),
            role=Role.MEASURE_LEAD,
            measure_lineage=measure.lineage,
        )
    return measure


class Resolution(TypedDict):
    """A council's resolution as ``adopt_version`` and ``record_adoption`` take it."""

    body: str
    municipality: Municipality | None
    date: dt.date
    reference: str
    url: str


def _adoption(row: tuple[Any, ...], munis: dict[str, Municipality]) -> Resolution:
    body, muni, date, reference, url = row
    return {
        "body": body,
        "municipality": munis[muni] if muni else None,
        "date": dt.date.fromisoformat(date),
        "reference": reference,
        "url": url,
    }


def _revision(
    by: User, strategy: Strategy, munis: dict[str, Municipality], criteria: list[Criterion], fields: Any
) -> None:
    """Version 2: a revision with visible changes (released for consultation once the demo's edits are done)."""
    v2 = services.start_revision(
        by=by,
        strategy=strategy,
        change_summary="Fortschreibung 2026: Ergebnisse der Evaluation und der Online-Beteiligung eingearbeitet.",
    )
    services.update_version_text(
        by=by,
        version=v2,
        values={
            "vision_text": content.VISION_TEXT
            + "\n\nKünstliche Intelligenz setzen wir verantwortungsvoll und transparent ein."
        },
        expected_revision=None,
    )
    hf1 = FieldOfAction.objects.get(version=v2, code="HF1")
    goal = services.create_element(
        by=by,
        version=v2,
        model=Goal,
        values={
            "code": "Z11",
            "title": "Künstliche Intelligenz wird verantwortungsvoll eingesetzt",
            "description": "Leitlinien, Transparenz und Pilotprojekte für KI in der Verwaltung.",
            "field": hf1,
            "position": 20,
        },
    )
    m4 = Measure.objects.get(version=v2, code="M4")
    services.update_element(by=by, obj=m4, values={"phase": "preparing"}, expected_revision=m4.revision)
    m6 = Measure.objects.get(version=v2, code="M6")
    services.update_element(
        by=by, obj=m6, values={"priority": "high", "phase": "selected"}, expected_revision=m6.revision
    )
    m29 = Measure.objects.get(version=v2, code="M29")
    services.update_element(
        by=by, obj=m29, values={"phase": "profiled"}, m2m={"goals": [goal]}, expected_revision=m29.revision
    )
    services.delete_element(by=by, obj=Measure.objects.get(version=v2, code="M28"))
    new = services.create_element(
        by=by,
        version=v2,
        model=Measure,
        values={
            "code": "M31",
            "title": "KI-Leitlinien und Experimentierraum",
            "summary": "Leitlinien für KI in Kreis und Kommunen, dazu ein geschützter Raum für Pilotprojekte.",
            "objectives": "Rechtssicherer, transparenter KI-Einsatz.",
            "expected_impact": "Schnellere Bearbeitung einfacher Anliegen bei voller Nachvollziehbarkeit.",
            "lead_unit": "Stabsstelle Digitalisierung",
            "measure_type": "potential",
            "priority": "medium",
            "phase": "idea",
            "origin": "participation",
            "origin_note": "Vorschlag aus der Online-Beteiligung 2026",
        },
        m2m={"fields_of_action": [hf1], "goals": [goal]},
    )
    services.save_measure_details(
        by=by,
        measure=new,
        participations=[(munis["012"], "lead"), (munis["024"], "interested")],
        scores=[],
        milestones=[],
    )


def _status_reports(district: District) -> None:
    """A few status reports, written by the measure lead and the strategy team."""
    lead = User.objects.get(username="massnahme")
    team = User.objects.get(username="cdo")
    current = Measure.objects.filter(district=district, version__state="adopted")
    for code, by, rows in content.STATUS_REPORTS:
        measure = current.get(code=code)
        author = lead if by == "lead" else team
        for date, phase, progress, text, risks in rows:
            services.record_status_report(
                by=author,
                measure=measure,
                date=dt.date.fromisoformat(date),
                phase=phase,
                progress=progress,
                text=text,
                risks=risks,
            )
