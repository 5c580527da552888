"""The demo participation: participants, ideas, draft comments, statements, priorities, a survey, events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from kreiskurs.accounts.models import User
from kreiskurs.actors.models import ActorGroup
from kreiskurs.participation.models import Process
from kreiskurs.participation.services import events as event_services
from kreiskurs.participation.services import ideas as idea_services
from kreiskurs.participation.services import moderation
from kreiskurs.participation.services import participants as participant_services
from kreiskurs.participation.services import processes as process_services
from kreiskurs.participation.services import statements as statement_services
from kreiskurs.participation.services import surveys as survey_services
from kreiskurs.strategy.models import (
    FieldOfAction,
    Goal,
    Measure,
    StrategyVersion,
)
from kreiskurs.territory.models import District, Municipality

from .. import content
from .consideration import _consideration


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
            actor_group=groups.get(group),
            municipality=munis[ags] if ags else None,
            age_band=age,
        )
        for name, group, ags, age in content.DEMO_PARTICIPANTS
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
        others = [person for person in [*people, buerger] if person.pk != idea.author_id]  # no self-support
        for person in others[:supporters]:
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
    _consideration(draft_process, team, people)
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
    statements = []
    for text, votes in content.DEMO_STATEMENTS:
        statement = statement_services.add_statement(by=team, process=process, text=text)
        statements.append(statement)
        for person, vote in zip(people, votes, strict=True):  # type: ignore[call-overload]
            if vote is not None:
                statement_services.cast_vote(by=None, statement=statement, participant=person, vote=vote)
    _voters(district, statements)


def _voters(district: District, statements: list[Any]) -> None:
    """The people who only voted (``content.DEMO_VOTERS``): enough for the representativeness tables."""
    munis = {m.ags[-3:]: m for m in Municipality.objects.filter(district=district)}
    number = 0
    for age_band, ags, count in content.DEMO_VOTERS:
        for _i in range(count):
            number += 1
            person = participant_services.join(
                district=district,
                user=None,
                display_name=f"Teilnehmende {number}",
                consent=True,
                municipality=munis[ags] if ags else None,
                age_band=age_band,
            )
            pattern = content.DEMO_VOTER_PATTERNS[number % len(content.DEMO_VOTER_PATTERNS)]
            for statement, vote in zip(statements, pattern, strict=True):
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


def _published_process(team: User, district: District, **values: Any) -> Process:
    """A demo process from its template, published (``values``: template, title, summary, start, …)."""
    process = process_services.create_process(by=team, district=district, **values)
    return process_services.set_published(by=team, process=process, published=True)
