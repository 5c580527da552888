"""The demo's preparation and baseline: the mandate, the project organisation, the time plan, and the
Ausgangslage with its SWOT for version 1 (adopted) and its update in version 2 (in consultation)."""

from __future__ import annotations

import datetime as dt

from kreiskurs.accounts.models import User
from kreiskurs.actors import services as actor_services
from kreiskurs.actors.models import Stakeholder
from kreiskurs.cycle import services as cycle_services
from kreiskurs.strategy import services
from kreiskurs.strategy.models import BaselineSection, FieldOfAction, Goal, StrategyVersion, SwotItem
from kreiskurs.territory.models import District

MANDATE = {
    "council": "kreistag",
    "date": dt.date(2022, 12, 14),
    "reference": "SV-10/0187",
    "url": "https://oparl.example.org/coesfeld/paper/10-0187",
    "summary": "Der Kreistag beauftragt die Verwaltung, gemeinsam mit den Städten und Gemeinden eine "
    "Digitalstrategie für den Kreis zu erarbeiten, sie mit der Öffentlichkeit zu beraten und "
    "regelmäßig fortzuschreiben.",
    "lead_unit": "Stabsstelle Digitalisierung (Beispiel)",
}

# body, task, members (stakeholder, role)
BODIES = [
    (
        "Lenkungskreis Digitalstrategie",
        "Steuert die Erarbeitung und Umsetzung, entscheidet über Prioritäten.",
        [
            ("Kommunales Rechenzentrum (Beispiel-IT-Dienstleister)", "Mitglied"),
            ("Wirtschaftsförderung Kreis Coesfeld (wfc)", "Mitglied"),
        ],
    ),
    (
        "Digitalbeirat",
        "Berät aus Sicht von Wirtschaft, Bildung und Zivilgesellschaft.",
        [
            ("IHK Nord Westfalen", "Vorsitz"),
            ("Berufskolleg Coesfeld", "Mitglied"),
            ("Seniorenbeirat (Beispiel)", "Mitglied"),
        ],
    ),
]


def _stages(today: dt.date) -> dict[str, dict[str, dt.date | str | None]]:
    """The first cycle is done; the district is in its Fortschreibung (the dates ahead move with the demo's day)."""
    d = dt.date
    return {
        "preparation": {"planned_start": d(2023, 1, 9), "planned_end": d(2023, 3, 31), "actual_start": d(2023, 1, 9),
                        "actual_end": d(2023, 4, 14)},
        "baseline": {"planned_start": d(2023, 4, 1), "planned_end": d(2023, 6, 30), "actual_start": d(2023, 4, 17),
                     "actual_end": d(2023, 7, 7)},
        "vision": {"planned_start": d(2023, 7, 1), "planned_end": d(2023, 9, 30), "actual_start": d(2023, 7, 10),
                   "actual_end": d(2023, 9, 29), "note": "Zukunftswerkstatt mit 120 Teilnehmenden"},
        "fields": {"planned_start": d(2023, 10, 1), "planned_end": d(2023, 11, 30), "actual_start": d(2023, 10, 2),
                   "actual_end": d(2023, 11, 24)},
        "measures": {"planned_start": d(2023, 12, 1), "planned_end": d(2024, 2, 29), "actual_start": d(2023, 11, 27),
                     "actual_end": d(2024, 2, 16)},
        "adoption": {"planned_start": d(2024, 3, 20), "planned_end": d(2024, 3, 20), "actual_start": d(2024, 3, 20),
                     "actual_end": d(2024, 3, 20), "note": "Kreistag, SV-10/0412"},
        "implementation": {"planned_start": d(2024, 4, 1), "planned_end": d(2028, 12, 31),
                           "actual_start": d(2024, 4, 2)},
        "evaluation": {"planned_start": d(2025, 9, 1), "planned_end": d(2025, 12, 19), "actual_start": d(2025, 9, 1),
                       "actual_end": d(2025, 12, 12)},
        "update": {"planned_start": d(2026, 1, 12), "planned_end": today + dt.timedelta(days=120),
                   "actual_start": d(2026, 1, 12), "note": "Beschluss der Version 2 im Kreistag geplant"},
    }  # fmt: skip


def _preparation(by: User, district: District, today: dt.date) -> None:
    """Mandate, project organisation (bodies of the actor registry) and the time plan."""
    stakeholders = {s.name: s for s in Stakeholder.objects.filter(district=district)}
    bodies = []
    for name, task, members in BODIES:
        body = actor_services.create_body(by=by, district=district, name=name, description=task)
        for stakeholder, role in members:
            actor_services.add_member(by=by, body=body, stakeholder=stakeholders[stakeholder], role=role)
        bodies.append(body)
    cycle_services.save_mandate(by=by, district=district, values=MANDATE, bodies=bodies)
    for kind, values in _stages(today).items():
        cycle_services.save_stage(by=by, district=district, kind=kind, values=values)


# field code (or None for the whole district), title, Markdown text
SECTIONS = [
    (
        None,
        "Der Kreis im Überblick",
        "Der Kreis ist ländlich geprägt: elf Städte und Gemeinden, viele Ortsteile und Bauerschaften. "
        "Die Zahlen oben stammen aus dem Gemeindeverzeichnis.\n\n"
        "- Die Verwaltungen sind klein; IT betreibt ein gemeinsamer Dienstleister.\n"
        "- Der Kreis wächst leicht, die Bevölkerung wird älter.",
    ),
    ("HF1", "Verwaltung und Online-Dienste", "Rund ein Drittel der meistgenutzten Leistungen ist online "
     "beantragbar, meist ohne medienbruchfreie Weiterverarbeitung. Die E-Akte ist in zwei Kommunen eingeführt."),
    ("HF2", "Infrastruktur und Konnektivität", "Die Kernorte sind gut versorgt; in den Außenbereichen fehlen "
     "Glasfaseranschlüsse, und entlang der Landstraßen gibt es Funklöcher."),
    ("HF3", "Bildung und Kompetenzen", "Die Schulen haben Geräte aus dem DigitalPakt, aber zu wenig Support. "
     "Angebote zur Medienkompetenz für Ältere gibt es bisher nur vereinzelt."),
    ("HF4", "Gesundheit, Pflege und Soziales", "Telemedizin wird in zwei Kliniken erprobt; ambulante Pflege "
     "dokumentiert überwiegend auf Papier."),
    ("HF5", "Mobilität, Klima und Umwelt", "Der ÖPNV in der Fläche ist dünn; Rufbusse werden telefonisch bestellt."),
    ("HF6", "Wirtschaft, Tourismus und Teilhabe", "Viele kleine Betriebe; der Radtourismus ist stark, "
     "die digitale Buchbarkeit der Angebote gering."),
]  # fmt: skip

# kind, finding, fields, goals that answer it
FINDINGS = [
    ("strength", "Enge Zusammenarbeit von Kreis und Kommunen", ["HF1"], ["Z1.1"]),
    ("strength", "Gemeinsamer kommunaler IT-Dienstleister", ["HF1", "HF2"], []),
    ("strength", "Starker Radtourismus mit bekannten Routen", ["HF6"], ["Z9"]),
    ("weakness", "Viele Verwaltungsleistungen nur analog", ["HF1"], ["Z1"]),
    ("weakness", "Weiße Flecken bei Glasfaser und Mobilfunk in den Außenbereichen", ["HF2"], ["Z2", "Z2.1"]),
    ("weakness", "Zu wenig IT-Support an Schulen", ["HF3"], ["Z3"]),
    ("opportunity", "Förderprogramme von Bund und Land für Breitband und OZG", ["HF1", "HF2"], ["Z2"]),
    ("opportunity", "Engagierte Ehrenamtliche als Digitallotsen", ["HF3", "HF6"], ["Z4"]),
    ("threat", "Fachkräftemangel in der IT", ["HF1"], []),
    ("threat", "Steigende Anforderungen an die Informationssicherheit", ["HF1", "HF2"], ["Z10"]),
]


def _baseline_v1(by: User, version: StrategyVersion) -> None:
    """The Ausgangslage of version 1, written before its adoption."""
    fields = {f.code: f for f in FieldOfAction.objects.filter(version=version)}
    goals = {g.code: g for g in Goal.objects.filter(version=version)}
    for i, (field, title, text) in enumerate(SECTIONS):
        services.create_element(
            by=by,
            version=version,
            model=BaselineSection,
            values={"title": title, "text": text, "field": fields.get(field or ""), "position": i},
        )
    answers: dict[str, list[SwotItem]] = {}
    for i, (kind, text, field_codes, goal_codes) in enumerate(FINDINGS):
        item = services.create_element(
            by=by,
            version=version,
            model=SwotItem,
            values={"kind": kind, "text": text, "position": i},
            m2m={"fields_of_action": [fields[c] for c in field_codes]},
        )
        for code in goal_codes:
            answers.setdefault(code, []).append(item)
    for code, items in answers.items():
        services.update_element(by=by, obj=goals[code], values={}, m2m={"findings": items}, expected_revision=None)


def _baseline_v2(by: User, version: StrategyVersion) -> None:
    """Version 2 updates the Ausgangslage: the evaluation's findings and the new goal on AI."""
    section = BaselineSection.objects.get(version=version, field__code="HF1")
    services.update_element(
        by=by,
        obj=section,
        values={
            "text": "Gut die Hälfte der meistgenutzten Leistungen ist inzwischen online beantragbar "
            "(Evaluation 2025); die E-Akte ist in sechs Kommunen eingeführt."
        },
        expected_revision=None,
    )
    ai = services.create_element(
        by=by,
        version=version,
        model=SwotItem,
        values={"kind": "opportunity", "text": "Künstliche Intelligenz kann Routinearbeit abnehmen", "position": 20},
        m2m={"fields_of_action": list(FieldOfAction.objects.filter(version=version, code="HF1"))},
    )
    services.update_element(
        by=by,
        obj=Goal.objects.get(version=version, code="Z11"),
        values={},
        m2m={"findings": [ai]},
        expected_revision=None,
    )
