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
    """The section shows what the kept result says: rendered once per district, moment of computing and
    language, and again when the result is computed anew (after REFRESH) or in another language."""
    from django.test import RequestFactory
    from django.utils import translation

    from kreiskurs.participation import sections

    process = factories.running_process(kind="statements")
    district = process.district
    town, *_rest = towns(district)
    take_part(process, 6, municipality=town)
    request = RequestFactory().get("/")

    def shown() -> str:
        context = sections.running_representativeness(request=request, district=district)
        assert context is not None
        return str(context["shown"])

    first = shown()
    assert "6 Personen haben teilgenommen." in first
    calls: list[object] = []
    rendering = sections.representativeness

    def counting(*args: object) -> object:
        calls.append(args)
        return rendering(*args)  # type: ignore[arg-type]

    sections.representativeness = counting  # type: ignore[assignment]
    try:
        take_part(process, 3, municipality=town)
        assert shown() == first and calls == []  # the kept result, the kept rendering
        row = RunningRepresentativeness.objects.get(district=district)
        RunningRepresentativeness.objects.filter(pk=row.pk).update(computed_at=row.computed_at - REFRESH)
        again = shown()
        assert "9 Personen haben teilgenommen." in again and len(calls) == 1  # counted anew
        with translation.override("en"):
            english = shown()
        assert english != again and len(calls) == 2
    finally:
        sections.representativeness = rendering  # type: ignore[assignment]
