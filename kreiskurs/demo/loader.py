"""Loads the demo district through the same services staff use, so the
audit log and versions look exactly as they would in real use."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from kreiskurs.accounts.models import Membership, User
from kreiskurs.actors.models import ActorGroup, Stakeholder
from kreiskurs.evaluation import services as evaluation_services
from kreiskurs.geo.demo import load_demo_boundaries
from kreiskurs.initiatives import services as initiative_services
from kreiskurs.maturity.demo import load_demo_maturity
from kreiskurs.monitoring.models import Indicator
from kreiskurs.monitoring.services import import_indicators, import_measurements, set_indicator_links
from kreiskurs.participation.models import Process
from kreiskurs.participation.services import events as event_services
from kreiskurs.participation.services import ideas as idea_services
from kreiskurs.participation.services import moderation
from kreiskurs.participation.services import participants as participant_services
from kreiskurs.participation.services import processes as process_services
from kreiskurs.participation.services import statements as statement_services
from kreiskurs.participation.services import surveys as survey_services
from kreiskurs.strategy import services
from kreiskurs.strategy.models import (
    Criterion,
    ExistingGoal,
    ExistingStrategy,
    FieldOfAction,
    Goal,
    Measure,
    Strategy,
    StrategyVersion,
    Value,
    VersionState,
)
from kreiskurs.territory.importer import import_gv100ad
from kreiskurs.territory.models import District, Municipality

from . import content

DISTRICT_KEY = "05558"
GV100AD_EXCERPT = Path(__file__).resolve().parent / "data" / "GV100AD_301123_excerpt.txt"


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def demo_loaded() -> bool:
    return Strategy.objects.filter(district__key=DISTRICT_KEY).exists()


@transaction.atomic
def load_demo() -> District:
    """Import the territory excerpt and build the example strategy (twice: adopted v1, v2 in consultation)."""
    import_gv100ad(GV100AD_EXCERPT)
    district = District.objects.get(key=DISTRICT_KEY)
    munis = {m.ags[-3:]: m for m in Municipality.objects.filter(district=district)}
    admin = _accounts(district, munis)
    by = admin

    groups = {name: ActorGroup.objects.create(district=district, name=name) for name in content.ACTOR_GROUPS}
    stakeholders = {}
    for name, group, influence, interest, level in content.STAKEHOLDERS:
        stakeholders[name] = services.save_district_row(
            by=by,
            district=district,
            obj=Stakeholder(),
            values={
                "name": name,
                "group": groups[group],
                "influence": influence,
                "interest": interest,
                "participation_level": level,
                "contact_name": "Beispielkontakt",
                "email": "kontakt@example.org",
            },
        )

    strategy = services.create_strategy(by=by, district=district, title="Digitalstrategie", is_example=True)
    v1 = strategy.versions.get()
    services.update_version_text(
        by=by,
        version=v1,
        values={
            "vision_title": content.VISION_TITLE,
            "vision_text": content.VISION_TEXT,
            "change_summary": "Erste Fassung der Digitalstrategie.",
        },
        expected_revision=None,
    )
    for i, (title, description) in enumerate(content.VALUES):
        services.create_element(
            by=by, version=v1, model=Value, values={"title": title, "description": description, "position": i}
        )
    fields = {}
    for i, (code, title, description) in enumerate(content.FIELDS):
        fields[code] = services.create_element(
            by=by,
            version=v1,
            model=FieldOfAction,
            values={"code": code, "title": title, "description": description, "position": i},
        )
    goals: dict[str, Goal] = {}
    for i, (code, title, field, parent, description) in enumerate(content.GOALS):
        goals[code] = services.create_element(
            by=by,
            version=v1,
            model=Goal,
            values={
                "code": code,
                "title": title,
                "description": description,
                "field": fields[field],
                "parent": goals.get(parent or ""),
                "position": i,
            },
        )
    criteria = []
    for i, (title, kind, description, weight) in enumerate(content.CRITERIA):
        criteria.append(
            services.create_element(
                by=by,
                version=v1,
                model=Criterion,
                values={"title": title, "kind": kind, "description": description, "weight": weight, "position": i},
            )
        )
    existing: dict[str, ExistingGoal] = {}
    for title, owner, year, their_goals in content.EXISTING:
        es = services.save_district_row(
            by=by,
            district=district,
            obj=ExistingStrategy(),
            values={"title": title, "owner": owner, "year": year, "description": "Beispiel."},
        )
        for code, goal_title in their_goals:
            existing[code] = services.save_district_row(
                by=by, district=district, obj=ExistingGoal(), values={"strategy": es, "code": code, "title": goal_title}
            )
    for ours, theirs, kind in content.ALIGNMENTS:
        services.set_alignment(by=by, goal=goals[ours], existing_goal=existing[theirs], kind=kind)

    measures: dict[str, Measure] = {}
    for n, row in enumerate(content.MEASURES):
        measures[row[0]] = _measure(by, v1, row, fields, goals, stakeholders, munis, criteria, n)
    services.update_element(
        by=by, obj=measures["M19"], values={}, m2m={"dependencies": [measures["M18"]]}, expected_revision=None
    )

    first, *others = content.ADOPTIONS
    v1 = services.adopt_version(by=by, version=v1, adoption=_adoption(first, munis))
    for adoption in others:
        services.record_adoption(by=by, version=v1, **_adoption(adoption, munis))

    _revision(by, strategy, munis, criteria, fields)
    _indicators(by, district, goals, measures)
    _status_reports(district)
    _evaluation(district, v1)
    # version 2's edits are done: the team releases it for consultation (public, frozen), which is
    # what the commenting and prioritisation processes show; to edit it again, take it back into draft
    services.set_version_state(
        by=by, version=StrategyVersion.objects.get(strategy=strategy, number=2), state=VersionState.CONSULTATION
    )
    _participation(district, munis)
    _municipal_platform(district, munis)
    load_demo_boundaries(district)
    load_demo_maturity(district)
    return district


def _accounts(district: District, munis: dict[str, Municipality]) -> User:
    """Demo accounts; an existing account of the same name (e.g. a real admin) is reused unchanged."""
    admin = None
    for username, display, role, ref in content.ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username=username,
                password=content.DEMO_PASSWORD,
                display_name=display,
                is_superuser=username == "admin",
                is_staff=username == "admin",
            )
        if username == "admin":
            admin = user
        if role == "municipal_contact":
            Membership.objects.create(user=user, district=district, role=role, municipality=munis[str(ref)])
        elif role and role != "measure_lead":
            Membership.objects.create(user=user, district=district, role=role)
    assert admin is not None
    return admin


def _measure(
    by: Any,
    version: Any,
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
        user = User.objects.get(username="massnahme")
        Membership.objects.create(
            user=user, district=measure.district, role="measure_lead", measure_lineage=measure.lineage
        )
    return measure


def _adoption(row: tuple[Any, ...], munis: dict[str, Municipality]) -> dict[str, Any]:
    body, muni, date, reference, url = row
    return {
        "body": body,
        "municipality": munis[muni] if muni else None,
        "date": _date(date),
        "reference": reference,
        "url": url,
    }


def _revision(
    by: Any, strategy: Strategy, munis: dict[str, Municipality], criteria: list[Criterion], fields: Any
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


def _indicators(by: Any, district: District, goals: dict[str, Goal], measures: dict[str, Measure]) -> None:
    """Indicators and measurements, loaded through the same file imports staff use."""
    import_indicators(
        by=by, district=district, data=content.INDICATORS_CSV.encode("utf-8"), filename="demo-indikatoren.csv"
    )
    rows = ["indicator_code;ags;period;value;source;note"]
    for year, value in ((2022, "18"), (2023, "31"), (2024, "44,5"), (2025, "52")):
        rows.append(f"I1;;{year};{value};OZG-Dashboard (Beispiel);")
    for year, value in ((2022, "35"), (2023, "48"), (2024, "61"), (2025, "70,2")):
        rows.append(f"I2;;{year};{value};Breitbandatlas (Beispiel);")
    for suffix, share in content.GIGABIT_2025.items():
        rows.append(f"I2;05558{suffix};2025;{share};Breitbandatlas (Beispiel);")
    for quarter, count in (("2024-Q1", 120), ("2024-Q2", 260), ("2024-Q3", 410), ("2024-Q4", 590), ("2025-Q1", 720)):
        rows.append(f"I3;;{quarter};{count};Sozialamt (Beispiel);kumuliert")
    for year, value in ((2022, "4200"), (2023, "3650"), (2024, "2900")):
        rows.append(f"I4;;{year};{value};Gebäudemanagement (Beispiel);")
    import_measurements(by=by, district=district, data="\n".join(rows).encode("utf-8"), filename="demo-messwerte.csv")
    links = {
        "I1": [("goal", goals["Z1"].lineage)],
        "I2": [("goal", goals["Z2"].lineage)],
        "I3": [("measure", measures["M13"].lineage)],
    }
    for code, targets in links.items():
        set_indicator_links(
            by=by,
            indicator=Indicator.objects.get(district=district, code=code),
            goals=[lineage for kind, lineage in targets if kind == "goal"],
            measures=[lineage for kind, lineage in targets if kind == "measure"],
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


def _evaluation(district: District, version: StrategyVersion) -> None:
    """A published evaluation of version 1, whose accepted proposal went into the draft of version 2."""
    team = User.objects.get(username="cdo")
    start, end = content.EVALUATION_PERIOD
    evaluation = evaluation_services.open_round(
        by=team,
        version=version,
        title=content.EVALUATION_TITLE,
        period_start=dt.date.fromisoformat(start),
        period_end=dt.date.fromisoformat(end),
    )
    elements = {
        (kind, obj.code): obj.lineage
        for kind, model in (("field", FieldOfAction), ("goal", Goal), ("measure", Measure))
        for obj in model.objects.filter(version=version)
    }
    for code, rating, rationale in content.EVALUATION_RATINGS:
        assessment = evaluation.assessments.get(lineage=elements["measure", code])
        evaluation_services.assess(
            by=team, assessment=assessment, rating=rating, rationale=rationale, expected_revision=None
        )
    evaluation_services.update_findings(
        by=team, evaluation=evaluation, findings=content.EVALUATION_FINDINGS, expected_revision=None
    )
    for kind, code, action, title, change, reason, decision, note in content.EVALUATION_PROPOSALS:
        proposal = evaluation_services.propose_change(
            by=team,
            evaluation=evaluation,
            kind=kind,
            lineage=elements[kind, code],
            action=action,
            title=title,
            change=change,
            reason=reason,
        )
        if decision:
            evaluation_services.decide_proposal(by=team, proposal=proposal, accept=decision == "accept", note=note)
    evaluation_services.publish_round(by=team, evaluation=evaluation)


def _participation(district: District, munis: dict[str, Municipality]) -> None:
    """Running processes with ideas (with what became of them) and comments on the draft."""
    team = User.objects.get(username="cdo")
    groups = {g.name: g for g in ActorGroup.objects.filter(district=district)}
    people = [
        participant_services.join(
            district=district,
            user=None,
            display_name=name,
            consent=True,
            municipality=munis[ags] if ags else None,
            actor_group=groups.get(group),
            age_band=age,
        )
        for name, ags, group, age in content.DEMO_PARTICIPANTS
    ]
    buerger = participant_services.join(
        district=district, user=User.objects.get(username="buerger"), display_name="Bürgerin Beispiel", consent=True
    )
    v2 = StrategyVersion.objects.get(district=district, number=2)
    start = timezone.now() - dt.timedelta(days=14)
    ideas_process = _published_process(
        team,
        district,
        template="ideas",
        title=content.IDEAS_PROCESS[0],
        summary=content.IDEAS_PROCESS[1],
        version=v2,
        start=start - dt.timedelta(days=7),
        allow_pseudonymous=True,
    )
    fields = {f.code: f for f in FieldOfAction.objects.filter(version=v2)}
    measures = {m.code: m for m in Measure.objects.filter(version=v2)}
    ideas = []
    for author, title, text, field, *_rest in content.DEMO_IDEAS:
        ideas.append(
            idea_services.submit_idea(
                by=None, process=ideas_process, participant=people[author], title=title, text=text, field=fields[field]
            )
        )
    for idea, supporters in zip(ideas, (5, 3, 2, 1, 0), strict=True):
        for person in [*people, buerger][:supporters]:
            idea_services.toggle_support(by=None, idea=idea, participant=person)
    for n, (_a, _t, _x, _f, status, reason, measure) in enumerate(content.DEMO_IDEAS):
        if status != "new":
            moderation.set_idea_status(
                by=team,
                idea=ideas[n],
                status=status,
                reason=reason,
                measure=measures.get(measure),
                merged_into=ideas[1] if status == "merged" else None,
            )
    for index, author, text, reply in content.DEMO_COMMENTS:
        top = idea_services.comment(
            by=None, process=ideas_process, participant=people[author], text=text, idea=ideas[index]
        )
        if reply:
            idea_services.comment(
                by=None, process=ideas_process, participant=people[reply[0]], text=reply[1], parent=top
            )
    draft_process = _published_process(
        team,
        district,
        template="draft",
        title=content.DRAFT_PROCESS[0],
        summary=content.DRAFT_PROCESS[1],
        version=v2,
        start=start,
        moderation="pre",
        allow_pseudonymous=True,
    )
    elements = {
        f"{kind}:{obj.code}": f"{kind}:{obj.lineage}"
        for kind, model in (("goal", Goal), ("measure", Measure), ("field", FieldOfAction))
        for obj in model.objects.filter(version=v2)
    }
    for paragraph, author, text in content.DEMO_DRAFT_COMMENTS:
        row = idea_services.comment(
            by=None,
            process=draft_process,
            participant=people[author],
            text=text,
            paragraph=elements.get(paragraph, paragraph),
        )
        if author != 3:  # one stays in the moderation queue
            moderation.moderate(by=team, obj=row, visibility="visible")
    _statements(district, team, people, start)
    _priorities(district, team, people, start, v2)
    _survey(district, team, people, start)
    _events(district, team, ideas_process)


def _statements(district: District, team: User, people: list[Any], start: Any) -> None:

    process = _published_process(
        team,
        district,
        template="statements",
        title=content.STATEMENTS_PROCESS[0],
        summary=content.STATEMENTS_PROCESS[1],
        start=start,
        moderation="pre",
        allow_pseudonymous=True,
    )
    for text, votes in content.DEMO_STATEMENTS:
        statement = statement_services.add_statement(by=team, process=process, text=text)
        for person, vote in zip(people, votes, strict=True):  # type: ignore[call-overload]
            if vote is not None:
                statement_services.cast_vote(by=None, statement=statement, participant=person, vote=vote)


def _priorities(district: District, team: User, people: list[Any], start: Any, version: StrategyVersion) -> None:

    process = _published_process(
        team,
        district,
        template="prioritise",
        title=content.PRIORITIES_PROCESS[0],
        summary=content.PRIORITIES_PROCESS[1],
        version=version,
        start=start,
        allow_pseudonymous=True,
    )
    measures = {m.code: m for m in Measure.objects.filter(version=version)}
    for code, ratings in content.DEMO_PRIORITIES:
        for person, value in zip(people, ratings, strict=True):
            idea_services.rate_measure(
                by=None, process=process, participant=person, measure_lineage=measures[code].lineage, value=value
            )


def _survey(district: District, team: User, people: list[Any], start: Any) -> None:

    process = _published_process(
        team,
        district,
        template="survey",
        title=content.SURVEY_PROCESS[0],
        summary=content.SURVEY_PROCESS[1],
        start=start,
        allow_pseudonymous=True,
    )
    survey = survey_services.create_survey(by=team, process=process, title=content.SURVEY_TITLE)
    questions = []
    for kind, text, choices, _answers in content.DEMO_SURVEY:
        scale = kind == "scale"
        questions.append(
            survey_services.save_question(
                by=team,
                survey=survey,
                kind=str(kind),
                text=str(text),
                choices=list(choices) if kind in ("single", "multiple") else (),  # type: ignore[call-overload]
                scale_min_label=choices[0] if scale else "",  # type: ignore[index]
                scale_max_label=choices[1] if scale else "",  # type: ignore[index]
            )
        )
    for n, person in enumerate(people):
        answers: dict[int, Any] = {}
        for question, (kind, _text, _choices, given) in zip(questions, content.DEMO_SURVEY, strict=True):
            value = given[n]  # type: ignore[index]
            by_text = {c.text: c.pk for c in question.choices.all()}
            if kind == "single":
                answers[question.pk] = by_text[value]
            elif kind == "multiple":
                answers[question.pk] = [by_text[v] for v in value]
            elif value != "":
                answers[question.pk] = value
        survey_services.answer_survey(by=None, survey=survey, participant=person, answers=answers)


def _events(district: District, team: User, process: Any) -> None:
    groups = list(ActorGroup.objects.filter(district=district))
    for title, days, place, kind, attendees, result in content.DEMO_EVENTS:
        begin = timezone.localtime().replace(hour=17, minute=0, second=0, microsecond=0) + dt.timedelta(days=days)
        event = event_services.save_event(
            by=team,
            district=district,
            values={
                "process": process,
                "title": title,
                "description": "",
                "start": begin,
                "end": begin + dt.timedelta(hours=3),
                "place": place,
                "online_url": "",
                "format": kind,
                "attendees": attendees,
                "minutes": "Protokoll liegt bei der Stabsstelle Digitalisierung." if attendees else "",
                "results": result[1] if result else "",
            },
            target_groups=groups[:3],
        )
        if result:
            event_services.record_event_result(by=team, event=event, title=result[0], text=result[1])


def _municipal_platform(district: District, munis: dict[str, Municipality]) -> None:
    """Local initiatives of some municipalities, and a pending request to join a measure."""

    team = User.objects.get(username="cdo")
    v1 = StrategyVersion.objects.get(district=district, number=1)
    fields = {f.code: f for f in FieldOfAction.objects.filter(version=v1)}
    goals = {g.code: g for g in Goal.objects.filter(version=v1)}
    for ags, title, text, status, contact, field_codes, goal_codes in content.DEMO_INITIATIVES:
        initiative_services.save_initiative(
            by=team,
            municipality=munis[ags],
            initiative=None,
            values={"title": title, "description": text, "status": status, "contact": contact, "link": ""},
            fields=[fields[c] for c in field_codes],
            goals=[goals[c] for c in goal_codes],
        )
    services.request_enrolment(
        by=User.objects.get(username="gemeinde"),
        measure=Measure.objects.select_related("version").get(version=v1, code="M2"),
        municipality=munis["016"],
        kind="join",
        role="rollout",
        note="Dülmen möchte die gemeinsame E-Akte übernehmen.",
    )


def _published_process(team: User, district: District, **values: Any) -> Process:
    """A demo process from its template, published (``values``: template, title, summary, start, …)."""
    process = process_services.create_process(by=team, district=district, **values)
    return process_services.set_published(by=team, process=process, published=True)
