"""Workshops and events (staff): create, edit, delete, and their results as contributions.

Every write is keyword-only, atomic, validated with ``full_clean()`` and
audited. Edits refuse lost updates (``Event.revision``, ``EditConflict`` as in
the strategy back office).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kreiskurs.actors.models import ActorGroup
from kreiskurs.audit.services import record_change
from kreiskurs.core.editing import lock_for_edit
from kreiskurs.territory.models import District

from ..models import Event, Idea, Process, Visibility
from ..text import clean_line, clean_text

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor


class EventFields(TypedDict, total=False):
    """The fields staff edit (``target_groups`` is passed separately); a missing key leaves the field as it is."""

    process: Process | None
    title: str
    description: str
    start: dt.datetime
    end: dt.datetime
    place: str
    online_url: str
    format: str
    attendees: int | None
    minutes: str
    results: str


#: the names of ``EventFields``, in form order
EVENT_FIELDS = (
    "process",
    "title",
    "description",
    "start",
    "end",
    "place",
    "online_url",
    "format",
    "attendees",
    "minutes",
    "results",
)
_LINES = {"title", "place"}
_TEXTS = {"description", "minutes", "results"}


def event_fields(data: Mapping[str, Any]) -> EventFields:
    """The ``EventFields`` of a form's cleaned data."""
    return EventFields(
        process=data["process"],
        title=data["title"],
        description=data["description"],
        start=data["start"],
        end=data["end"],
        place=data["place"],
        online_url=data["online_url"],
        format=data["format"],
        attendees=data["attendees"],
        minutes=data["minutes"],
        results=data["results"],
    )


def _display(event: Event, name: str) -> Any:
    value = getattr(event, name)
    if name == "format":
        return event.get_format_display()
    if name == "process":
        return str(value) if value else ""
    return value


def _check_district(district: District, process: Process | None, groups: list[ActorGroup]) -> None:
    if process is not None and process.district_id != district.pk:
        raise ValidationError({"process": _("Das Verfahren gehört nicht zu diesem Kreis.")})
    if any(g.district_id != district.pk for g in groups):
        raise ValidationError({"target_groups": _("Die Zielgruppe gehört nicht zu diesem Kreis.")})


@transaction.atomic
def save_event(
    *,
    by: Actor,
    district: District,
    event: Event | None = None,
    values: EventFields,
    target_groups: Iterable[ActorGroup] = (),
    expected_revision: int | None = None,
) -> Event:
    """Create an event of ``district`` (``event`` None) or change ``event`` (only the fields ``values`` names)."""
    groups = list(target_groups)
    _check_district(district, values.get("process"), groups)
    given: dict[str, Any] = dict(values)
    if event is None:
        current = Event(district=district)
        before: dict[str, Any] = {}
        before_groups: list[str] = []
    else:
        if event.district_id != district.pk:
            raise ValidationError(_("Die Veranstaltung gehört nicht zu diesem Kreis."))
        current = lock_for_edit(event, expected_revision)
        before = {name: _display(current, name) for name in EVENT_FIELDS}
        before_groups = sorted(g.name for g in current.target_groups.all())
    for name in EVENT_FIELDS:
        if name not in given:
            continue
        value = given[name]
        if name in _LINES:
            value = clean_line(value or "")
        elif name in _TEXTS:
            value = clean_text(value or "")
        elif name == "online_url":
            value = (value or "").strip()
        setattr(current, name, value)
    current.full_clean()
    after_groups = sorted(g.name for g in groups)
    changes = {
        name: (before.get(name), _display(current, name))
        for name in EVENT_FIELDS
        if before.get(name) != _display(current, name)
    }
    if before_groups != after_groups:
        changes["target_groups"] = (before_groups, after_groups)
    if event is None:
        current.save()
        current.target_groups.set(groups)
        record_change(by=by, district=district, action="create", obj=current, revision=current.revision)
    elif changes:
        current.revision += 1
        current.save()
        current.target_groups.set(groups)
        record_change(
            by=by, district=district, action="update", obj=current, changes=changes, revision=current.revision
        )
    return current


@transaction.atomic
def delete_event(*, by: Actor, event: Event) -> None:
    """Delete an event; ideas recorded from it stay (they lose the link to the event)."""
    record_change(by=by, district=event.district, action="delete", obj=event)
    event.delete()


@transaction.atomic
def record_event_result(
    *,
    by: Actor,
    event: Event,
    title: str,
    text: str,
    actor_group: ActorGroup | None = None,
) -> Idea:
    """Enter a result of the workshop as a contribution of its process, on behalf of the workshop.

    The idea has no author (nobody in particular wrote it), is visible at
    once (staff wrote it; no moderation needed), and links to the event.
    """
    if event.process_id is None:
        raise ValidationError(
            _("Die Veranstaltung gehört zu keinem Verfahren; Ergebnisse können nur in einem Verfahren erfasst werden.")
        )
    if actor_group is not None and actor_group.district_id != event.district_id:
        raise ValidationError({"actor_group": _("Die Gruppe gehört nicht zu diesem Kreis.")})
    process = Process.objects.get(pk=event.process_id)
    idea = Idea(
        district=event.district,
        process=process,
        author=None,
        visibility=Visibility.VISIBLE,
        title=clean_line(title),
        text=clean_text(text),
        actor_group=actor_group,
        event=event,
    )
    idea.full_clean()
    idea.save()
    record_change(
        by=by,
        district=event.district,
        action="create",
        obj=idea,
        changes={"event": ("", str(event))},
    )
    return idea
