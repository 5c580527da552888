"""The dashboard's representativeness of the running processes is kept per district: read while fresh."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kreiskurs.participation.models import Participant, RunningRepresentativeness
from kreiskurs.participation.selectors.representativeness import of_running
from kreiskurs.participation.services.participants import forget
from kreiskurs.participation.services.representativeness import REFRESH, current_of_running
from tests import factories

from .test_representativeness_pages import take_part, towns

pytestmark = pytest.mark.django_db


def test_the_kept_result_is_read_until_older_than_refresh_and_forgetting_drops_it() -> None:
    process = factories.running_process(kind="statements")
    district = process.district
    town, *_rest = towns(district)
    take_part(process, 6, municipality=town)
    assert current_of_running(district=district).as_dict() == of_running(district).as_dict()
    take_part(process, 3, municipality=town)
    with CaptureQueriesContext(connection) as kept:
        assert current_of_running(district=district).people == 6  # the newcomers follow after REFRESH
    assert len(kept.captured_queries) == 1  # the kept row, nothing counted
    row = RunningRepresentativeness.objects.get(district=district)
    RunningRepresentativeness.objects.filter(pk=row.pk).update(computed_at=row.computed_at - REFRESH)
    assert current_of_running(district=district).people == 9
    forget(participants=[Participant.objects.filter(district=district).first()], keep_contributions=False)
    assert not RunningRepresentativeness.objects.filter(district=district).exists()
    assert current_of_running(district=district).people == 8


def test_each_district_keeps_its_own() -> None:
    first = factories.running_process(kind="statements")
    second = factories.running_process(kind="statements")
    take_part(first, 5)
    take_part(second, 7)
    assert current_of_running(district=first.district).people == 5
    assert current_of_running(district=second.district).people == 7
    assert RunningRepresentativeness.objects.count() == 2


def test_the_dashboard_section_is_rendered_once_per_kept_result_and_follows_a_new_one() -> None:
    """The dashboard shows what the kept result says: rendered once per district, moment of computing and
    language, and again when the result is computed anew (after REFRESH) or in another language. While
    the rendering is known, the running phases' statement (which reads the moment) is all it costs."""
    from django.test import RequestFactory
    from django.utils import translation

    from kreiskurs.participation import sections

    process = factories.running_process(kind="statements")
    district = process.district
    town, *_rest = towns(district)
    take_part(process, 6, municipality=town)
    request = RequestFactory().get("/")
    request.user = factories.member(district, "strategy_team")
    request.user.has_perm("participation.moderate", district)  # memberships loaded before counting

    def shown() -> tuple[str, int]:
        with CaptureQueriesContext(connection) as queries:
            context = sections.open_participation(request=request, district=district)
        assert context["representativeness"] is not None
        return str(context["representativeness"]), len(queries.captured_queries)

    first, _reads = shown()
    assert "6 Personen haben teilgenommen." in first
    calls: list[object] = []
    rendering = sections.representativeness

    def counting(*args: object) -> object:
        calls.append(args)
        return rendering(*args)  # type: ignore[arg-type]

    sections.representativeness = counting  # type: ignore[assignment]
    try:
        take_part(process, 3, municipality=town)
        assert shown() == (first, 1) and calls == []  # the kept rendering; one statement: the running phases
        row = RunningRepresentativeness.objects.get(district=district)
        RunningRepresentativeness.objects.filter(pk=row.pk).update(computed_at=row.computed_at - REFRESH)
        again, _reads = shown()
        assert "9 Personen haben teilgenommen." in again and len(calls) == 1  # counted anew
        with translation.override("en"):
            english, _reads = shown()
        assert english != again and len(calls) == 2
        RunningRepresentativeness.objects.filter(district=district).delete()  # forgotten (a participant deleted)
        assert shown()[0] == again and len(calls) == 3  # computed and rendered anew, not the kept rendering
    finally:
        sections.representativeness = rendering  # type: ignore[assignment]


def test_nothing_running_shows_no_representativeness_and_reads_no_kept_result() -> None:
    from django.test import RequestFactory

    from kreiskurs.participation import sections

    process = factories.running_process(kind="statements")
    district = process.district
    take_part(process, 4)
    request = RequestFactory().get("/")
    request.user = factories.member(district, "strategy_team")
    assert sections.open_participation(request=request, district=district)["representativeness"] is not None
    process.phases.all().delete()
    with CaptureQueriesContext(connection) as queries:
        context = sections.open_participation(request=request, district=district)
    assert context["rows"] == [] and context["representativeness"] is None
    assert not [q for q in queries.captured_queries if q["sql"].startswith('SELECT "participation_runningrep')]
