"""Prepared queries give what the same queryset built for the values gives (decision 0037)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Prefetch
from django.db.models.sql.compiler import SQLCompiler
from django.test import Client
from django.utils import timezone

from kreiskurs.evaluation.models import EvaluationRound
from kreiskurs.participation.models import Process
from kreiskurs.prepared import Prepared, _PreparedCompiler, counting, prepared_page
from kreiskurs.strategy import selectors
from kreiskurs.strategy.models import FieldOfAction, Goal, Measure
from kreiskurs.strategy.selectors.implementation import with_implementation
from kreiskurs.territory.models import District, Municipality
from tests import factories

pytestmark = pytest.mark.django_db

BY_SLUG = Prepared(lambda slug: District.objects.filter(slug=slug), slug=str)
MUNICIPALITIES = Prepared(
    lambda district, minimum: (
        Municipality.objects.filter(district_id=district, population__gte=minimum)
        .select_related("district")
        .order_by("name")
    ),
    district=int,
    minimum=int,
)


def measure_definition(version: int, lineage: uuid.UUID) -> Any:
    fields = Prefetch("fields_of_action", queryset=FieldOfAction.objects.order_by("code"))
    return with_implementation(Measure.objects.filter(version_id=version, lineage=lineage)).prefetch_related(fields)


MEASURE = Prepared(measure_definition, version=int, lineage=uuid.UUID)
CODES = Prepared(
    lambda version: Measure.objects.filter(version_id=version).order_by("code").values_list("code", flat=True),
    version=int,
)


@pytest.fixture
def two_districts() -> tuple[District, District]:
    first, second = factories.DistrictFactory(slug="erster-kreis"), factories.DistrictFactory(slug="zweiter-kreis")
    for district, populations in ((first, (900, 29_989, 50_000)), (second, (28_979, 12))):
        for n, population in enumerate(populations):
            factories.MunicipalityFactory(district=district, name=f"{district.slug} {n}", population=population)
    return first, second


def test_rows_as_the_queryset_built_for_the_values(two_districts: tuple[District, District]) -> None:
    first, second = two_districts
    assert BY_SLUG.first(slug="zweiter-kreis") == second
    assert BY_SLUG.first(slug="erster-kreis") == first
    assert BY_SLUG.first(slug="kein-kreis") is None
    for district in two_districts:
        # the markers themselves as values, and a constant equal to a marker, change nothing
        for minimum in (0, 900, 28_979, 29_989, 10**9):
            prepared = list(MUNICIPALITIES(district=district.pk, minimum=minimum))
            built = list(
                Municipality.objects.filter(district=district, population__gte=minimum)
                .select_related("district")
                .order_by("name")
            )
            assert prepared == built
            assert all(m.district == district for m in prepared)


def test_annotations_prefetches_and_values(django_assert_num_queries: Any) -> None:
    version = factories.adopted_strategy(measures=3)
    measure = Measure.objects.filter(version=version).order_by("code").first()
    assert measure is not None
    MEASURE.first(version=version.pk, lineage=measure.lineage)  # prepared (two compilations, no query)
    with django_assert_num_queries(2):  # the measure, then its fields of action as prefetched
        shown = MEASURE.first(version=version.pk, lineage=measure.lineage)
        assert shown is not None
        fields = list(shown.fields_of_action.all())
    built = measure_definition(version.pk, measure.lineage).get()
    assert (shown.pk, shown.current_phase, shown.current_progress) == (built.pk, built.current_phase, None)
    assert fields == list(built.fields_of_action.order_by("code"))
    assert MEASURE.first(version=version.pk, lineage=uuid.uuid4()) is None
    assert list(CODES(version=version.pk)) == list(
        Measure.objects.filter(version=version).order_by("code").values_list("code", flat=True)
    )


def test_what_is_derived_from_it_is_compiled_as_usual(two_districts: tuple[District, District]) -> None:
    first, _second = two_districts
    rows = MUNICIPALITIES(district=first.pk, minimum=0)
    assert rows.count() == 3
    assert [m.population for m in rows.filter(population__lt=30_000)] == [900, 29_989]
    assert rows.aggregate(n=Count("pk"))["n"] == 3
    assert rows.exists() and not MUNICIPALITIES(district=first.pk, minimum=10**9).exists()
    assert list(rows.values_list("population", flat=True)) == [900, 29_989, 50_000]


def test_rows_read_on_the_short_path_are_those_of_djangos_path(django_assert_num_queries: Any) -> None:
    """Where nothing logs the statements, a prepared read takes the compiler's short path; logged (as in
    ``django_assert_num_queries``), Django's own: the same objects, annotations and prefetches either way."""
    from django.db import connection

    version = factories.adopted_strategy(measures=3)
    lineages = list(Measure.objects.filter(version=version).order_by("code").values_list("lineage", flat=True))

    def read() -> list[tuple[Any, ...]]:
        rows = []
        for lineage in lineages:
            shown = MEASURE.first(version=version.pk, lineage=lineage)
            assert shown is not None
            fields = [f.code for f in shown.fields_of_action.all()]
            rows.append((shown.pk, shown.code, shown.current_phase, shown.current_progress, fields))
        return rows

    assert not connection.queries_logged and not connection.execute_wrappers
    short = read()
    with django_assert_num_queries(2 * len(lineages)):  # logged: Django's path, every statement counted
        logged = read()
    assert short == logged and len(short) == 3
    assert list(CODES(version=version.pk)) == sorted(m.code for m in Measure.objects.filter(version=version))


def test_a_call_shares_the_definitions_query_and_leaves_it_as_it_was(two_districts: tuple[District, District]) -> None:
    """A call's query shares the parts of the definition's (no copy per call); running it, deriving from
    it and preparing further calls change nothing in the definition: its statement compiles the same."""
    first, second = two_districts
    MUNICIPALITIES(district=first.pk, minimum=0)
    definition = MUNICIPALITIES._for("default").queryset
    before = definition.query.get_compiler(using="default").as_sql()
    rows = MUNICIPALITIES(district=first.pk, minimum=0)
    assert rows.query.where is definition.query.where and rows.query.alias_map is definition.query.alias_map
    assert [m.name for m in rows] == [f"erster-kreis {n}" for n in range(3)]
    fresh = MUNICIPALITIES(district=first.pk, minimum=0)
    assert fresh.filter(population__lt=1000).count() == 1 and fresh[1:2].get().population == 29_989
    assert [m.population for m in MUNICIPALITIES(district=second.pk, minimum=100)] == [28_979]
    assert list(MUNICIPALITIES(district=second.pk, minimum=0).values_list("population", flat=True)) == [28_979, 12]
    assert definition.query.get_compiler(using="default").as_sql() == before
    assert str(definition.query) == str(definition.query.clone())


RUNNING = Prepared(
    lambda district, now: Process.objects.filter(district_id=district).running(now).order_by("pk"),
    district=int,
    now=dt.datetime,
)


def test_moments(django_assert_num_queries: Any) -> None:
    process = factories.running_process()
    now = timezone.now()
    for moment in (now, now - dt.timedelta(days=400), now + dt.timedelta(days=400), now.astimezone(dt.UTC)):
        built = list(Process.objects.filter(district=process.district).running(moment).order_by("pk"))
        assert list(RUNNING(district=process.district_id, now=moment)) == built
    assert list(RUNNING(district=process.district_id, now=now)) == [process]


def test_the_selectors_that_use_it_on_the_demo_district(demo_district: District) -> None:
    version = selectors.current_version(demo_district)
    assert version is not None
    assert list(selectors.goals_of(version)) == list(Goal.objects.filter(version=version))


def test_calls_with_other_parameters_are_refused() -> None:
    with pytest.raises(TypeError, match="expected the parameters"):
        BY_SLUG(name="x")
    with pytest.raises(TypeError, match="must be str"):
        BY_SLUG(slug=3)
    with pytest.raises(TypeError, match="must be int"):
        MUNICIPALITIES(district=True, minimum=0)
    with pytest.raises(TypeError, match="must be datetime"):  # a naive moment: which day would it be?
        RUNNING(district=1, now=dt.datetime(2026, 5, 1, 12))
    with pytest.raises(ImproperlyConfigured, match=r"int, str, uuid\.UUID or datetime"):
        Prepared(lambda when: District.objects.filter(created__gte=when), when=float)


def test_definitions_whose_sql_is_not_fixed_are_refused() -> None:
    changed = Prepared(lambda slug: District.objects.filter(slug__icontains=slug), slug=str)
    with pytest.raises(ImproperlyConfigured, match="do not reach the SQL"):
        changed(slug="coesfeld")
    unused = Prepared(lambda slug, key: District.objects.filter(slug=slug), slug=str, key=str)
    with pytest.raises(ImproperlyConfigured, match=r"\['key'\] do not reach"):
        unused(slug="coesfeld", key="05558")
    by_value = Prepared(
        lambda n: District.objects.filter(pk=n) if n > 29_000 else District.objects.filter(pk__gt=n), n=int
    )
    with pytest.raises(ImproperlyConfigured, match="depends on the values"):
        by_value(n=1)


def test_the_check_of_the_test_suite_finds_sql_that_varies_with_a_value(settings: Any) -> None:
    settings.KREISKURS_PREPARED_CHECK = True
    varies = Prepared(lambda slug: District.objects.filter(slug=slug) if slug else District.objects.none(), slug=str)
    varies(slug="coesfeld")
    with pytest.raises(AssertionError, match="differs"):
        varies(slug="")


BY_POPULATION = Prepared(
    lambda district: Municipality.objects.filter(district_id=district).order_by("population", "pk"), district=int
)
HOW_MANY = Prepared(
    lambda district: counting(Municipality.objects.filter(district_id=district), "district"), district=int
)


def test_slices_and_pages_as_django_cuts_them(two_districts: tuple[District, District]) -> None:
    first, second = two_districts
    for district in two_districts:
        built = list(Municipality.objects.filter(district=district).order_by("population", "pk"))
        for offset in range(4):
            for limit in (1, 2, 5):
                assert list(BY_POPULATION.slice(offset, limit, district=district.pk)) == built[offset : offset + limit]
    pages = [prepared_page(BY_POPULATION, HOW_MANY, n, 2, district=first.pk) for n in (1, 2, 3, "x", None)]
    assert [p.number for p in pages] == [1, 2, 2, 1, 1]  # out of range: the last page; not a number: the first
    assert [m.population for m in pages[0].object_list] == [900, 29_989]
    assert [m.population for m in pages[1].object_list] == [50_000]
    assert pages[0].paginator.count == 3 and pages[0].has_next() and not pages[1].has_next()
    empty = prepared_page(BY_POPULATION, HOW_MANY, 1, 2, district=first.pk + second.pk + 1)
    assert empty.paginator.count == 0 and list(empty.object_list) == []
    assert BY_POPULATION.slice(1, 2, district=first.pk).count() == 2  # derived: built and cut by Django
    with pytest.raises(ValueError, match="no slice"):
        BY_POPULATION.slice(-1, 2, district=first.pk)
    with pytest.raises(ImproperlyConfigured, match="sliced already"):
        CODES_FIRST.slice(0, 1, version=1)


CODES_FIRST = Prepared(lambda version: Measure.objects.filter(version_id=version).order_by("code")[:1], version=int)


def _compiled_per_request(client: Client, path: str) -> int:
    """Statements a warm request builds and compiles itself (the prepared ones hand theirs out)."""
    compiled = 0
    compile_sql = SQLCompiler.as_sql

    def counting_compile(compiler: SQLCompiler, *args: Any, **kwargs: Any) -> Any:
        nonlocal compiled
        compiled += not isinstance(compiler, _PreparedCompiler)
        return compile_sql(compiler, *args, **kwargs)

    for _ in range(2):  # the first request prepares and stores what it reads
        assert client.get(path).status_code == 200, path
    cache.clear()
    SQLCompiler.as_sql = counting_compile  # type: ignore[method-assign]
    try:
        assert client.get(path).status_code == 200, path
    finally:
        SQLCompiler.as_sql = compile_sql  # type: ignore[method-assign]
    return compiled


def test_the_hot_pages_stay_prepared(demo_district: District, settings: Any) -> None:
    """A guard for issue 12: what visitors open most compiles (almost) no SQL per request. A page that
    compiles more has lost a prepared read; see decision 0037 before raising a bound."""
    settings.KREISKURS_PREPARED_CHECK = False  # the check compiles every call again, on purpose
    version = selectors.current_version(demo_district)
    assert version is not None
    measure = Measure.objects.filter(version=version).order_by("code").first()
    goal = Goal.objects.filter(version=version).order_by("code").first()
    assert measure is not None and goal is not None
    slug = demo_district.slug
    bounds = {
        f"/{slug}/": 1,  # the running processes' phases (a prefetch)
        f"/{slug}/massnahmen/": 0,
        f"/{slug}/massnahmen/?seite=2": 0,
        f"/{slug}/ziele/{goal.lineage}/": 0,
        f"/{slug}/massnahmen/{measure.lineage}/": 2,  # the participations of the measure (lists of ids)
        f"/{slug}/versionen/{version.number}/": 0,  # the print view
        f"/api/v1/districts/{demo_district.key}/strategy/": 0,
    }
    rounds = EvaluationRound.objects.filter(district=demo_district, published_at__isnull=False)
    for evaluation in rounds:
        bounds[f"/{slug}/evaluation/{evaluation.pk}/"] = 3  # the labels of its proposals' elements (3 kinds)
    client = Client()
    compiled = {path: _compiled_per_request(client, path) for path in bounds}
    assert {path: n for path, n in compiled.items() if n > bounds[path]} == {}, compiled


def test_phases_read_prepared_answer_as_a_prefetch(django_assert_num_queries: Any) -> None:
    """``with_phases`` (one prepared read for a few processes) leaves ``process.phases.all()`` what a
    prefetch leaves: the phases by start, no query, each phase's process set; a filter on them is the
    query built anew for that process (``keep_as_prefetched``)."""
    from kreiskurs.participation.models import Phase, PhaseKind
    from kreiskurs.participation.selectors.phases import with_phases

    first = factories.running_process()
    second = factories.running_process(first.district, kind="statements")
    start = timezone.now() + dt.timedelta(days=30)
    Phase.objects.create(
        district=first.district,
        process=first,
        kind=PhaseKind.FEEDBACK,
        title="Danach",
        start=start,
        end=start + dt.timedelta(days=7),
    )
    processes = list(Process.objects.filter(pk__in=[first.pk, second.pk]).order_by("pk"))
    with_phases(processes)
    with django_assert_num_queries(0):
        read = {p.pk: [(ph.pk, ph.process is p) for ph in p.phases.all()] for p in processes}
    expected = {
        p.pk: [(ph.pk, True) for ph in Process.objects.get(pk=p.pk).phases.order_by("start", "id")] for p in processes
    }
    assert read == expected and len(read[first.pk]) == 2
    later = processes[0].phases.filter(kind=PhaseKind.FEEDBACK)
    assert [ph.title for ph in later] == ["Danach"]
    with_phases([])  # nothing to read: no query


def test_the_converters_of_its_rows_are_looked_up_once_per_statement(two_districts: tuple[District, District]) -> None:
    """Rows of later calls are converted as the first call's (dates, decimals, the related district), with
    the converters kept on the compiled statement instead of looked up on every run."""
    first, second = two_districts
    runs = [list(MUNICIPALITIES(district=d.pk, minimum=0)) for d in (first, second, first)]
    plain = [
        list(Municipality.objects.filter(district=d).select_related("district").order_by("name"))
        for d in (first, second, first)
    ]
    assert runs == plain
    assert [(m.reference_date, m.area_km2, m.district.reference_date) for m in runs[2]] == [
        (m.reference_date, m.area_km2, m.district.reference_date) for m in plain[2]
    ]
    compiled = MUNICIPALITIES._for("default")
    assert len(compiled.converters) == 1  # one connection, one statement: looked up once
