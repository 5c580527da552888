"""Reads behind the long lists (issue 12): pages of measures, the latest reports, one pass for the dashboard."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kreiskurs.accounts.models import Role
from kreiskurs.strategy import selectors, services
from kreiskurs.strategy.models import Measure, MeasureMunicipality
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_page_of_measures_is_the_same_as_that_slice_of_the_whole_list() -> None:
    draft = factories.strategy_with_draft()
    field = factories.add_field(draft)
    other = factories.add_field(draft, "HF2")
    codes = [f"M{n}" for n in random.Random(3).sample(range(1, 40), 23)] + ["B2", "b10", "Ä1"]
    for i, code in enumerate(codes):
        factories.add_measure(draft, code, fields=[field if i % 3 else other])
    for filters in [{}, {"field": str(field.lineage)}, {"field": str(other.lineage)}, {"priority": "medium"}]:
        whole = [m.code for m in selectors.measures_of(draft, filters)]
        pages = [selectors.measure_page(draft, filters, n, 7) for n in (1, 2, 3, 4, 5)]
        assert [m.code for page in pages[: pages[0].paginator.num_pages] for m in page.object_list] == whole
        assert pages[0].paginator.count == len(whole)
    first = selectors.measure_page(draft, {}, 1, 7).object_list[0]
    assert hasattr(first, "current_phase") and first.current_phase_label == "Idee"


def test_the_back_office_measure_list_is_paginated_and_keeps_filters() -> None:
    draft = factories.strategy_with_draft()
    field = factories.add_field(draft)
    for i in range(55):
        factories.add_measure(draft, f"M{i + 1}", fields=[field], priority="high" if i < 52 else "low")
    client = Client()
    client.force_login(factories.member(draft.district, Role.STRATEGY_TEAM))
    url = f"/{draft.district.slug}/verwaltung/massnahmen/"
    first = client.get(url).content.decode()
    assert "55 Maßnahmen" in first and ">M50<" in first and ">M51<" not in first
    assert 'href="?seite=2"' in first
    filtered = client.get(url, {"priority": "high"}).content.decode()
    assert "52 Maßnahmen" in filtered and 'href="?priority=high&amp;seite=2"' in filtered
    second = client.get(url, {"priority": "high", "seite": "2"}).content.decode()
    assert ">M51<" in second and ">M52<" in second and ">M53<" not in second


def test_the_profile_shows_the_latest_reports_and_links_to_all() -> None:
    version = factories.adopted_strategy(measures=1)
    measure = Measure.objects.get(version=version)
    start = dt.date(2023, 1, 15)
    for month in range(14):
        services.record_status_report(
            by=None,
            measure=measure,
            date=start + dt.timedelta(days=31 * month),
            phase="pilot",
            progress=month,
            text=f"Bericht Nummer {month + 1:02d}",
        )
    slug = version.district.slug
    profile = Client().get(f"/{slug}/massnahmen/{measure.lineage}/").content.decode()
    assert "Bericht Nummer 14" in profile and "Bericht Nummer 03" in profile
    assert "Bericht Nummer 02" not in profile and "Bericht Nummer 01" not in profile
    assert f"/{slug}/massnahmen/{measure.lineage}/berichte/" in profile
    reports = Client().get(f"/{slug}/massnahmen/{measure.lineage}/berichte/").content.decode()
    assert "14 Statusberichte" in reports and "Bericht Nummer 01" in reports and "Bericht Nummer 14" in reports


def test_a_profile_with_few_reports_has_no_link_to_more() -> None:
    version = factories.adopted_strategy(measures=1)
    measure = Measure.objects.get(version=version)
    services.record_status_report(
        by=None, measure=measure, date=dt.date(2025, 1, 1), phase="pilot", progress=5, text="x"
    )
    profile = Client().get(f"/{version.district.slug}/massnahmen/{measure.lineage}/").content.decode()
    assert "/berichte/" not in profile


def test_the_dashboard_overview_agrees_with_the_single_reads() -> None:
    version = factories.adopted_strategy(measures=6)
    measures = list(Measure.objects.filter(version=version).order_by("code"))
    phases = ["pilot", "rollout", "completed", "discontinued", "operating"]
    for measure, phase in zip(measures, phases, strict=False):
        services.record_status_report(
            by=None, measure=measure, date=dt.date(2024, 6, 30), phase=phase, progress=40, text="x"
        )
    overview = selectors.implementation_overview(version)
    assert overview.progress == selectors.progress_overview(version).strategy
    assert overview.by_phase == selectors.measures_by_phase(version)
    expected = [(r.measure.code, r.due) for r in selectors.due_reports(version) if r.overdue]
    assert [(r.measure.code, r.due) for r in overview.overdue] == expected and expected
    assert overview.overdue_count == len(expected)
    shortened = selectors.implementation_overview(version, shown=1)
    assert [(r.measure.code, r.due) for r in shortened.overdue] == expected[:1]
    assert shortened.overdue_count == len(expected)


def test_the_dashboard_needs_the_same_queries_for_few_and_many_measures() -> None:
    def count(n: int) -> tuple[int, int, int]:
        version = factories.adopted_strategy(measures=n)
        for measure in Measure.objects.filter(version=version):
            services.record_status_report(
                by=None, measure=measure, date=dt.date(2024, 1, 31), phase="pilot", progress=10, text="x"
            )
        client = Client()
        client.force_login(factories.member(version.district, Role.STRATEGY_TEAM))
        path = f"/{version.district.slug}/verwaltung/"
        with CaptureQueriesContext(connection) as first:
            assert client.get(path).status_code == 200
        with CaptureQueriesContext(connection) as second:
            assert client.get(path).status_code == 200
        passes = [q for q in first.captured_queries if "strategy_statusreport" in q["sql"]]
        again = [q for q in second.captured_queries if "strategy_statusreport" in q["sql"]]
        return len(second.captured_queries), len(passes), len(again)

    small, large = count(2), count(30)
    assert small == large
    # the first request finds nothing stored (the versions' statement reads the stored renderings and
    # names the newest report, the timeline's stamp) and makes one pass over the reports (progress,
    # phases, overdue reports and key figures); later ones read the stored overview with the versions
    assert large[1:] == (2, 1)


def test_the_stored_dashboard_overview_follows_a_new_status_report() -> None:
    version = factories.adopted_strategy(measures=2)
    measure = Measure.objects.filter(version=version).order_by("code").first()
    assert measure is not None
    before = selectors.implementation_overview(version)
    assert selectors.implementation_overview(version) == before  # read from the stored row
    services.record_status_report(
        by=None, measure=measure, date=dt.date(2024, 6, 30), phase="completed", progress=100, text="fertig"
    )
    after = selectors.implementation_overview(version)
    assert after.progress != before.progress
    assert after.phases.get("completed") == 1 + before.phases.get("completed", 0)


def test_participation_counts_follow_the_rule_of_participations_of() -> None:
    version = factories.adopted_strategy(measures=4)
    district = version.district
    a, b, c = factories.MunicipalityFactory.create_batch(3, district=district)
    m1, m2, m3, m4 = Measure.objects.filter(version=version).order_by("code")
    for measure in (m1, m2):
        MeasureMunicipality.objects.create(district=district, measure=measure, municipality=a, role="lead")
    MeasureMunicipality.objects.create(district=district, measure=m3, municipality=b, role="rollout")
    services.request_enrolment(by=None, measure=m1, municipality=a, kind="leave")  # a leaves m1
    services.request_enrolment(by=None, measure=m4, municipality=c, kind="join")  # c joins m4
    m2.join_needs_confirmation = True
    m2.save()
    services.request_enrolment(by=None, measure=m2, municipality=b, kind="join")  # waits: not counted
    rows = selectors.participations_of(list(Measure.objects.filter(version=version).select_related("version")))
    expected: dict[int, int] = {}
    for participations in rows.values():
        for p in participations:
            if not p.pending:
                expected[p.municipality.pk] = expected.get(p.municipality.pk, 0) + 1
    assert selectors.participation_counts(version) == expected == {a.pk: 1, b.pk: 1, c.pk: 1}
    mine = selectors.measures_of_municipality(version, b)
    assert [(m.code, p.role, p.pending) for m, p in mine] == [("M2", "rollout", True), ("M3", "rollout", False)]
    for municipality in (a, b, c):
        whole = [(m.code, p.role, p.pending) for m, p in selectors.measures_of_municipality(version, municipality)]
        pages = [selectors.municipality_measure_page(version, municipality, n, 1) for n in (1, 2)]
        paged = [(m.code, p.role, p.pending) for page in pages for m, p in page.object_list]
        assert paged[: len(whole)] == whole and pages[0].paginator.count == len(whole)


@pytest.mark.parametrize("adopted", [True, False])
def test_a_municipality_without_enrolments_is_paged_in_sql_in_code_order(
    adopted: bool, django_capture_on_commit_callbacks: Any
) -> None:
    """No joins or leaves recorded: the page is counted and cut in the database, in the order of the
    codes (M2 before M10), with the same rows as the whole list, and in a fixed number of queries."""
    version = factories.adopted_strategy(measures=12)
    if not adopted:
        version = services.start_revision(by=None, strategy=version.strategy)  # a draft: copied rows
    district = version.district
    town, other = factories.MunicipalityFactory.create_batch(2, district=district)
    measures = list(Measure.objects.filter(version=version))
    for measure in measures[:11]:
        role = "lead" if measure.code in ("M2", "M10") else "rollout"
        MeasureMunicipality.objects.create(district=district, measure=measure, municipality=town, role=role)
    MeasureMunicipality.objects.create(district=district, measure=measures[11], municipality=other, role="lead")
    whole = [(m.code, p.role, p.pending) for m, p in selectors.measures_of_municipality(version, town)]
    assert len(whole) == 11 and whole[1][:2] == ("M2", "lead")
    with django_capture_on_commit_callbacks(execute=True):  # as a request commits: its ranks known
        first = selectors.municipality_measure_page(version, town, 1, 5)
    with CaptureQueriesContext(connection) as queries:
        second = selectors.municipality_measure_page(version, town, 2, 5)
    pages = [first, second, selectors.municipality_measure_page(version, town, 3, 5)]
    assert [(m.code, p.role, p.pending) for page in pages for m, p in page.object_list] == whole
    assert first.paginator.count == 11 and len(pages[2].object_list) == 1
    # adopted: enrolments, count, page ids, rows with roles (its ranks known); a draft: the rank check
    # instead of the enrolments
    assert len(queries) == 4
    if adopted:  # a join recorded since adoption: merged into the order of the others
        services.request_enrolment(by=None, measure=measures[11], municipality=town, kind="join")
        services.request_enrolment(by=None, measure=measures[0], municipality=town, kind="leave")
        whole = [(m.code, p.role, p.pending) for m, p in selectors.measures_of_municipality(version, town)]
        assert len(whole) == 11 and measures[11].code in [code for code, _r, _p in whole]
        with CaptureQueriesContext(connection) as queries:
            pages = [selectors.municipality_measure_page(version, town, n, 4) for n in (1, 2, 3)]
        assert [(m.code, p.role, p.pending) for page in pages for m, p in page.object_list] == whole
        # a page: enrolments, the touched measures with the town's roles, count, page keys, rows
        assert len(queries) == 3 * 5


def test_goal_and_field_pages_list_their_measures_a_page_at_a_time() -> None:
    version = factories.adopted_strategy(measures=27)
    measure = Measure.objects.filter(version=version).first()
    assert measure is not None
    slug = version.district.slug
    for url in (
        f"/{slug}/ziele/{measure.goals.get().lineage}/",
        f"/{slug}/handlungsfelder/{measure.fields_of_action.get().lineage}/",
    ):
        first = Client().get(url).content.decode()
        assert ">Maßnahme M25<" in first and ">Maßnahme M26<" not in first and 'href="?seite=2"' in first
        second = Client().get(url, {"seite": "2"}).content.decode()
        assert ">Maßnahme M26<" in second and ">Maßnahme M27<" in second and ">Maßnahme M1<" not in second
