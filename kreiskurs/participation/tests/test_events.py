"""Workshops and events through services and HTTP: editing with target groups, results as contributions,
the public list and the iCalendar feed parsed back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kreiskurs.accounts.models import Role
from kreiskurs.audit.models import AuditEntry
from kreiskurs.core.editing import EditConflict
from kreiskurs.participation.models import Event, Idea, Process, Visibility
from kreiskurs.participation.services import events as services
from tests import factories

pytestmark = pytest.mark.django_db

BERLIN_NOON = dt.datetime(2026, 3, 10, 11, 0, tzinfo=dt.UTC)  # 12:00 in Berlin (winter time)


def values(process: Process | None = None, **extra: Any) -> dict[str, Any]:
    data = {
        "process": process,
        "title": "Werkstatt Schule digital",
        "description": "",
        "start": BERLIN_NOON,
        "end": BERLIN_NOON + dt.timedelta(hours=3),
        "place": "Kreishaus, Saal 1",
        "online_url": "",
        "format": Event.Format.WORKSHOP,
        "attendees": None,
        "minutes": "",
        "results": "",
    }
    data.update(extra)
    return data


def make_event(district: Any, process: Process | None = None, groups: Any = (), **extra: Any) -> Event:
    return services.save_event(by=None, district=district, values=values(process, **extra), target_groups=list(groups))


def test_staff_create_and_edit_events_with_target_groups_audited_and_without_lost_updates() -> None:
    district = factories.DistrictFactory()
    cdo = factories.member(district, Role.STRATEGY_TEAM)
    schools = factories.ActorGroupFactory(district=district, name="Schulen")
    business = factories.ActorGroupFactory(district=district, name="Wirtschaft")
    process = factories.running_process(district, kind="workshop")
    event = services.save_event(
        by=cdo,
        district=district,
        values=values(process, title="  Werkstatt\u202e Schule ", attendees=None),
        target_groups=[schools],
    )
    assert event.title == "Werkstatt Schule" and list(event.target_groups.all()) == [schools]
    uid = event.uid
    changed = services.save_event(
        by=cdo,
        district=district,
        event=event,
        values=values(process, attendees=24, results="Drei Ideen"),
        target_groups=[schools, business],
        expected_revision=1,
    )
    assert (changed.revision, changed.attendees, changed.uid) == (2, 24, uid)
    entry = AuditEntry.objects.for_object(event).first()
    assert entry is not None and entry.actor == cdo
    assert entry.changes["attendees"] == [None, 24] and entry.changes["target_groups"] == [
        ["Schulen"],
        ["Schulen", "Wirtschaft"],
    ]
    with pytest.raises(EditConflict):
        services.save_event(by=cdo, district=district, event=event, values=values(process), expected_revision=1)
    assert Event.objects.get().attendees == 24


def test_events_need_an_end_after_the_start_a_place_or_link_and_the_districts_own_rows() -> None:
    district = factories.DistrictFactory()
    with pytest.raises(ValidationError, match="nicht nach dem Beginn"):
        make_event(district, end=BERLIN_NOON)
    with pytest.raises(ValidationError, match="Ort oder einen Online-Zugang"):
        make_event(district, place="")
    online = make_event(district, place="", online_url="https://meet.example.org/werkstatt")
    assert online.online_url
    foreign = factories.ActorGroupFactory()
    with pytest.raises(ValidationError, match="Zielgruppe"):
        make_event(district, groups=[foreign])
    with pytest.raises(ValidationError, match="Verfahren"):
        make_event(district, process=factories.running_process(kind="workshop"))
    assert Event.objects.count() == 1


def test_a_workshop_result_becomes_a_visible_idea_of_its_process_without_author() -> None:
    process = factories.running_process(kind="workshop", moderation="pre")
    cdo = factories.member(process.district, Role.STRATEGY_TEAM)
    schools = factories.ActorGroupFactory(district=process.district)
    event = make_event(process.district, process)
    idea = services.record_event_result(
        by=cdo, event=event, title="WLAN in allen Schulen", text="Ergebnis Tisch 2", actor_group=schools
    )
    idea.refresh_from_db()
    assert (idea.process, idea.event, idea.author, idea.visibility, idea.actor_group) == (
        process,
        event,
        None,
        Visibility.VISIBLE,
        schools,
    )
    assert AuditEntry.objects.for_object(idea).get().actor == cdo
    loose = make_event(process.district)
    with pytest.raises(ValidationError, match="keinem Verfahren"):
        services.record_event_result(by=cdo, event=loose, title="x", text="y")
    with pytest.raises(ValidationError, match="Gruppe"):
        services.record_event_result(
            by=cdo, event=event, title="x", text="y", actor_group=factories.ActorGroupFactory()
        )
    assert Idea.objects.count() == 1


def test_back_office_creates_edits_and_records_results_staff_only() -> None:
    process = factories.running_process(kind="workshop")
    district = process.district
    group = factories.ActorGroupFactory(district=district)
    staff = Client()
    staff.force_login(factories.member(district, Role.STRATEGY_TEAM))
    base = f"/{district.slug}/verwaltung/termine/"
    form = {
        "process": process.pk,
        "title": "Infoabend",
        "start": "2026-05-12T18:00",
        "end": "2026-05-12T20:00",
        "place": "Rathaus Dülmen",
        "online_url": "",
        "format": "info",
        "target_groups": [group.pk],
        "description": "",
        "minutes": "",
        "results": "",
    }
    created = staff.post(f"{base}neu/", form)
    event = Event.objects.get()
    assert created.status_code == 302 and created["Location"] == f"{base}{event.pk}/"
    assert event.start == dt.datetime(2026, 5, 12, 16, 0, tzinfo=dt.UTC)  # 18:00 Berlin summer time
    assert list(event.target_groups.all()) == [group]
    edit = staff.get(f"{base}{event.pk}/").content.decode()
    assert 'value="2026-05-12T18:00"' in edit and "Ergebnisse als Beiträge erfassen" in edit
    stale = staff.post(f"{base}{event.pk}/", {**form, "title": "Infoabend (neu)", "revision": 1})
    assert stale.status_code == 302
    conflict = staff.post(f"{base}{event.pk}/", {**form, "attendees": 40, "revision": 1})
    assert conflict.status_code == 200 and Event.objects.get().attendees is None
    result = staff.post(f"{base}{event.pk}/ergebnis/", {"result-title": "Mehr Sprechstunden", "result-text": "Tisch 1"})
    assert result.status_code == 302 and Idea.objects.get().event == event
    assert staff.get(base).status_code == 200
    steering = Client()
    steering.force_login(factories.member(district, Role.STEERING))
    assert steering.get(base).status_code == 200  # members read the list
    assert steering.get(f"{base}neu/").status_code == 404
    assert steering.post(f"{base}{event.pk}/loeschen/").status_code == 404
    other = factories.DistrictFactory()
    foreign = Client()
    foreign.force_login(factories.member(other, Role.STRATEGY_TEAM))
    assert foreign.get(f"/{district.slug}/verwaltung/termine/{event.pk}/").status_code == 404
    assert foreign.get(f"/{other.slug}/verwaltung/termine/{event.pk}/").status_code == 404
    assert staff.post(f"{base}{event.pk}/loeschen/").status_code == 302
    assert not Event.objects.exists() and Idea.objects.get().event is None


def test_public_list_shows_upcoming_then_past_events_and_hides_unpublished_processes() -> None:
    process = factories.running_process(kind="workshop")
    district = process.district
    now = timezone.now()
    soon = make_event(
        district, process, title="Bald", start=now + dt.timedelta(days=2), end=now + dt.timedelta(days=2, hours=2)
    )
    later = make_event(
        district, None, title="Später", start=now + dt.timedelta(days=9), end=now + dt.timedelta(days=9, hours=2)
    )
    past = make_event(
        district,
        process,
        title="Vorbei",
        start=now - dt.timedelta(days=3),
        end=now - dt.timedelta(days=3) + dt.timedelta(hours=2),
        minutes="Protokoll <b>fett</b>",
        attendees=17,
    )
    services.record_event_result(by=None, event=past, title="Ergebnis-Idee", text="x")
    hidden = factories.running_process(district, kind="workshop", published=False)
    make_event(
        district, hidden, title="Intern", start=now + dt.timedelta(days=1), end=now + dt.timedelta(days=1, hours=1)
    )
    response = Client().get(f"/{district.slug}/beteiligung/termine/")
    body = response.content.decode()
    assert response.status_code == 200
    assert [e.title for e in response.context["upcoming"]] == [soon.title, later.title]
    assert [e.title for e in response.context["past"]] == [past.title]
    assert "Intern" not in body
    assert "Protokoll &lt;b&gt;fett&lt;/b&gt;" in body and "Ergebnis-Idee" in body and "17" in body
    assert f"/{district.slug}/beteiligung/termine/termine.ics" in body
    assert Client().get(f"/{factories.DistrictFactory().slug}/beteiligung/termine/").context["upcoming"] == []


def parse(response: Any) -> list[Any]:
    calendar = icalendar.Calendar.from_ical(response.content)
    return list(calendar.walk("VEVENT"))


def test_ics_feed_parses_back_with_stable_uids_utc_times_and_escaped_text() -> None:
    process = factories.running_process(kind="workshop")
    district = process.district
    schools = factories.ActorGroupFactory(district=district, name="Schulen, Kitas")
    event = make_event(
        district,
        process,
        groups=[schools],
        title="Werkstatt; Teil 1, Kreishaus",
        description="Bitte mitbringen:\nLaptop\\Tablet",
        online_url="https://meet.example.org/w1",
    )
    make_event(district, factories.running_process(district, published=False), title="Intern")
    feed_url = f"/{district.slug}/beteiligung/termine/termine.ics"
    response = Client().get(feed_url)
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = response.content.decode()
    assert "SUMMARY:Werkstatt\\; Teil 1\\, Kreishaus" in raw
    assert "DTSTART:20260310T110000Z" in raw and "DTEND:20260310T140000Z" in raw
    (entry,) = parse(response)
    assert str(entry["uid"]) == str(event.uid)
    assert str(entry["summary"]) == "Werkstatt; Teil 1, Kreishaus"
    assert entry.decoded("dtstart") == BERLIN_NOON and entry.decoded("dtend") == BERLIN_NOON + dt.timedelta(hours=3)
    description = str(entry["description"])
    assert "Bitte mitbringen:\nLaptop\\Tablet" in description and "Zielgruppen: Schulen, Kitas" in description
    assert str(entry["location"]) == "Kreishaus, Saal 1" and str(entry["url"]) == "https://meet.example.org/w1"
    assert int(entry["sequence"]) == 0
    services.save_event(by=None, district=district, event=event, values=values(process, title="Werkstatt neu"))
    (updated,) = parse(Client().get(feed_url))
    assert str(updated["uid"]) == str(event.uid) and int(updated["sequence"]) == 1
    assert str(updated["summary"]) == "Werkstatt neu"
    assert parse(Client().get(f"/{factories.DistrictFactory().slug}/beteiligung/termine/termine.ics")) == []


def test_public_list_queries_do_not_grow_with_events() -> None:
    def count(n: int) -> int:
        process = factories.running_process(kind="workshop")
        groups = [factories.ActorGroupFactory(district=process.district) for _ in range(2)]
        now = timezone.now()
        for i in range(n):
            start = now + dt.timedelta(days=i - n // 2)
            event = make_event(process.district, process, groups=groups, start=start, end=start + dt.timedelta(hours=1))
            services.record_event_result(by=None, event=event, title=f"Ergebnis {i}", text="x")
        with CaptureQueriesContext(connection) as ctx:
            assert Client().get(f"/{process.district.slug}/beteiligung/termine/").status_code == 200
            assert Client().get(f"/{process.district.slug}/beteiligung/termine/termine.ics").status_code == 200
        return len(ctx.captured_queries)

    assert count(2) == count(10)
