"""The reads that complete the API: the baseline as lists, a process with its public figures, survey results
once public, and the open-data tables as files; drafts and other districts never appear; bounded queries."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from kreiskurs.participation.models import Comment, Idea, Participant, Process, Statement, StatementVote, Visibility
from kreiskurs.strategy import services
from kreiskurs.strategy.tests.test_baseline import add_finding, adopted_with_baseline
from tests import factories

pytestmark = pytest.mark.django_db


def test_baseline_sections_and_swot_findings_of_a_public_version_never_a_draft() -> None:
    version = adopted_with_baseline()
    key = version.district.key
    client = Client()
    sections = client.get(f"/api/v1/districts/{key}/baseline/").json()
    assert [(s["title"], s["field"]) for s in sections["results"]] == [("Breitband", "HF1")]
    assert client.get(f"/api/v1/districts/{key}/baseline/?field=HF9").json()["count"] == 0
    swot = client.get(f"/api/v1/districts/{key}/swot/").json()["results"]
    assert sorted((i["kind"], i["fields"], i["goals"]) for i in swot) == [
        ("strength", [], []),
        ("weakness", ["HF1"], ["Z1"]),
    ]
    weaknesses = client.get(f"/api/v1/districts/{key}/swot/?kind=weakness").json()["results"]
    assert [(i["text"], i["kind_label"]) for i in weaknesses] == [("Glasfaser fehlt", "Schwäche")]
    assert client.get(f"/api/v1/districts/{key}/swot/?field=HF1").json()["count"] == 1
    draft = services.start_revision(by=None, strategy=version.strategy)
    add_finding(draft, "Geheimer Befund")
    assert client.get(f"/api/v1/districts/{key}/swot/?version={draft.number}").status_code == 404
    assert "Geheimer Befund" not in client.get(f"/api/v1/districts/{key}/swot/").content.decode()
    other = factories.adopted_strategy(measures=1).district  # another district: none of this district's findings
    assert client.get(f"/api/v1/districts/{other.key}/swot/").json()["count"] == 0


@pytest.mark.parametrize("path", ["baseline/", "swot/"])
def test_baseline_query_count_does_not_grow_with_rows(path: str) -> None:
    version = adopted_with_baseline()
    url = f"/api/v1/districts/{version.district.key}/{path}"
    client = Client()
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    draft = services.start_revision(by=None, strategy=version.strategy)
    for n in range(5):
        add_finding(draft, f"Befund {n}")
    services.adopt_version(by=None, version=draft, body="kreistag", date=version.adopted_at.date(), reference="SV-2")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def _person(process: Process, name: str) -> Participant:
    return Participant.objects.create(district=process.district, display_name=name)


def test_a_process_with_its_public_figures() -> None:
    process: Any = factories.running_process()
    anna, ben, cem = (_person(process, n) for n in ("Anna", "Ben", "Cem"))
    kw = {"district": process.district, "process": process}
    idea = Idea.objects.create(**kw, author=anna, title="WLAN", text="t")
    Idea.objects.create(**kw, author=ben, title="verborgen", text="t", visibility=Visibility.HIDDEN)
    Idea.objects.create(**kw, author=ben, title="wartet", text="t", visibility=Visibility.PENDING)
    Comment.objects.create(**kw, author=anna, idea=idea, text="ja")
    Comment.objects.create(**kw, author=ben, idea=idea, text="wartet", visibility=Visibility.PENDING)
    shown = Statement.objects.create(**kw, text="These", by_staff=True)
    hidden = Statement.objects.create(**kw, text="weg", by_staff=True, visibility=Visibility.HIDDEN)
    for person, statement in ((cem, shown), (anna, shown), (ben, hidden)):
        StatementVote.objects.create(
            district=process.district, statement=statement, participant=person, vote=1, voted_at=idea.created_at
        )
    body = Client().get(f"/api/v1/processes/{process.pk}/").json()
    assert body["id"] == process.pk and [p["kind"] for p in body["phases"]] == ["ideas"]
    figures = body["figures"]
    assert {k: figures[k] for k in ("ideas", "comments", "statements", "votes", "participants")} == {
        "ideas": 1,
        "comments": 1,
        "statements": 1,
        "votes": 2,
        "participants": 2,  # Anna (idea, comment, vote) and Cem (vote); Ben's contributions are not public
    }
    assert figures["ideas_by_status"]["new"] == 2  # as the process page: released and hidden ideas
    unpublished: Any = factories.running_process(process.district, published=False)
    assert Client().get(f"/api/v1/processes/{unpublished.pk}/").status_code == 404


def test_survey_results_once_public_without_free_texts() -> None:
    from kreiskurs.participation.tests.test_surveys import answer, answers, build_survey, end_phases

    process: Any = factories.running_process(kind="survey")
    survey = build_survey(process)
    answer(survey, "Anna", answers(survey, "Web", ["Portal", "App"], 4, "Mehr Termine online"))
    answer(survey, "Ben", answers(survey, "Amt", ["Portal"], 2))
    client = Client()
    listed = client.get(f"/api/v1/processes/{process.pk}/surveys/").json()["results"]
    assert [(s["title"], s["questions"], s["results_public"]) for s in listed] == [("Digitale Dienste", 4, False)]
    results_url = f"/api/v1/processes/{process.pk}/surveys/{survey.pk}/results/"
    assert client.get(results_url).status_code == 404  # the survey phase is still running
    assert client.get(f"/api/v1/processes/{process.pk}/surveys/?results_public=true").json()["count"] == 0
    end_phases(process)
    results = client.get(results_url)
    assert results.status_code == 200 and "Mehr Termine online" not in results.content.decode()
    body = results.json()
    single, multiple, scale, text = body["questions"]
    assert body["responses"] == 2
    assert [(r["label"], r["count"], r["percent"]) for r in single["rows"]] == [
        ("Web", 1, 50.0),
        ("Amt", 1, 50.0),
        ("Zeitung", 0, 0.0),
    ]
    assert [r["count"] for r in multiple["rows"]] == [2, 1, 0]
    assert (scale["mean"], text["answered"], text["rows"]) == (3.0, 1, [])
    other: Any = factories.running_process(kind="survey")
    assert client.get(f"/api/v1/processes/{other.pk}/surveys/{survey.pk}/results/").status_code == 404


def test_survey_list_query_count_does_not_grow_with_surveys() -> None:
    from kreiskurs.participation.tests.test_surveys import build_survey

    process: Any = factories.running_process(kind="survey")
    build_survey(process)
    url = f"/api/v1/processes/{process.pk}/surveys/"
    with CaptureQueriesContext(connection) as few:
        assert Client().get(url).json()["count"] == 1
    for _ in range(4):
        build_survey(process)
    with CaptureQueriesContext(connection) as many:
        assert Client().get(url).json()["count"] == 5
    assert len(many.captured_queries) == len(few.captured_queries)


def test_tables_as_csv_and_xlsx_the_same_files_as_the_portal_downloads() -> None:
    version = factories.adopted_strategy(measures=2)
    district = version.district
    client = Client()
    api_csv = client.get(f"/api/v1/districts/{district.key}/tables/measures.csv")
    assert api_csv["Content-Type"] == "text/csv; charset=utf-8"
    assert api_csv.content == client.get(f"/{district.slug}/daten/massnahmen.csv").content
    rows = list(csv.reader(io.StringIO(api_csv.content.decode())))
    assert [r[1] for r in rows] == ["code", "M1", "M2"]
    xlsx = client.get(f"/api/v1/districts/{district.key}/tables/indicators.xlsx?version={version.number}")
    assert xlsx["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="' in xlsx["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None and next(sheet.iter_rows(values_only=True))[0] == "code"
    assert client.get(f"/api/v1/districts/{district.key}/tables/secrets.csv").status_code == 422
    draft = services.start_revision(by=None, strategy=version.strategy)
    assert client.get(f"/api/v1/districts/{district.key}/tables/measures.csv?version={draft.number}").status_code == 404
    no_strategy = factories.DistrictFactory()
    assert client.get(f"/api/v1/districts/{no_strategy.key}/tables/measurements.csv").status_code == 404
    assert "/daten/messwerte.csv" not in client.get(f"/{no_strategy.slug}/indikatoren/").content.decode()


def test_the_indicator_list_page_links_the_indicator_and_measurement_tables() -> None:
    district = factories.adopted_strategy(measures=1).district
    client = Client()
    page = client.get(f"/{district.slug}/indikatoren/").content.decode()
    for name, fmt in (("indikatoren", "csv"), ("indikatoren", "xlsx"), ("messwerte", "csv"), ("messwerte", "xlsx")):
        link = f"/{district.slug}/daten/{name}.{fmt}"
        assert f'href="{link}"' in page
        assert client.get(link).status_code == 200


def test_the_older_lists_filter_too() -> None:
    import datetime as dt

    from kreiskurs.monitoring.models import Indicator, Measurement

    version = factories.adopted_strategy(measures=1)
    district = version.district
    association = factories.AssociationFactory(district=district)
    inside = factories.MunicipalityFactory(district=district, association=association)
    factories.MunicipalityFactory(district=district)
    per_municipality = Indicator.objects.create(district=district, code="I1", name="Quote", scope="municipality")
    Indicator.objects.create(district=district, code="I2", name="Projekte", level="measure")
    for municipality, start in ((None, dt.date(2023, 1, 1)), (inside, dt.date(2024, 1, 1))):
        Measurement.objects.create(
            district=district,
            indicator=per_municipality,
            municipality=municipality,
            period=str(start.year),
            period_start=start,
            value=1,
        )
    running: Any = factories.running_process(district)
    client = Client()
    base = f"/api/v1/districts/{district.key}"

    def codes(url: str, field: str) -> list[Any]:
        return [row[field] for row in client.get(url).json()["results"]]

    assert codes(f"{base}/municipalities/?association={association.key}", "ags") == [inside.ags]
    assert codes(f"{base}/strategy/versions/?state=adopted", "number") == [version.number]
    assert codes(f"{base}/strategy/versions/?state=superseded", "number") == []
    assert codes(f"{base}/indicators/?scope=municipality", "code") == ["I1"]
    assert codes(f"{base}/indicators/?level=measure", "code") == ["I2"]
    measurements = f"{base}/indicators/I1/measurements/"
    assert codes(f"{measurements}?municipality=kreis", "period") == ["2023"]
    assert codes(f"{measurements}?municipality={inside.ags}", "ags") == [inside.ags]
    assert codes(f"{measurements}?since=2023-06-01", "period") == ["2024"]
    assert codes(f"{base}/processes/?state=running", "id") == [running.pk]
    assert codes(f"{base}/processes/?state=closed", "id") == []
    assert client.get(f"{base}/processes/?state=someday").status_code == 422


def test_indicator_measurement_and_status_report_lists_take_the_same_queries_for_more_rows() -> None:
    import datetime as dt

    from kreiskurs.monitoring.models import Indicator, Measurement
    from kreiskurs.strategy.models import Measure

    version = factories.adopted_strategy(measures=1)
    district = version.district
    measure = Measure.objects.get(version=version)
    indicator = Indicator.objects.create(district=district, code="I1", name="Quote", scope="municipality")
    base = f"/api/v1/districts/{district.key}"
    urls = [
        f"{base}/indicators/",
        f"{base}/indicators/I1/measurements/",
        f"{base}/measures/{measure.lineage}/status-reports/",
    ]

    def queries() -> list[int]:
        counts = []
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                assert Client().get(url).status_code == 200
            counts.append(len(ctx.captured_queries))
        return counts

    def add(n: int) -> None:
        Indicator.objects.create(district=district, code=f"I{n + 2}", name=f"Zahl {n}")
        municipality = factories.MunicipalityFactory(district=district)
        Measurement.objects.create(
            district=district,
            indicator=indicator,
            municipality=municipality,
            period="2024",
            period_start=dt.date(2024, 1, 1),
            value=n,
        )
        services.record_status_report(
            by=None, measure=measure, date=dt.date(2025, 1, n + 1), phase="pilot", progress=10 * n, text="Stand"
        )

    add(0)  # one row each: an empty page asks the database for no rows
    few = queries()
    for n in range(1, 6):
        add(n)
    assert queries() == few


def test_openapi_describes_the_new_reads_and_the_file_content_types() -> None:
    from kreiskurs.api.api import api

    paths = api.get_openapi_schema()["paths"]
    for path in (
        "/api/v1/districts/{key}/baseline/",
        "/api/v1/districts/{key}/swot/",
        "/api/v1/processes/{process_id}/",
        "/api/v1/processes/{process_id}/surveys/",
        "/api/v1/processes/{process_id}/surveys/{survey_id}/results/",
    ):
        assert "application/json" in paths[path]["get"]["responses"][200]["content"], path
    for fmt, media in (
        ("csv", "text/csv"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ):
        answer = paths[f"/api/v1/districts/{{key}}/tables/{{table}}.{fmt}"]["get"]["responses"][200]
        assert list(answer["content"]) == [media]
