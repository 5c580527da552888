"""Joint measures: municipalities join or leave measures of the adopted version; the measure page,
the municipality page and the matrix show the same truth."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from kreiskurs.accounts.models import Role
from kreiskurs.strategy import selectors
from kreiskurs.strategy import services as strategy_services
from kreiskurs.strategy.models import Enrolment, Measure, MeasureMunicipality
from tests import factories

pytestmark = pytest.mark.django_db


def setup(needs_confirmation: bool) -> tuple[Measure, object, object]:
    draft = factories.strategy_with_draft()
    field = factories.add_field(draft)
    measure = factories.add_measure(draft, "M1", fields=[field], join_needs_confirmation=needs_confirmation)
    lead = factories.MunicipalityFactory(district=draft.district, name="Coesfeld")
    strategy_services.save_measure_details(
        by=None, measure=measure, participations=[(lead, "lead")], scores=[], milestones=[]
    )
    version = strategy_services.adopt_version(
        by=None,
        version=draft,
        body="kreistag",
        date=dt.date(2025, 1, 1),
        reference="1",
    )
    newcomer = factories.MunicipalityFactory(district=draft.district, name="Rosendahl")
    return Measure.objects.select_related("version").get(version=version), lead, newcomer


def names(measure: Measure) -> list[tuple[str, str, bool]]:
    return [(p.municipality.name, p.role, p.pending) for p in selectors.participations_of([measure])[measure.pk]]


def test_free_measures_are_joined_and_left_at_once_and_the_pages_agree() -> None:
    measure, _lead, newcomer = setup(needs_confirmation=False)
    contact = factories.member(measure.district, Role.MUNICIPAL_CONTACT, municipality=newcomer)
    client = Client()
    client.force_login(contact)
    slug = measure.district.slug
    base = f"/{slug}/verwaltung/ansaetze/gemeinden/{newcomer.slug}/massnahmen/{measure.pk}/"  # type: ignore[attr-defined]
    assert client.post(f"{base}join/", {"role": "pilot"}).status_code == 302
    assert names(measure) == [("Coesfeld", "lead", False), ("Rosendahl", "pilot", False)]
    assert MeasureMunicipality.objects.filter(measure=measure).count() == 1  # the adopted rows stay frozen
    measure_page = Client().get(f"/{slug}/massnahmen/{measure.lineage}/").content.decode()
    municipality_page = Client().get(f"/{slug}/gemeinden/{newcomer.slug}/").content.decode()  # type: ignore[attr-defined]
    assert "Rosendahl</a> – Pilot" in measure_page and "M1 Maßnahme M1</a> – Pilot" in municipality_page
    assert client.post(f"{base}leave/").status_code == 302
    assert names(measure) == [("Coesfeld", "lead", False)]
    with pytest.raises(ValidationError, match="nicht beteiligt"):
        strategy_services.request_enrolment(by=contact, measure=measure, municipality=newcomer, kind="leave")  # type: ignore[arg-type]


def test_confirmation_where_the_measure_requires_it() -> None:
    measure, _lead, newcomer = setup(needs_confirmation=True)
    request = strategy_services.request_enrolment(
        by=None,
        measure=measure,
        municipality=newcomer,  # type: ignore[arg-type]
        kind="join",
        role="rollout",
    )
    assert request.state == "requested"
    assert names(measure) == [("Coesfeld", "lead", False), ("Rosendahl", "rollout", True)]
    with pytest.raises(ValidationError):
        strategy_services.request_enrolment(by=None, measure=measure, municipality=newcomer, kind="join", role="pilot")  # type: ignore[arg-type]
    team = Client()
    team.force_login(factories.member(measure.district, Role.STRATEGY_TEAM))
    slug = measure.district.slug
    matrix = team.get(f"/{slug}/verwaltung/ansaetze/beteiligungsmatrix/").content.decode()
    assert "Offene Beitrittsanfragen" in matrix and "A?" in matrix
    assert (
        team.post(
            f"/{slug}/verwaltung/ansaetze/beteiligungsmatrix/{request.pk}/entscheidung/", {"confirm": "1"}
        ).status_code
        == 302
    )
    assert names(measure) == [("Coesfeld", "lead", False), ("Rosendahl", "rollout", False)]
    with pytest.raises(ValidationError, match="bereits entschieden"):
        strategy_services.decide_enrolment(by=None, enrolment=Enrolment.objects.get(), confirm=False)


def test_declined_requests_change_nothing_and_contacts_cannot_decide() -> None:
    measure, _lead, newcomer = setup(needs_confirmation=True)
    request = strategy_services.request_enrolment(by=None, measure=measure, municipality=newcomer, kind="join")  # type: ignore[arg-type]
    contact = Client()
    contact.force_login(factories.member(measure.district, Role.MUNICIPAL_CONTACT, municipality=newcomer))
    url = f"/{measure.district.slug}/verwaltung/ansaetze/beteiligungsmatrix/{request.pk}/entscheidung/"
    assert contact.post(url, {"confirm": "1"}).status_code == 404
    strategy_services.decide_enrolment(by=None, enrolment=request, confirm=False)
    assert names(measure) == [("Coesfeld", "lead", False)]


def test_a_revision_starts_from_the_joins_and_leaves_and_an_open_draft_follows_them() -> None:
    measure, lead, newcomer = setup(needs_confirmation=False)
    strategy_services.request_enrolment(by=None, measure=measure, municipality=newcomer, kind="join", role="pilot")  # type: ignore[arg-type]
    draft = strategy_services.start_revision(by=None, strategy=measure.version.strategy)
    in_draft = Measure.objects.get(version=draft, lineage=measure.lineage)
    assert {(p.municipality.name, p.role) for p in in_draft.participations.all()} == {
        ("Coesfeld", "lead"),
        ("Rosendahl", "pilot"),
    }
    strategy_services.request_enrolment(by=None, measure=measure, municipality=lead, kind="leave")  # type: ignore[arg-type]
    assert {p.municipality.name for p in in_draft.participations.all()} == {"Rosendahl"}
    with pytest.raises(ValidationError, match="geltenden Fassung"):
        strategy_services.request_enrolment(by=None, measure=in_draft, municipality=lead, kind="join")  # type: ignore[arg-type]


def test_the_map_counts_joins_like_the_pages() -> None:
    measure, _lead, newcomer = setup(needs_confirmation=False)
    slug = measure.district.slug

    def rosendahl_row() -> str:
        body = Client().get(f"/{slug}/karte/").content.decode()
        table = body[body.index("<table") :]
        return table[table.index("Rosendahl") : table.index("</tr>", table.index("Rosendahl"))]

    assert ">0<" in rosendahl_row().replace(" ", "")
    strategy_services.request_enrolment(by=None, measure=measure, municipality=newcomer, kind="join", role="pilot")  # type: ignore[arg-type]
    assert ">1<" in rosendahl_row().replace(" ", "")


def test_a_municipality_withdraws_its_open_join_request() -> None:
    """Its contact (or the team) takes back an open request; another municipality's contact gets 404;
    a decided or withdrawn request cannot be withdrawn; the audit log names it in German."""
    from kreiskurs.audit.models import AuditEntry

    measure, lead, newcomer = setup(needs_confirmation=True)
    contact = factories.member(measure.district, Role.MUNICIPAL_CONTACT, municipality=newcomer)
    client = Client()
    client.force_login(contact)
    slug = measure.district.slug
    page = f"/{slug}/verwaltung/ansaetze/gemeinden/{newcomer.slug}/"  # type: ignore[attr-defined]
    assert client.post(f"{page}massnahmen/{measure.pk}/join/", {"role": "pilot"}).status_code == 302
    request = Enrolment.objects.get(municipality=newcomer, state="requested")
    assert "Beitrittsanfrage zu M1 zurückziehen" in client.get(page).content.decode()
    stranger = Client()
    stranger.force_login(factories.member(measure.district, Role.MUNICIPAL_CONTACT, municipality=lead))
    assert stranger.post(f"{page}anfragen/{request.pk}/zurueckziehen/").status_code == 404
    with pytest.raises(PermissionDenied):
        strategy_services.withdraw_enrolment_request(
            by=factories.member(measure.district, Role.MUNICIPAL_CONTACT, municipality=lead), request=request
        )
    request.refresh_from_db()
    assert request.state == "requested"
    body = client.post(f"{page}anfragen/{request.pk}/zurueckziehen/", follow=True).content.decode()
    assert "Die Beitrittsanfrage ist zurückgezogen." in body and "zurückziehen</span>" not in body
    request.refresh_from_db()
    assert request.state == "withdrawn" and request.decided_by == contact
    assert names(measure) == [("Coesfeld", "lead", False)]
    entry = AuditEntry.objects.get(action="withdraw_enrolment_request")
    assert entry.action_label == "Beitrittsanfrage einer Gemeinde zurückgezogen"
    with pytest.raises(ValidationError, match="nicht mehr zurückgezogen"):
        strategy_services.withdraw_enrolment_request(by=contact, request=request)
    # the municipality may ask again; the team may withdraw for it
    again = strategy_services.request_enrolment(
        by=contact,
        measure=measure,
        municipality=newcomer,
        kind="join",
        role="pilot",  # type: ignore[arg-type]
    )
    team = factories.member(measure.district, Role.STRATEGY_TEAM)
    assert strategy_services.withdraw_enrolment_request(by=team, request=again).state == "withdrawn"
    decided = strategy_services.request_enrolment(
        by=contact,
        measure=measure,
        municipality=newcomer,
        kind="join",
        role="pilot",  # type: ignore[arg-type]
    )
    strategy_services.decide_enrolment(by=team, enrolment=decided, confirm=True)
    with pytest.raises(ValidationError, match="bereits entschieden"):
        strategy_services.withdraw_enrolment_request(by=contact, request=decided)
