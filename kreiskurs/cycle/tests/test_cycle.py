"""The strategy cycle: mandate, project organisation and time plan (services, reads, pages)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kreiskurs.accounts.models import Role
from kreiskurs.actors.models import Body, BodyMembership, Stakeholder
from kreiskurs.audit.models import AuditEntry
from kreiskurs.core.editing import EditConflict
from kreiskurs.cycle import graphic, selectors, services
from kreiskurs.cycle.models import Mandate, Stage
from tests import factories

pytestmark = pytest.mark.django_db

MANDATE = {
    "council": "kreistag",
    "date": dt.date(2025, 6, 12),
    "reference": "KT-2025/041",
    "url": "https://ris.example.de/oparl/paper/41",
    "summary": "Die Verwaltung erarbeitet eine Digitalstrategie.",
    "lead_unit": "Stabsstelle Digitalisierung",
}


def test_a_mandate_is_recorded_with_its_bodies_and_audited() -> None:
    district = factories.DistrictFactory()
    steering = Body.objects.create(district=district, name="Lenkungskreis")
    mandate = services.save_mandate(by=None, district=district, values=MANDATE, bodies=[steering])
    assert list(mandate.bodies.all()) == [steering]
    assert [e.action for e in AuditEntry.objects.for_object(mandate).order_by("id")] == ["create", "update"]
    again = services.save_mandate(
        by=None, district=district, values={**MANDATE, "reference": "KT-2025/042"}, bodies=[], expected_revision=2
    )
    assert again.pk == mandate.pk and again.reference == "KT-2025/042" and not again.bodies.exists()


def test_a_mandate_decided_in_the_future_is_refused() -> None:
    district = factories.DistrictFactory()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="Zukunft"):
        services.save_mandate(by=None, district=district, values={**MANDATE, "date": tomorrow})
    assert not Mandate.objects.filter(district=district).exists()


def test_bodies_of_another_district_are_refused() -> None:
    district = factories.DistrictFactory()
    foreign = Body.objects.create(district=factories.DistrictFactory(), name="Fremd")
    with pytest.raises(ValidationError):
        services.save_mandate(by=None, district=district, values=MANDATE, bodies=[foreign])


def test_a_stale_edit_of_a_stage_is_refused() -> None:
    district = factories.DistrictFactory()
    stage = services.save_stage(
        by=None, district=district, kind="vision", values={"planned_start": dt.date(2026, 1, 1)}
    )
    services.save_stage(
        by=None, district=district, kind="vision", values={"note": "Workshop"}, expected_revision=stage.revision
    )
    with pytest.raises(EditConflict):
        services.save_stage(
            by=None, district=district, kind="vision", values={"note": "anders"}, expected_revision=stage.revision
        )
    assert Stage.objects.get(pk=stage.pk).note == "Workshop"


@pytest.mark.parametrize(
    "values",
    [
        {"planned_start": dt.date(2026, 5, 1), "planned_end": dt.date(2026, 4, 1)},
        {"actual_end": dt.date(2026, 4, 1)},
        {"actual_start": dt.date(2026, 5, 1), "actual_end": dt.date(2026, 4, 1)},
    ],
)
def test_stage_dates_out_of_order_are_refused(values: dict[str, dt.date]) -> None:
    district = factories.DistrictFactory()
    with pytest.raises(ValidationError):
        services.save_stage(by=None, district=district, kind="baseline", values=values)
    assert not Stage.objects.filter(district=district).exists()


def test_an_unknown_stage_is_refused() -> None:
    with pytest.raises(ValidationError):
        services.save_stage(by=None, district=factories.DistrictFactory(), kind="party", values={})


def test_the_current_stage_is_the_last_begun_and_the_next_dates_come_soonest_first() -> None:
    district = factories.DistrictFactory()
    today = dt.date(2026, 3, 1)
    services.save_stage(
        by=None,
        district=district,
        kind="preparation",
        values={"actual_start": dt.date(2025, 9, 1), "actual_end": dt.date(2025, 12, 31)},
    )
    services.save_stage(by=None, district=district, kind="baseline", values={"actual_start": dt.date(2026, 1, 5)})
    services.save_stage(
        by=None,
        district=district,
        kind="vision",
        values={"planned_start": dt.date(2026, 4, 1), "planned_end": dt.date(2026, 6, 30)},
    )
    services.save_stage(by=None, district=district, kind="adoption", values={"planned_start": dt.date(2026, 3, 20)})
    plan = selectors.time_plan(district, today=today)
    assert [s.kind for s in plan.stages][:3] == ["preparation", "baseline", "vision"] and len(plan.stages) == 9
    assert plan.current is not None and plan.current.kind == "baseline"
    assert [(d.date, d.stage.kind, d.is_start) for d in plan.next_dates] == [
        (dt.date(2026, 3, 20), "adoption", True),
        (dt.date(2026, 4, 1), "vision", True),
        (dt.date(2026, 6, 30), "vision", False),
    ]


def test_a_begun_stage_beside_the_current_one_is_running_not_open() -> None:
    """Implementation began long ago and runs on while the strategy is evaluated: "läuft", not "offen"."""
    district = factories.DistrictFactory()
    today = dt.date(2026, 3, 1)
    done = {"actual_start": dt.date(2025, 1, 1), "actual_end": dt.date(2025, 2, 1)}
    services.save_stage(by=None, district=district, kind="preparation", values=done)
    later = {"actual_start": dt.date(2025, 3, 1), "planned_end": dt.date(2028, 12, 31)}
    services.save_stage(by=None, district=district, kind="implementation", values=later)
    services.save_stage(by=None, district=district, kind="evaluation", values={"actual_start": dt.date(2026, 1, 5)})
    services.save_stage(by=None, district=district, kind="update", values={"planned_start": dt.date(2026, 6, 1)})
    plan = selectors.time_plan(district, today=today)
    states = {n.stage.kind: n.state_label for n in graphic.ring(plan.stages, plan.current, today)}
    assert states["preparation"] == "abgeschlossen" and states["evaluation"] == "aktuelle Phase"
    assert states["implementation"] == "läuft" and states["update"] == "offen"


def test_no_stage_is_current_before_one_begins() -> None:
    district = factories.DistrictFactory()
    services.save_stage(by=None, district=district, kind="preparation", values={"planned_start": dt.date(2030, 1, 1)})
    assert selectors.time_plan(district, today=dt.date(2026, 1, 1)).current is None


def plan_with_organisation() -> tuple[object, Body]:
    district = factories.DistrictFactory()
    body = Body.objects.create(district=district, name="Lenkungskreis Digitales", description="steuert")
    person = factories.StakeholderFactory(district=district, name="Erika Muster", kind=Stakeholder.Kind.PERSON)
    BodyMembership.objects.create(district=district, body=body, stakeholder=person, role="Vorsitz")
    services.save_mandate(by=None, district=district, values=MANDATE, bodies=[body])
    services.save_stage(by=None, district=district, kind="preparation", values={"actual_start": dt.date(2025, 7, 1)})
    return district, body


def test_the_public_time_plan_shows_mandate_organisation_and_stages_without_private_names(client: Client) -> None:
    district, _body = plan_with_organisation()
    page = client.get(f"/{district.slug}/zeitplan/").content.decode()
    assert "KT-2025/041" in page and "https://ris.example.de/oparl/paper/41" in page
    assert "Lenkungskreis Digitales" in page and "Fortschreibung" in page
    assert 'aria-current="step"' in page and "aktuelle Phase" in page
    ring = page.split('<ol class="kern-list kern-list--number kk-cycle__list">', 1)[1].split("</ol>", 1)[0]
    assert ring.count("<li") == 9  # the graphic's text equivalent lists all nine stages
    assert "Erika Muster" not in page and "Privatperson (Vorsitz)" in page


def test_the_district_home_shows_where_the_district_stands(client: Client) -> None:
    district, _body = plan_with_organisation()
    factories.adopted_strategy(district)
    page = client.get(f"/{district.slug}/").content.decode()
    assert "Wo der Kreis steht" in page and f"/{district.slug}/zeitplan/" in page
    assert "Der Kreis steht in Phase 1 von 9: Vorbereitung." in page


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_cycle_graphic_writes_its_coordinates_as_svg_numbers_in_every_language(
    client: Client, language: str
) -> None:
    """SVG reads "280.0", not the German "280,0": a localised number leaves the ring undrawn."""
    district, _body = plan_with_organisation()
    page = client.get(f"/{district.slug}/zeitplan/", headers={"accept-language": language}).content.decode()
    svg = page.split('<svg class="kk-cycle__ring"', 1)[1].split("</svg>", 1)[0]
    coordinates = re.findall(r'\b(?:cx|cy|x|y|r)="([^"]*)"', svg)
    assert len(coordinates) > 9 * 4
    assert [c for c in coordinates if not re.fullmatch(r"-?\d+(\.\d+)?", c)] == []


def test_the_home_of_a_district_without_a_time_plan_shows_no_cycle(client: Client) -> None:
    version = factories.adopted_strategy()
    assert "Wo der Kreis steht" not in client.get(f"/{version.district.slug}/").content.decode()


def test_the_time_plan_page_reads_a_fixed_number_of_queries(client: Client) -> None:
    district, _body = plan_with_organisation()
    client.force_login(factories.UserFactory())  # signed in: past the page cache

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/{district.slug}/zeitplan/").status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for n in range(4):
        extra = Body.objects.create(district=district, name=f"AG {n}")
        person = factories.StakeholderFactory(district=district, name=f"Org {n}")
        BodyMembership.objects.create(district=district, body=extra, stakeholder=person)
        mandate = Mandate.objects.get(district=district)
        mandate.bodies.add(extra)
    assert count() == few


def test_the_team_records_the_mandate_in_german_dates_and_others_may_not(client: Client) -> None:
    district = factories.DistrictFactory()
    team = factories.member(district, Role.STRATEGY_TEAM)
    contact = factories.member(district, Role.STEERING)
    url = f"/{district.slug}/verwaltung/zeitplan/auftrag/"
    data = {**MANDATE, "date": "12.06.2025", "revision": ""}
    client.force_login(contact)
    assert client.get(f"/{district.slug}/verwaltung/zeitplan/").status_code == 200
    assert client.post(url, data).status_code == 404
    assert not Mandate.objects.filter(district=district).exists()
    client.force_login(team)
    response = client.post(url, data)
    assert response.status_code == 302
    assert Mandate.objects.get(district=district).date == dt.date(2025, 6, 12)


def test_the_team_edits_a_stage_and_a_stale_form_keeps_the_input(client: Client) -> None:
    district = factories.DistrictFactory()
    client.force_login(factories.member(district, Role.STRATEGY_TEAM))
    url = f"/{district.slug}/verwaltung/zeitplan/phasen/vision/"
    assert client.get(url).status_code == 200
    first = {"planned_start": "01.04.2026", "planned_end": "30.06.2026", "revision": ""}
    assert client.post(url, first).status_code == 302
    assert client.post(url, {**first, "note": "A", "revision": "1"}).status_code == 302
    stale = client.post(url, {**first, "note": "B", "revision": "1"})
    assert stale.status_code == 200 and "inzwischen geändert" in stale.content.decode()
    assert Stage.objects.get(district=district, kind="vision").note == "A"
    assert client.get(f"/{district.slug}/verwaltung/zeitplan/phasen/party/").status_code == 404


def test_the_back_office_pages_answer_404_outside_the_district(client: Client) -> None:
    district = factories.DistrictFactory()
    other = factories.DistrictFactory()
    client.force_login(factories.member(other, Role.STRATEGY_TEAM))
    for path in ("", "auftrag/", "phasen/vision/"):
        assert client.get(f"/{district.slug}/verwaltung/zeitplan/{path}").status_code == 404
