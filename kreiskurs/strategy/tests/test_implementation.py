"""Status reports: an append-only timeline per measure, across versions; what is due."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from kreiskurs.accounts.models import Role
from kreiskurs.strategy import selectors, services
from kreiskurs.strategy.models import Measure, StatusReport
from tests import factories

pytestmark = pytest.mark.django_db


def test_reports_follow_the_measure_across_revisions_and_set_its_current_phase() -> None:
    v1 = factories.adopted_strategy(measures=2)
    m1 = Measure.objects.get(version=v1, code="M1")
    services.record_status_report(
        by=None, measure=m1, date=dt.date(2025, 3, 31), phase="pilot", progress=30, text="Pilot in zwei Gemeinden"
    )
    v2 = services.start_revision(by=None, strategy=v1.strategy)
    in_v2 = selectors.measures_of(v2).get(code="M1")
    assert (in_v2.current_phase, in_v2.current_progress) == ("pilot", 30)
    assert in_v2.phase == "idea"  # the frozen content is untouched
    services.record_status_report(
        by=None, measure=in_v2, date=dt.date(2025, 6, 30), phase="rollout", progress=55, text="Ausrollen"
    )
    timeline = list(selectors.timeline(m1))
    assert [r.phase for r in timeline] == ["rollout", "pilot"]
    assert selectors.measures_of(v1, {"phase": "rollout"}).get().code == "M1"
    assert selectors.key_figures(v1)["started"] == 1


def test_reports_are_validated() -> None:
    version = factories.adopted_strategy(measures=1)
    measure = Measure.objects.get(version=version)
    with pytest.raises(ValidationError):
        services.record_status_report(
            by=None, measure=measure, date=dt.date(2025, 1, 1), phase="pilot", progress=120, text="x"
        )
    with pytest.raises(ValidationError, match="Zukunft"):
        services.record_status_report(
            by=None,
            measure=measure,
            date=timezone.localdate() + dt.timedelta(days=2),
            phase="pilot",
            progress=10,
            text="x",
        )
    assert not StatusReport.objects.exists()


def test_report_due_dates_follow_the_interval() -> None:
    version = factories.adopted_strategy(measures=2)
    m1, m2 = Measure.objects.filter(version=version).order_by("code")
    services.record_status_report(by=None, measure=m1, date=dt.date(2024, 11, 30), phase="pilot", progress=10, text="x")
    services.record_status_report(
        by=None, measure=m2, date=dt.date(2025, 1, 31), phase="completed", progress=100, text="y"
    )
    rows = selectors.due_reports(version)
    assert [(r.measure.code, r.due) for r in rows] == [("M1", dt.date(2025, 2, 28))]  # quarterly, end of month kept
    assert rows[0].overdue


def test_measure_lead_reports_on_own_measure_only_and_team_sees_all() -> None:
    version = factories.adopted_strategy(measures=2)
    own, other = Measure.objects.filter(version=version).order_by("code")
    slug = version.district.slug
    lead = Client()
    lead.force_login(factories.member(version.district, Role.MEASURE_LEAD, measure_lineage=own.lineage))
    url = f"/{slug}/verwaltung/umsetzung/{own.lineage}/bericht/"
    response = lead.post(url, {"date": "2025-05-01", "phase": "pilot", "progress": "40", "text": "Pilot läuft"})
    assert response.status_code == 302
    assert StatusReport.objects.get().measure_lineage == own.lineage
    assert lead.get(f"/{slug}/verwaltung/umsetzung/{other.lineage}/bericht/").status_code == 404
    assert lead.get(f"/{slug}/verwaltung/umsetzung/kein-uuid/bericht/").status_code == 404
    mine = lead.get(f"/{slug}/verwaltung/umsetzung/").content.decode()
    assert own.title in mine and other.title not in mine
    public = Client().get(f"/{slug}/massnahmen/{own.lineage}/").content.decode()
    assert "Pilot läuft" in public and 'value="40"' in public
    steering = Client()
    steering.force_login(factories.member(version.district, Role.STEERING))
    assert (
        steering.post(url, {"date": "2025-05-02", "phase": "pilot", "progress": "50", "text": "x"}).status_code == 404
    )
    assert StatusReport.objects.count() == 1


def test_spent_budget_is_compared_with_the_plan() -> None:
    draft = factories.strategy_with_draft()
    field = factories.add_field(draft)
    factories.add_measure(draft, "M1", fields=[field], estimated_cost=200000)
    version = services.adopt_version(
        by=None,
        version=draft,
        body="kreistag",
        date=dt.date(2024, 1, 1),
        reference="1",
    )
    measure = Measure.objects.get(version=version)
    services.record_status_report(
        by=None, measure=measure, date=dt.date(2025, 1, 1), phase="pilot", progress=30, text="a", spent_budget=50000
    )
    services.record_status_report(
        by=None, measure=measure, date=dt.date(2025, 4, 1), phase="pilot", progress=40, text="b"
    )
    shown = selectors.measure_detail(version, measure.lineage)
    assert (shown.spent, shown.spent_share) == (50000, 25)  # the latest report that names a figure
    body = Client().get(f"/{version.district.slug}/massnahmen/{measure.lineage}/").content.decode()
    assert "bisher ausgegeben 50.000 €" in body and "(25 %)" in body


def test_milestones_are_reached_after_adoption_and_carried_into_the_revision() -> None:
    draft = factories.strategy_with_draft()
    field = factories.add_field(draft)
    measure = factories.add_measure(draft, "M1", fields=[field])
    services.save_measure_details(
        by=None,
        measure=measure,
        participations=[],
        scores=[],
        milestones=[("Pilot", dt.date(2024, 6, 30), None), ("Rollout", dt.date(2025, 6, 30), None)],
    )
    pilot_identity = measure.milestones.get(title="Pilot").lineage
    # editing the draft keeps the identity of a milestone whose title stays
    services.save_measure_details(
        by=None,
        measure=measure,
        participations=[],
        scores=[],
        milestones=[("Pilot", dt.date(2024, 7, 31), None), ("Rollout", dt.date(2025, 6, 30), None)],
    )
    assert measure.milestones.get(title="Pilot").lineage == pilot_identity
    version = services.adopt_version(
        by=None,
        version=draft,
        body="kreistag",
        date=dt.date(2024, 1, 1),
        reference="1",
    )
    adopted = Measure.objects.get(version=version)
    pilot = adopted.milestones.get(title="Pilot")
    assert [m.title for m in selectors.next_milestones(version)] == ["Pilot", "Rollout"]
    with pytest.raises(ValidationError, match="Zukunft"):
        services.record_milestone_done(by=None, milestone=pilot, done_on=timezone.localdate() + dt.timedelta(days=2))
    services.record_milestone_done(by=None, milestone=pilot, done_on=dt.date(2024, 8, 15))
    assert pilot.done_on is None  # the adopted row stays frozen …
    assert [m.title for m in selectors.next_milestones(version)] == ["Rollout"]  # … the fact is recorded
    shown = selectors.measure_detail(version, adopted.lineage)
    assert {m.title: m.reached for m in shown.milestones.all()}["Pilot"] == dt.date(2024, 8, 15)
    body = Client().get(f"/{version.district.slug}/massnahmen/{adopted.lineage}/").content.decode()
    assert "15.08.2024" in body
    revision = services.start_revision(by=None, strategy=version.strategy)
    assert Measure.objects.get(version=revision).milestones.get(title="Pilot").done_on == dt.date(2024, 8, 15)
    services.record_milestone_done(by=None, milestone=pilot, done_on=None)  # taken back
    assert [m.title for m in selectors.next_milestones(version)] == ["Pilot", "Rollout"]


def test_measure_lead_ticks_a_milestone_over_http() -> None:
    version = factories.adopted_strategy(measures=1)
    measure = Measure.objects.get(version=version)
    from kreiskurs.strategy.models import Milestone

    milestone = Milestone.objects.create(
        district=version.district, measure=measure, title="Start", due=dt.date(2025, 1, 1)
    )
    lead = Client()
    lead.force_login(factories.member(version.district, Role.MEASURE_LEAD, measure_lineage=measure.lineage))
    base = f"/{version.district.slug}/verwaltung/umsetzung/{measure.lineage}/"
    assert "Start" in lead.get(f"{base}bericht/").content.decode()
    response = lead.post(f"{base}meilensteine/{milestone.pk}/", {f"ms{milestone.pk}-done_on": "2025-01-03"})
    assert response.status_code == 302
    assert selectors.milestones_reached().get(pk=milestone.pk).reached == dt.date(2025, 1, 3)
    steering = Client()
    steering.force_login(factories.member(version.district, Role.STEERING))
    assert steering.post(f"{base}meilensteine/{milestone.pk}/", {f"ms{milestone.pk}-done_on": ""}).status_code == 404


def test_a_date_in_the_adopted_version_cannot_be_taken_back_after_adoption() -> None:
    version = factories.adopted_strategy(measures=1)
    from kreiskurs.strategy.models import Milestone

    milestone = Milestone.objects.create(
        district=version.district,
        measure=Measure.objects.get(version=version),
        title="Start",
        due=dt.date(2024, 1, 1),
        done_on=dt.date(2024, 1, 5),
    )
    with pytest.raises(ValidationError, match="Fortschreibung"):
        services.record_milestone_done(by=None, milestone=milestone, done_on=None)


def test_the_list_pages_attach_the_current_phase_and_progress_as_with_implementation_annotates() -> None:
    """``attach_implementation`` (one SQL statement for a page) against ``with_implementation``: the latest
    report by date, on the same date the later one, the version's phase where no report exists."""
    version = factories.adopted_strategy(measures=4)
    m1, m2, m3, _m4 = Measure.objects.filter(version=version).order_by("code")
    report = services.record_status_report
    report(by=None, measure=m1, date=dt.date(2024, 3, 31), phase="pilot", progress=20, text="a")
    report(by=None, measure=m1, date=dt.date(2024, 6, 30), phase="rollout", progress=50, text="b")
    report(by=None, measure=m1, date=dt.date(2024, 5, 31), phase="pilot", progress=40, text="older date, later id")
    report(by=None, measure=m2, date=dt.date(2024, 6, 30), phase="pilot", progress=10, text="same day, first")
    report(by=None, measure=m2, date=dt.date(2024, 6, 30), phase="rollout", progress=30, text="same day, later")
    report(by=None, measure=m3, date=dt.date(2024, 1, 31), phase="completed", progress=100, text="done")
    expected = {
        m.pk: (m.current_phase, m.current_progress, m.last_report)
        for m in selectors.with_implementation(Measure.objects.filter(version=version))
    }
    rows = list(Measure.objects.filter(version=version))
    selectors.attach_implementation(rows)
    assert {m.pk: (m.current_phase, m.current_progress, m.last_report) for m in rows} == expected
    assert expected[m1.pk] == ("rollout", 50, dt.date(2024, 6, 30)) and expected[m2.pk][:2] == ("rollout", 30)
