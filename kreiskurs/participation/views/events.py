"""Workshops and events: the public list and iCalendar feed, the back office, results as contributions.

Public are the events without a process and those of published processes.
The feed (``termine.ics``) is built with ``icalendar`` (decision record 0009):
every event keeps its UID (``Event.uid``) so calendars update it in place;
``SEQUENCE`` follows the event's revision; times are written in UTC.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import icalendar
import rules
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from kreiskurs.accounts.access import district_for, login_required_404, row_in_district
from kreiskurs.actors.models import ActorGroup
from kreiskurs.audit.models import AuditEntry
from kreiskurs.core.feedback import attempt
from kreiskurs.forms import KernForm, KernModelForm
from kreiskurs.territory.models import District
from kreiskurs.territory.selectors import district_by_slug

from ..models import Event, Process
from ..selectors.events import public_events
from ..services import events as event_services
from .common import frame

# --- reads -----------------------------------------------------------------------------------------


def calendar_for(district: District, events: list[Event], *, page_url: str, now: dt.datetime | None = None) -> bytes:
    """The events as one iCalendar (RFC 5545) document; ``page_url`` is the public list the events link to."""
    stamp = (now or timezone.now()).astimezone(dt.UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Kreiskurs//Beteiligung//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("%(d)s: Termine der Beteiligung") % {"d": district.display_name})
    for event in events:
        entry = icalendar.Event()
        entry.add("uid", str(event.uid))
        entry.add("dtstamp", stamp)
        entry.add("sequence", event.revision - 1)
        entry.add("summary", event.title)
        entry.add("dtstart", event.start.astimezone(dt.UTC))
        entry.add("dtend", event.end.astimezone(dt.UTC))
        entry.add("location", event.place or event.online_url)
        entry.add("url", event.online_url or f"{page_url}#termin-{event.pk}")
        entry.add("categories", [str(event.get_format_display())])
        lines = [event.description] if event.description else []
        groups = ", ".join(g.name for g in event.target_groups.all())
        if groups:
            lines.append(_("Zielgruppen: %(g)s") % {"g": groups})
        if event.online_url:
            lines.append(_("Online-Zugang: %(u)s") % {"u": event.online_url})
        if lines:
            entry.add("description", "\n\n".join(lines))
        calendar.add_component(entry)
    return calendar.to_ical()


# --- public --------------------------------------------------------------------------------------


def event_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Upcoming events (soonest first), then past ones (latest first) with minutes and results."""
    district = district_by_slug(slug)
    events = list(public_events(district))
    now = timezone.now()
    upcoming = [e for e in events if e.end >= now]
    past = sorted((e for e in events if e.end < now), key=lambda e: e.start, reverse=True)
    context = frame(
        request,
        district,
        upcoming=upcoming,
        past=past,
        feed_url=request.build_absolute_uri(reverse("events:ics", args=[slug])),
    )
    return render(request, "participation/events/list.html", context)


def ics(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_by_slug(slug)
    page_url = request.build_absolute_uri(reverse("events:list", args=[slug]))
    body = calendar_for(district, list(public_events(district)), page_url=page_url)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="termine.ics"'
    return response


# --- back office -----------------------------------------------------------------------------------


class EventForm(KernModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Event
        fields = [*event_services.EVENT_FIELDS, "target_groups"]
        widgets = {
            "start": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "end": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "description": forms.Textarea(attrs={"rows": 3}),
            "minutes": forms.Textarea(attrs={"rows": 6}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "target_groups": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["process"].queryset = Process.objects.filter(district=district)  # type: ignore[attr-defined]
        self.fields["target_groups"].queryset = ActorGroup.objects.filter(district=district)  # type: ignore[attr-defined]
        self.fields["online_url"].assume_scheme = "https"  # type: ignore[attr-defined]


class ResultForm(KernForm):
    prefix = "result"  # shares the page with the event form
    title = forms.CharField(label=gettext_lazy("Titel des Ergebnisses"), max_length=200)
    text = forms.CharField(label=gettext_lazy("Beschreibung"), widget=forms.Textarea(attrs={"rows": 4}))
    actor_group = forms.ModelChoiceField(
        queryset=ActorGroup.objects.none(),
        required=False,
        label=gettext_lazy("Akteursgruppe"),
        help_text=gettext_lazy("Freiwillig: von welcher Gruppe das Ergebnis kommt."),
    )

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actor_group"].queryset = ActorGroup.objects.filter(district=district)  # type: ignore[attr-defined]


@login_required_404
def manage_list(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, "participation.view_internal")
    events = (
        Event.objects.filter(district=district)
        .select_related("process")
        .prefetch_related("target_groups")
        .order_by("-start", "-id")
    )
    context = {
        "district": district,
        "events": events,
        "can_manage": rules.has_perm("participation.manage_processes", request.user, district),
    }
    return render(request, "participation/events/manage_list.html", context)


def _render_form(
    request: HttpRequest, district: District, event: Event | None, form: EventForm, result_form: Any = None
) -> HttpResponse:
    context = {
        "district": district,
        "event": event,
        "form": form,
        "result_form": (result_form or ResultForm(district=district)) if event and event.process_id else None,
        "ideas": list(event.ideas.select_related("actor_group")) if event else [],
        "history": AuditEntry.objects.for_object(event).select_related("actor")[:50] if event else None,
    }
    return render(request, "participation/events/form.html", context)


@login_required_404
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, slug: str, event_pk: int | None = None) -> HttpResponse:
    """Create an event (no ``event_pk``) or edit one; the edit page also takes results as contributions."""
    district = district_for(request.user, slug, "participation.manage_processes")
    event = row_in_district(Event.objects.all(), district, event_pk) if event_pk else None
    form = EventForm(
        request.POST or None,
        instance=event or Event(district=district),
        district=district,
        initial={"revision": event.revision if event else None},
    )
    if request.method == "POST" and form.is_valid():
        values = event_services.event_fields(form.cleaned_data)
        saved = attempt(
            request,
            form,
            lambda: event_services.save_event(
                by=request.user,
                district=district,
                event=event,
                values=values,
                target_groups=form.cleaned_data["target_groups"],
                expected_revision=form.cleaned_data.get("revision"),
            ),
        )
        if saved is not None:
            messages.success(request, _("„%(e)s“ ist gespeichert.") % {"e": saved})
            return redirect("events_manage:edit", slug, saved.pk)
    return _render_form(request, district, event, form)


@login_required_404
@require_POST
def event_delete(request: HttpRequest, slug: str, event_pk: int) -> HttpResponse:
    district = district_for(request.user, slug, "participation.manage_processes")
    event = row_in_district(Event.objects.all(), district, event_pk)
    event_services.delete_event(by=request.user, event=event)
    messages.success(request, _("„%(e)s“ ist gelöscht.") % {"e": event})
    return redirect("events_manage:list", slug)


@login_required_404
@require_POST
def event_result(request: HttpRequest, slug: str, event_pk: int) -> HttpResponse:
    """Enter one result of the workshop as an idea of its process."""
    district = district_for(request.user, slug, "participation.manage_processes")
    event = row_in_district(Event.objects.all(), district, event_pk)
    result_form = ResultForm(request.POST, district=district)
    if result_form.is_valid():
        try:
            idea = event_services.record_event_result(by=request.user, event=event, **result_form.cleaned_data)
        except ValidationError as exc:
            result_form.add_error(None, exc)
        else:
            messages.success(request, _("Das Ergebnis „%(i)s“ ist als Beitrag im Verfahren erfasst.") % {"i": idea})
            return redirect("events_manage:edit", slug, event.pk)
    form = EventForm(instance=event, district=district, initial={"revision": event.revision})
    return _render_form(request, district, event, form, result_form)
