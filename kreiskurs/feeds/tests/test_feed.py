"""The district's Atom feed: valid Atom with only public changes, newest first, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kreiskurs.evaluation.models import EvaluationRound
from kreiskurs.participation.models import Phase
from kreiskurs.strategy import services
from kreiskurs.strategy.models import Measure
from tests import factories

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _feed(slug: str) -> ET.Element:
    response = Client().get(f"/{slug}/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)


def _titles(root: ET.Element) -> list[str]:
    return [e.findtext(f"{ATOM}title") or "" for e in root.iter(f"{ATOM}entry")]


def _district_with_news() -> Any:
    version = factories.adopted_strategy(factories.DistrictFactory(slug="kreis"), measures=2)
    measure = Measure.objects.filter(version=version).order_by("code").first()
    assert measure is not None
    services.record_status_report(
        by=None, measure=measure, date=timezone.localdate(), phase="pilot", progress=30, text="Pilot läuft"
    )
    process = factories.running_process(version.district)
    process.title = "Ideen für Schulen"
    process.save()
    EvaluationRound.objects.create(
        district=version.district,
        version=version,
        title="Bilanz 2025",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        state=EvaluationRound.State.PUBLISHED,
        published_at=timezone.now() - dt.timedelta(days=2),
        findings="Gut vorangekommen",
    )
    return version, measure, process


def test_the_feed_is_valid_atom_with_adoptions_reports_processes_and_evaluation_reports() -> None:
    _version, measure, _process = _district_with_news()
    root = _feed("kreis")
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None, required
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/kreis/feed.atom"  # type: ignore[union-attr]
    entries = list(root.iter(f"{ATOM}entry"))
    for entry in entries:  # RFC 4287: every entry has id, title, updated and a link
        assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}updated")
        assert entry.find(f"{ATOM}link").get("href", "").startswith("http://testserver/")  # type: ignore[union-attr]
    titles = _titles(root)
    assert "Version 1 der Strategie beschlossen" in titles
    assert f"Statusbericht: {measure.code} {measure.title} (Pilot, 30 %)" in titles
    assert "Beteiligung gestartet: Ideen für Schulen" in titles
    assert "Evaluationsbericht veröffentlicht: Bilanz 2025" in titles
    updated = [e.findtext(f"{ATOM}updated") or "" for e in entries]
    assert updated == sorted(updated, reverse=True)  # newest first
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)


def test_drafts_unpublished_processes_and_open_rounds_stay_out_of_the_feed() -> None:
    version, _measure, _process = _district_with_news()
    draft = services.start_revision(by=None, strategy=version.strategy)
    secret = factories.add_measure(draft, "M99", title="Geheime Maßnahme")
    services.record_status_report(
        by=None, measure=secret, date=timezone.localdate(), phase="idea", progress=0, text="Entwurfsgeheimnis"
    )
    hidden = factories.running_process(version.district, published=False)
    hidden.title = "Unveröffentlicht"
    hidden.save()
    EvaluationRound.objects.create(
        district=version.district,
        version=version,
        title="Offene Runde",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 6, 30),
    )
    text = Client().get("/kreis/feed.atom").content.decode()
    for secret_text in ("Geheime Maßnahme", "Entwurfsgeheimnis", "Unveröffentlicht", "Offene Runde", "Version 2"):
        assert secret_text not in text


def test_a_process_is_new_until_its_first_phase_starts() -> None:
    process = factories.running_process(factories.DistrictFactory(slug="bald"))
    Phase.objects.filter(process=process).update(start=timezone.now() + dt.timedelta(days=3))
    process.title = "Umfrage Mobilität"
    process.save()
    assert _titles(_feed("bald")) == ["Neues Beteiligungsverfahren: Umfrage Mobilität"]


def test_the_district_pages_name_the_feed_in_their_head_and_the_home_links_it_visibly() -> None:
    _district_with_news()
    page = Client().get("/kreis/").content.decode()
    head = page.split("</head>", 1)[0]
    assert '<link rel="alternate" type="application/atom+xml"' in head and 'href="/kreis/feed.atom"' in head
    body = page.split("</head>", 1)[1]
    assert 'href="/kreis/feed.atom"' in body and "Atom-Feed" in body


def test_an_unknown_district_has_no_feed() -> None:
    assert Client().get("/nirgends/feed.atom").status_code == 404


def test_query_count_does_not_grow_with_rows() -> None:
    version, measure, _process = _district_with_news()

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            Client().get("/kreis/feed.atom")
        return len(ctx.captured_queries)

    few = queries()
    for n in range(5):
        services.record_status_report(
            by=None, measure=measure, date=timezone.localdate(), phase="pilot", progress=40 + n, text=f"Bericht {n}"
        )
        factories.running_process(version.district)
    assert queries() == few
