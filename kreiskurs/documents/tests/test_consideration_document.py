"""The consideration table of a consultation as its own PDF and DOCX: offered next to its page, generated
by the document job, stored once the process is closed and served with the same bytes until it changes."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import tempfile

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document as read_docx

from kreiskurs.accounts.models import Role
from kreiskurs.documents.models import StoredDocument
from kreiskurs.participation.models import Phase, Process, Visibility
from kreiskurs.participation.services import moderation
from kreiskurs.participation.services.consideration import respond_to_contribution
from kreiskurs.participation.tests.test_consideration import _setup
from tests import factories

from .test_downloads import generate

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    """The text in content order (``-raw``: a table's cells one after the other), whitespace collapsed."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", f.name, "-"], check=True, capture_output=True)
    return " ".join(out.stdout.decode().split())


def weighed() -> tuple[Process, list]:
    """A consultation's process with three comments: one answered, one open, one hidden by moderation."""
    _version, process, comments = _setup()
    team = factories.member(process.district, Role.STRATEGY_TEAM)
    moderation.moderate(by=team, obj=comments[2], visibility=Visibility.HIDDEN, reason="Beleidigung")
    respond_to_contribution(
        by=team, contribution=comments[1], decision="noted", reason="Danke für die Zustimmung.", expected_revision=0
    )
    return process, [team, *comments]


def close(process: Process) -> None:
    Phase.objects.filter(process=process).update(end=timezone.now() - dt.timedelta(minutes=1))


def test_the_consideration_page_links_the_pdf_and_docx() -> None:
    process, _rest = weighed()
    page = Client().get(reverse("participation:consideration", args=[process.district.slug, process.pk]))
    html = page.content.decode()
    assert reverse("consideration_documents:pdf", args=[process.district.slug, process.pk]) in html
    assert reverse("consideration_documents:docx", args=[process.district.slug, process.pk]) in html


def test_a_running_consultations_table_is_generated_fresh_with_responses_but_never_hidden_text() -> None:
    process, _rest = weighed()
    url = reverse("consideration_documents:pdf", args=[process.district.slug, process.pk])
    client = Client()
    job = generate(client, url)
    assert job.result_url == reverse("documents:job_file", args=[process.district.slug, job.pk])
    text = pdf_text(client.get(job.result_url).content)
    assert "Abwägungstabelle" in text and process.title in text
    assert "Danke für die Zustimmung." in text and "zur Kenntnis genommen" in text
    assert "Mehr Tempo" in text and "Abwägung steht aus" in text
    assert "Beleidigung" not in text
    # not closed: nothing is kept at the public address, which still offers to generate it
    assert client.get(url)["Content-Type"].startswith("text/html")
    assert not StoredDocument.objects.filter(kind=f"consideration:{process.pk}", job__isnull=True).exists()


def test_a_closed_consultations_table_is_stored_and_served_unchanged_until_a_response_changes() -> None:
    process, (team, first, _second, _third) = weighed()
    close(process)
    url = reverse("consideration_documents:pdf", args=[process.district.slug, process.pk])
    client = Client()
    job = generate(client, url)
    assert job.result_url == url
    body = client.get(url).content
    assert "Danke für die Zustimmung." in pdf_text(body)
    client.post(url)  # another request: the stored file is kept
    assert client.get(url).content == body
    assert StoredDocument.objects.filter(kind=f"consideration:{process.pk}", job__isnull=True).count() == 1
    # the team answers the open contribution: the stored copy no longer tells the same and is not served
    respond_to_contribution(
        by=team, contribution=first, decision="adopted", reason="Wir beeilen uns.", expected_revision=0
    )
    assert client.get(url)["Content-Type"].startswith("text/html")
    generate(client, url)
    assert "Wir beeilen uns." in pdf_text(client.get(url).content)


def test_the_docx_has_the_table_with_the_decisions() -> None:
    process, _rest = weighed()
    close(process)
    url = reverse("consideration_documents:docx", args=[process.district.slug, process.pk])
    client = Client()
    generate(client, url)
    document = read_docx(io.BytesIO(client.get(url).content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Begründung" in cells and "Danke für die Zustimmung." in cells
    assert not any("Beleidigung" in c for c in cells)


def test_an_unpublished_process_has_no_public_table_document() -> None:
    process, _rest = weighed()
    Process.objects.filter(pk=process.pk).update(published=False)
    assert (
        Client().get(reverse("consideration_documents:pdf", args=[process.district.slug, process.pk])).status_code
        == 404
    )
