"""The actor map (back office): stakeholders on an influence × interest grid, the bodies they sit in,
and per actor group which processes and events reached it and how much came from it.

Reading needs ``strategy.view_internal``; managing bodies ``actors.manage_stakeholders``
(services in ``kreiskurs/actors/services.py``). Private persons are named only to those
who manage the registry; everyone else sees "Privatperson" (``Stakeholder.public_label``).

The reach is read with a fixed number of grouped queries, whatever the number of
groups, processes and contributions (``test_actor_map.py`` checks it at two sizes).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import rules
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from kreiskurs.accounts.access import district_for, login_required_404, row_in_district
from kreiskurs.actors import services as actor_services
from kreiskurs.actors.models import ActorGroup, Body, BodyMembership, Stakeholder
from kreiskurs.audit.models import AuditEntry
from kreiskurs.forms import KernForm
from kreiskurs.territory.models import District

from ..models import (
    Comment,
    Event,
    Idea,
    Participant,
    Process,
    Statement,
    StatementVote,
    SurveyResponse,
    Visibility,
)

#: influence rows from high to low, interest columns from low to high (1–3 as in ``Stakeholder``)
LEVELS = {3: gettext_lazy("hoch"), 2: gettext_lazy("mittel"), 1: gettext_lazy("gering")}

# --- reads -----------------------------------------------------------------------------------------


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


# --- forms -----------------------------------------------------------------------------------------


class BodyForm(KernForm):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Aufgabe"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)


class MemberForm(KernForm):
    prefix = "member"  # shares the page with the body form
    stakeholder = forms.ModelChoiceField(queryset=Stakeholder.objects.none(), label=gettext_lazy("Akteur"))
    role = forms.CharField(label=gettext_lazy("Rolle"), max_length=100, initial=gettext_lazy("Mitglied"))

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stakeholder"].queryset = Stakeholder.objects.filter(district=district)  # type: ignore[attr-defined]


# --- views -----------------------------------------------------------------------------------------


@login_required_404
def actor_map(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.view_internal")
    can_manage = rules.has_perm("actors.manage_stakeholders", request.user, district)
    stakeholders = list(Stakeholder.objects.filter(district=district).select_related("group"))
    for s in stakeholders:
        s.label = s.name if can_manage else s.public_label  # type: ignore[attr-defined]
    bodies = Body.objects.filter(district=district).prefetch_related(
        Prefetch("memberships", queryset=BodyMembership.objects.select_related("stakeholder"))
    )
    context = {
        "district": district,
        "grid": stakeholder_grid(stakeholders),
        "interest_levels": [LEVELS[1], LEVELS[2], LEVELS[3]],
        "bodies": bodies,
        "reach": reach_by_group(district),
        "can_manage": can_manage,
    }
    return render(request, "participation/actor_map/map.html", context)


@login_required_404
@require_http_methods(["GET", "POST"])
def body_list(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, "actors.manage_stakeholders")
    form = BodyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            body = actor_services.create_body(
                by=request.user,
                district=district,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Das Gremium „%(b)s“ ist angelegt.") % {"b": body})
            return redirect("actor_map:body", slug, body.pk)
    bodies = Body.objects.filter(district=district).annotate(member_count=Count("memberships"))
    return render(
        request, "participation/actor_map/bodies.html", {"district": district, "form": form, "bodies": bodies}
    )


def _render_body(
    request: HttpRequest, district: District, body: Body, form: BodyForm | None = None, member_form: Any = None
) -> HttpResponse:
    context = {
        "district": district,
        "body": body,
        "form": form
        or BodyForm(initial={"name": body.name, "description": body.description, "revision": body.revision}),
        "member_form": member_form or MemberForm(district=district),
        "memberships": body.memberships.select_related("stakeholder", "stakeholder__group"),
        "history": AuditEntry.objects.for_object(body).select_related("actor")[:50],
    }
    return render(request, "participation/actor_map/body.html", context)


@login_required_404
@require_http_methods(["GET", "POST"])
def body_detail(request: HttpRequest, slug: str, body_pk: int) -> HttpResponse:
    """Rename a body or change its task; its members with their roles."""
    district = district_for(request.user, slug, "actors.manage_stakeholders")
    body = row_in_district(Body.objects.all(), district, body_pk)
    if request.method != "POST":
        return _render_body(request, district, body)
    form = BodyForm(request.POST)
    if form.is_valid():
        try:
            actor_services.update_body(
                by=request.user,
                body=body,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                expected_revision=form.cleaned_data["revision"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Das Gremium ist gespeichert."))
            return redirect("actor_map:body", slug, body.pk)
    return _render_body(request, district, body, form=form)


@login_required_404
@require_POST
def body_delete(request: HttpRequest, slug: str, body_pk: int) -> HttpResponse:
    district = district_for(request.user, slug, "actors.manage_stakeholders")
    body = row_in_district(Body.objects.all(), district, body_pk)
    actor_services.delete_body(by=request.user, body=body)
    messages.success(request, _("Das Gremium „%(b)s“ ist gelöscht.") % {"b": body})
    return redirect("actor_map:bodies", slug)


@login_required_404
@require_POST
def member_add(request: HttpRequest, slug: str, body_pk: int) -> HttpResponse:
    district = district_for(request.user, slug, "actors.manage_stakeholders")
    body = row_in_district(Body.objects.all(), district, body_pk)
    member_form = MemberForm(request.POST, district=district)
    if member_form.is_valid():
        try:
            membership = actor_services.add_member(by=request.user, body=body, **member_form.cleaned_data)
        except ValidationError as exc:
            member_form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(s)s sitzt jetzt im Gremium (%(r)s).") % {"s": membership.stakeholder, "r": membership.role},
            )
            return redirect("actor_map:body", slug, body.pk)
    return _render_body(request, district, body, member_form=member_form)


@login_required_404
@require_POST
def member_remove(request: HttpRequest, slug: str, body_pk: int, membership_pk: int) -> HttpResponse:
    district = district_for(request.user, slug, "actors.manage_stakeholders")
    body = row_in_district(Body.objects.all(), district, body_pk)
    membership = row_in_district(
        BodyMembership.objects.filter(body=body).select_related("stakeholder"), district, membership_pk
    )
    actor_services.remove_member(by=request.user, membership=membership)
    messages.success(request, _("%(s)s ist nicht mehr im Gremium.") % {"s": membership.stakeholder})
    return redirect("actor_map:body", slug, body.pk)
