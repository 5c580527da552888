"""Reach per actor group: which processes and events reached it and how much came from it.

Shown on the actor registry's actor map through the section slot
``manage.actor_map`` (``participation/sections.py``). Read with a fixed number of
grouped queries, whatever the number of groups, processes and contributions
(``participation/tests/test_reach.py`` checks it at two sizes).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from kreiskurs.actors.models import ActorGroup
from kreiskurs.territory.models import District

from ..models import Comment, Event, Idea, Participant, Process, Statement, StatementVote, SurveyResponse, Visibility


@dataclass
class GroupReach:
    group: ActorGroup
    participants: int = 0
    ideas: int = 0
    comments: int = 0
    statements: int = 0
    responses: int = 0
    votes: int = 0
    processes: list[Process] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def contributions(self) -> int:
        return self.ideas + self.comments + self.statements + self.responses + self.votes

    @property
    def reached(self) -> bool:
        return bool(self.contributions or self.processes or self.events)


def reach_by_group(district: District) -> list[GroupReach]:
    """Per actor group: participants who declared it, their contributions, processes and events that reached it.

    A contribution counts for a group when its author declared the group
    ("Ich spreche für"); an idea without such an author counts for the group
    it is tagged with (results entered on behalf of a workshop). Hidden
    contributions do not count. A process reached a group when a contribution
    of the group, or an idea tagged with it, was made in it; an event, when the
    group is one of its target groups. Ten queries.
    """
    groups = list(ActorGroup.objects.filter(district=district))
    reach = {g.pk: GroupReach(g) for g in groups}
    processes = {p.pk: p for p in Process.objects.filter(district=district)}
    reached: dict[int, set[int]] = defaultdict(set)
    visible = ~Q(visibility=Visibility.HIDDEN)

    def tally(rows: Iterable[tuple[Any, Any, int]], attribute: str) -> None:
        for group_id, process_id, n in rows:
            if group_id in reach:
                item = reach[group_id]
                setattr(item, attribute, getattr(item, attribute) + n)
                reached[group_id].add(process_id)

    for group_id, n in (
        Participant.objects.filter(district=district, actor_group__isnull=False)
        .order_by()
        .values_list("actor_group")
        .annotate(n=Count("id"))
        .values_list("actor_group", "n")
    ):
        if group_id in reach:
            reach[group_id].participants = n
    ideas = (
        Idea.objects.filter(visible, district=district)
        .annotate(group=Coalesce("author__actor_group", "actor_group"))
        .filter(group__isnull=False)
        .order_by()
        .values_list("group", "process")
        .annotate(n=Count("id"))
    )
    tally(ideas, "ideas")
    for group_id, process_id in (
        Idea.objects.filter(visible, district=district, actor_group__isnull=False)
        .order_by()
        .values_list("actor_group", "process")
        .distinct()
    ):
        if group_id in reach:
            reached[group_id].add(process_id)
    for model, attribute in ((Comment, "comments"), (Statement, "statements")):
        tally(
            model.objects.filter(visible, district=district, author__actor_group__isnull=False)  # type: ignore[attr-defined]
            .order_by()
            .values_list("author__actor_group", "process")
            .annotate(n=Count("id")),
            attribute,
        )
    tally(
        SurveyResponse.objects.filter(district=district, participant__actor_group__isnull=False)
        .order_by()
        .values_list("participant__actor_group", "survey__process")
        .annotate(n=Count("id")),
        "responses",
    )
    tally(
        StatementVote.objects.filter(district=district, participant__actor_group__isnull=False)
        .order_by()
        .values_list("participant__actor_group", "statement__process")
        .annotate(n=Count("id")),
        "votes",
    )
    for link in (
        Event.target_groups.through.objects.filter(event__district=district)
        .select_related("event")
        .order_by("event__start", "event_id")
    ):
        if link.actorgroup_id in reach:
            reach[link.actorgroup_id].events.append(link.event)
    for group_id, process_ids in reached.items():
        reach[group_id].processes = [processes[pk] for pk in sorted(process_ids) if pk in processes]
    return [reach[g.pk] for g in groups]
