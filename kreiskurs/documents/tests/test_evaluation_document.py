"""The evaluation report's document shows who took part in the period, as the HTML report does (decision 0029)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from docx import Document as read_docx

from kreiskurs.documents.content import Table
from kreiskurs.documents.pdf import build_pdf
from kreiskurs.documents.report import evaluation_document
from kreiskurs.documents.word import build_docx
from kreiskurs.evaluation import services
from kreiskurs.evaluation.tests.test_rounds import adopted, open_round
from kreiskurs.participation.tests.test_representativeness_pages import take_part, towns
from tests import factories

from .test_consideration_document import pdf_text

pytestmark = pytest.mark.django_db


def test_the_report_document_has_the_representativeness_tables_with_the_same_suppression_in_pdf_and_docx() -> None:
    version = adopted()
    district = version.district
    process = factories.running_process(district, kind="statements")
    a, b, c = towns(district)
    take_part(process, 12, municipality=a, age_band="18-29")
    take_part(process, 6, municipality=b, age_band="30-44")
    take_part(process, 2, municipality=c)
    today = timezone.localdate()
    evaluation = open_round(version, period_start=today - dt.timedelta(days=30), period_end=today)
    services.update_findings(by=None, evaluation=evaluation, findings="x", expected_revision=None)
    services.publish_round(by=None, evaluation=evaluation)

    doc = evaluation_document(version, evaluation.pk)
    tables = [b for b in doc.blocks if isinstance(b, Table) and "Bevölkerungsanteil" in b.caption]
    assert [t.caption for t in tables] == [
        "Teilnehmende nach Wohnort (Gemeinde) und Bevölkerungsanteil",
        "Teilnehmende nach Altersgruppe und Bevölkerungsanteil",
    ]
    by_place = {row[0]: row for row in tables[0].rows}
    assert by_place["Astadt"] == ["Astadt", "12", "60,0 %", "33,3 %", "1,80", "überrepräsentiert"]
    # Cheim (2) is under 5; Bdorf (6) is hidden too, or Cheim would follow from the total of 20
    assert by_place["Cheim"][1:3] == ["< 5", "–"] and by_place["Bdorf"][1:3] == ["< 5", "–"]
    assert by_place["Ohne Angabe (nicht in den Anteilen)"][1] == "0"
    # without the BEV-* indicators the age bands have counts only
    assert tables[1].headers == ["Altersgruppe", "Teilnehmende", "Anteil"]

    text = pdf_text(build_pdf(doc))
    assert "Wer hat teilgenommen? (Repräsentativität)" in text
    assert "20 Personen haben teilgenommen." in text and "Score-Test, 5 %" in text
    assert "Astadt 12 60,0 % 33,3 % 1,80 überrepräsentiert" in text
    assert "Bdorf < 5 – 33,3 %" in text and "Cheim < 5 – 33,3 %" in text
    assert "Bevölkerung: Einwohnerzahlen der Gemeinden (GV100AD)." in text
    assert "liegen keine Bevölkerungszahlen des Kreises vor" in text

    word = read_docx(io.BytesIO(build_docx(doc)))
    docx_rows = [[cell.text for cell in row.cells] for table in word.tables for row in table.rows]
    assert ["Astadt", "12", "60,0 %", "33,3 %", "1,80", "überrepräsentiert"] in docx_rows
    assert ["Cheim", "< 5", "–", "33,3 %", "–", "–"] in docx_rows
