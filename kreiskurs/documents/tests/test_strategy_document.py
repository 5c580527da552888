"""The strategy document as PDF and DOCX: content read back with pdftotext and python-docx."""

from __future__ import annotations

import io
import subprocess
import tempfile

import pytest
from docx import Document as read_docx

from kreiskurs.documents.pdf import build_pdf
from kreiskurs.documents.selectors import strategy_document
from kreiskurs.documents.word import build_docx
from kreiskurs.strategy import services
from kreiskurs.strategy.models import StrategyVersion
from tests.factories import add_field, add_goal, add_measure, strategy_with_draft

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes, *, layout: bool = False) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [f.name, "-"]
        return subprocess.run(args, check=True, capture_output=True).stdout.decode()


def pdf_info(data: bytes) -> dict[str, str]:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        out = subprocess.run(["pdfinfo", f.name], check=True, capture_output=True).stdout.decode()
    return {k.strip(): v.strip() for k, _s, v in (line.partition(":") for line in out.splitlines())}


def small_strategy() -> StrategyVersion:
    version = strategy_with_draft()
    field = add_field(version, "HF1", title="Verwaltung und Online-Dienste")
    goal = add_goal(version, "Z1", title="Leistungen sind online", field=field)
    add_measure(version, "M1", title="Gemeinsames Serviceportal", fields=[field], goals=[goal])
    add_measure(version, "M2", title="Digitale Bauantragsstrecke", fields=[field], goals=[goal])
    add_measure(version, "M10", title="Glasfaser für Außenbereiche", fields=[field], goals=[goal])
    return StrategyVersion.objects.select_related("strategy", "district").get(pk=version.pk)


def test_pdf_has_the_chapters_and_every_measure_in_natural_order() -> None:
    version = small_strategy()
    data = build_pdf(strategy_document(version))
    text = pdf_text(data)
    for heading in (
        "Inhalt",
        "Präambel",
        "Einbettung in bestehende Strategien",
        "Leitbild und Werte",
        "Ziele",
        "Handlungsfelder",
        "Maßnahmen",
        "Indikatoren",
        "Umsetzungs- und Monitoringkonzept",
        "Beschlüsse",
        "Beteiligung",
    ):
        assert heading in text, heading
    body = text[text.index("Präambel", text.index("Präambel") + 1) :]  # past the table of contents
    assert body.index("M2 Digitale Bauantragsstrecke") < body.index("M10 Glasfaser für Außenbereiche")
    info = pdf_info(data)
    assert int(info["Pages"]) >= 8  # title, contents, one page per chapter at least
    assert info["Tagged"] == "yes"
    assert "Digitalstrategie" in info["Title"]


def test_pdf_has_page_numbers_and_the_running_head() -> None:
    version = small_strategy()
    data = build_pdf(strategy_document(version))
    pages = pdf_text(data).split("\f")
    assert "Seite 3 von" in pages[2]
    assert f"Version {version.number}" in pages[2].splitlines()[0] + pages[2]
    assert "Seite 1 von" not in pages[0]  # no head or foot on the title page


def test_docx_has_real_headings_and_profile_tables() -> None:
    version = small_strategy()
    document = read_docx(io.BytesIO(build_docx(strategy_document(version))))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "Maßnahmen") in headings
    assert ("Heading 2", "M1 Gemeinsames Serviceportal") in headings
    assert ("Heading 1", "Umsetzungs- und Monitoringkonzept") in headings
    facts = [t for t in document.tables if t.rows and t.rows[0].cells[0].text == "Handlungsfelder"]
    assert len(facts) == 3
    assert facts[0].rows[0].cells[1].text == "HF1 Verwaltung und Online-Dienste"
    assert document.core_properties.language == "de-DE"
    assert "Version 1" in document.sections[1].header.paragraphs[0].text


def test_a_version_without_measures_says_so() -> None:
    version = strategy_with_draft()
    text = pdf_text(build_pdf(strategy_document(StrategyVersion.objects.get(pk=version.pk))))
    assert "Diese Version enthält keine Maßnahmen." in text


def test_adoption_records_are_listed() -> None:
    version = small_strategy()
    import datetime as dt

    adopted = services.adopt_version(
        by=None, version=version, body="kreistag", date=dt.date(2024, 3, 20), reference="SV-17/2024"
    )
    text = pdf_text(build_pdf(strategy_document(StrategyVersion.objects.get(pk=adopted.pk))))
    assert "SV-17/2024" in text
    assert "20.03.2024" in text


def test_query_count_does_not_grow_with_rows() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(measures: int) -> int:
        version = strategy_with_draft()
        field = add_field(version)
        goal = add_goal(version, field=field)
        for i in range(measures):
            add_measure(version, f"M{i + 1}", fields=[field], goals=[goal])
        version = StrategyVersion.objects.select_related("strategy", "district").get(pk=version.pk)
        with CaptureQueriesContext(connection) as captured:
            strategy_document(version)
        return len(captured)

    assert queries(2) == queries(12)
