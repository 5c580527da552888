"""Implementation updates without a new version: rescheduled dates and the responsible person, with reasons."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from kreiskurs.accounts.models import Role
from kreiskurs.strategy import services
from kreiskurs.strategy.models import ImplementationChange, Measure, StrategyVersion, VersionState
from kreiskurs.strategy.selectors.living import living_plan
from tests import factories

pytestmark = pytest.mark.django_db


def _adopted_with_milestone() -> tuple[StrategyVersion, Measure]:
    draft = factories.strategy_with_draft()
    field = factories.add_field(draft)
    measure = factories.add_measure(
        draft, "M1", fields=[field], end=dt.date(2026, 12, 31), lead_person="Frau Alt", estimated_cost=Decimal(50000)
    )
    services.save_measure_details(
        by=None, measure=measure, participations=[], scores=[], milestones=[("Pilot", dt.date(2026, 6, 30), None)]
    )
    version = services.adopt_version(by=None, version=draft, body="kreistag", date=dt.date(2025, 3, 1), reference="1")
    return version, Measure.objects.get(version=version)


def test_rescheduling_and_a_new_lead_keep_the_version_and_show_planned_and_current() -> None:
    version, measure = _adopted_with_milestone()
    milestone = measure.milestones.get()
    services.record_implementation_change(
        by=None, measure=measure, kind="end", new_date=dt.date(2027, 6, 30), reason="Lieferverzug beim Anbieter"
    )
    services.record_implementation_change(
        by=None,
        measure=measure,
        kind="milestone",
        milestone=milestone,
        new_date=dt.date(2026, 9, 30),
        reason="Pilot später",
    )
    services.record_implementation_change(
        by=None, measure=measure, kind="lead_person", new_text="Herr Neu", reason="Zuständigkeit gewechselt"
    )
    services.record_status_report(
        by=None,
        measure=measure,
        date=timezone.localdate(),
        phase="pilot",
        progress=20,
        text="Läuft.",
        spent_budget=Decimal(12000),
    )
    version.refresh_from_db()
    measure.refresh_from_db()
    assert version.state == VersionState.ADOPTED and measure.end == dt.date(2026, 12, 31)  # the text is unchanged
    assert StrategyVersion.objects.filter(strategy=version.strategy).count() == 1  # no new version
    plan = living_plan(measure)
    assert (plan.end.planned, plan.end.current, plan.end.changed) == (dt.date(2026, 12, 31), dt.date(2027, 6, 30), True)
    assert (plan.lead_person.planned, plan.lead_person.current) == ("Frau Alt", "Herr Neu")
    assert [(m.planned, m.current) for m in plan.milestones] == [(dt.date(2026, 6, 30), dt.date(2026, 9, 30))]
    assert (plan.budget_planned, plan.budget_spent) == (Decimal(50000), Decimal(12000))
    page = Client().get(f"/{version.district.slug}/massnahmen/{measure.lineage}/").content.decode()
    assert "Geplant und aktuell" in page and "30.06.2027" in page and "Lieferverzug beim Anbieter" in page
    assert "Herr Neu" in page and "31.12.2026" in page


def test_a_change_needs_a_reason_and_a_milestone_of_the_measure() -> None:
    _version, measure = _adopted_with_milestone()
    with pytest.raises(ValidationError, match="begründen"):
        services.record_implementation_change(
            by=None, measure=measure, kind="end", new_date=dt.date(2027, 1, 1), reason=" "
        )
    _other_version, other = _adopted_with_milestone()
    with pytest.raises(ValidationError, match="Meilenstein"):
        services.record_implementation_change(
            by=None,
            measure=measure,
            kind="milestone",
            milestone=other.milestones.get(),
            new_date=dt.date(2027, 1, 1),
            reason="x",
        )
    with pytest.raises(ValidationError):
        services.record_implementation_change(by=None, measure=measure, kind="end", reason="ohne Datum")
    assert not ImplementationChange.objects.exists()


def test_the_measure_lead_records_a_change_in_the_back_office_others_cannot() -> None:
    version, measure = _adopted_with_milestone()
    district = version.district
    url = f"/{district.slug}/verwaltung/umsetzung/{measure.lineage}/aenderung/"
    lead = Client()
    lead.force_login(factories.member(district, Role.MEASURE_LEAD, measure_lineage=measure.lineage))
    response = lead.post(
        url, {"change-kind": "end", "change-new_date": "2027-03-31", "change-reason": "Förderbescheid später"}
    )
    assert response.status_code == 302 and ImplementationChange.objects.get().new_date == dt.date(2027, 3, 31)
    page = lead.get(f"/{district.slug}/verwaltung/umsetzung/{measure.lineage}/bericht/").content.decode()
    assert "geplant 31.12.2026, aktuell 31.03.2027" in page
    steering = Client()
    steering.force_login(factories.member(district, Role.STEERING))
    assert (
        steering.post(url, {"change-kind": "end", "change-new_date": "2027-04-30", "change-reason": "x"}).status_code
        == 404
    )
    assert ImplementationChange.objects.count() == 1
