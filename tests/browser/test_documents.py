"""Staff download the adopted version as PDF and DOCX after watching the job's progress."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from docx import Document as read_docx
from playwright.sync_api import Page, expect

from kreiskurs.documents.models import StoredDocument

from .conftest import DEMO_SLUG, axe_check, login

pytestmark = pytest.mark.browser


def run_worker() -> None:
    """The task worker takes every queued job and ends (``--batch``): the page keeps polling meanwhile."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


@pytest.fixture
def _database_tasks(settings: Any) -> None:
    """Jobs wait in the database for the worker (as in production), so the page shows them waiting."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def generate_and_download(page: Page, link: str, tmp_path: Path) -> bytes:
    page.goto(f"/{DEMO_SLUG}/versionen/1/")
    page.get_by_role("link", name=link).click()
    axe_check(page)  # the page that offers to generate the document
    page.get_by_role("button", name="erstellen").click()
    status = page.get_by_role("status").first
    expect(status).to_contain_text("Wartet")
    expect(page.locator("#job-progress")).to_be_visible()
    axe_check(page)
    run_worker()
    expect(status).to_contain_text("Fertig")  # htmx polled the page: no reload
    with page.expect_download() as download:
        page.get_by_role("link", name="Dokument herunterladen").click()
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    return target.read_bytes()


@pytest.mark.usefixtures("_database_tasks")
def test_staff_download_pdf_and_docx_of_the_adopted_version(page: Page, demo: Any, tmp_path: Path) -> None:
    login(page)
    pdf = generate_and_download(page, "Als PDF herunterladen", tmp_path)
    assert pdf.startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "M1 Gemeinsames Serviceportal für Kreis und Kommunen" in text
    assert StoredDocument.objects.filter(version__number=1, file_format="pdf", job__isnull=True).count() == 1

    docx = generate_and_download(page, "Als Word-Dokument (DOCX) herunterladen", tmp_path)
    document = read_docx(io.BytesIO(docx))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 2"]
    assert "M1 Gemeinsames Serviceportal für Kreis und Kommunen" in headings

    # the stored file is served straight away from now on: the same bytes, no job
    again = page.context.request.get(f"/{DEMO_SLUG}/strategie/1/dokument.pdf")
    assert again.headers["content-type"] == "application/pdf"
    assert again.body() == pdf
