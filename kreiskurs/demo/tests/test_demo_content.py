"""What the demo district shows across the apps, on one demo loaded once for the module.

``demo_district`` (root ``conftest.py``) copies the session's demo in on SQLite and
loads it once on other databases; each test runs in its own transaction, so what
one test changes (an adoption, a document) is gone for the next. The loader itself
(a first load, an existing admin account) is tested in ``test_demo.py``.
"""

from __future__ import annotations

import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document as read_docx

from kreiskurs.accounts.models import Membership, Role, User
from kreiskurs.cycle import selectors as cycle_selectors
from kreiskurs.demo import content
from kreiskurs.documents.content import Heading, Table
from kreiskurs.documents.selectors import strategy_document
from kreiskurs.documents.tests.test_downloads import generate
from kreiskurs.documents.tests.test_strategy_document import pdf_text
from kreiskurs.documents.word import build_docx
from kreiskurs.evaluation.models import EvaluationRound
from kreiskurs.maturity import selectors
from kreiskurs.maturity.models import Assessment, FieldLink
from kreiskurs.participation.models import Comment, Process
from kreiskurs.participation.selectors.consideration import awaiting_response, consideration_table
from kreiskurs.participation.selectors.representativeness import of_process
from kreiskurs.strategy import services
from kreiskurs.strategy.comparison import compare_versions
from kreiskurs.strategy.models import (
    BaselineSection,
    Enrolment,
    FieldOfAction,
    Goal,
    Measure,
    StrategyVersion,
    SwotItem,
    VersionState,
)
from kreiskurs.strategy.selectors import participations_of
from kreiskurs.territory.models import District, Municipality

pytestmark = pytest.mark.django_db


def test_the_example_strategy_is_complete_and_loading_it_again_changes_nothing(demo_district: District) -> None:
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "bereits geladen" in out.getvalue()
    v1, v2 = StrategyVersion.objects.filter(district__key="05558").order_by("number")
    # version 2 is released for consultation (public, frozen) once the demo's edits are done
    assert (v1.state, v2.state) == (VersionState.ADOPTED, VersionState.CONSULTATION)
    assert v1.strategy.is_example
    assert v1.adoptions.count() == 3
    assert 5 <= FieldOfAction.objects.filter(version=v1).count() <= 6
    assert 10 <= Goal.objects.filter(version=v1).count() <= 14
    measures = Measure.objects.filter(version=v1)
    assert measures.count() == 30
    assert all(m.summary and m.lead_unit and m.fields_of_action.exists() for m in measures)
    assert sum(1 for m in measures if m.participations.exists()) >= 20
    diff = compare_versions(v1, v2)
    kinds = {k.key: k for k in diff.kinds}
    assert kinds["measures"].added and kinds["measures"].removed and kinds["measures"].changed
    assert kinds["goals"].added and diff.vision
    # the statements process has people enough for the representativeness tables; the age bands have the
    # population of the BEV-* indicators (decision 0029): flagged and unflagged bands, no "< 5"
    statements = Process.objects.get(district__key="05558", title=content.STATEMENTS_PROCESS[0])
    ages = of_process(statements).age_bands
    assert ages.has_expected and "Regionalstatistik 12411-03-03-4 (2022)" in ages.source
    flags = {cell.key: cell.flag for cell in ages.cells}
    assert flags == {"u18": "", "18-29": "", "30-44": "", "45-64": "over", "65+": ""}
    assert not ages.any_suppressed and ages.declared == 45


def test_every_role_has_a_demo_account(demo_district: District) -> None:
    roles = set(Membership.objects.filter(district__key="05558").values_list("role", flat=True))
    assert roles == set(Role.values)
    assert User.objects.get(username="admin").is_superuser
    assert not Membership.objects.filter(user__username="buerger").exists()


def test_the_demo_has_a_mandate_a_time_plan_and_a_baseline_in_both_versions(
    client: Client, demo_district: District
) -> None:
    district = demo_district
    plan = cycle_selectors.time_plan(district, with_bodies=True)
    assert plan.mandate is not None and plan.mandate.bodies.count() == 2
    assert plan.current is not None and plan.current.kind == "update" and plan.next_dates
    v1, v2 = StrategyVersion.objects.filter(district=district).order_by("number")
    assert BaselineSection.objects.filter(version=v1).count() == 7
    assert {i.kind for i in SwotItem.objects.filter(version=v1)} == {"strength", "weakness", "opportunity", "threat"}
    assert Goal.objects.filter(version=v1, findings__isnull=False).distinct().count() >= 6
    kinds = {k.key: k for k in compare_versions(v1, v2).kinds}
    assert kinds["baseline"].changed and kinds["swot"].added
    home = client.get(f"/{district.slug}/").content.decode()
    assert "Wo der Kreis steht" in home and "Fortschreibung (jetzt)" in home
    page = client.get(f"/{district.slug}/ausgangslage/").content.decode()
    assert "Weiße Flecken bei Glasfaser" in page and "Künstliche Intelligenz kann" not in page
    assert "Die Kreisverwaltung im Vergleich mit den Gemeinden" in page and "Gemeinden nach Größenklassen" in page
    assert "Künstliche Intelligenz kann" in client.get(f"/{district.slug}/ausgangslage/?version=2").content.decode()


def test_the_demo_consultation_has_a_finished_consideration_and_adoption_carries_requests_over(
    demo_district: District,
) -> None:
    v1, v2 = StrategyVersion.objects.filter(district__key="05558").order_by("number")
    draft_process = Process.objects.get(version=v2, template="draft")
    rows = consideration_table(draft_process)
    assert rows and all(r.consideration is not None for r in rows)
    assert any(r.change_url for r in rows)
    page = Client().get(f"/{v2.district.slug}/beteiligung/{draft_process.pk}/abwaegung/").content.decode()
    assert "übernommen" in page and "Abwägung steht aus" not in page
    assert awaiting_response(Process.objects.filter(pk=draft_process.pk)) == 0
    # the comment still held by moderation is not in the table
    assert Comment.objects.filter(process=draft_process).pending().exists()

    open_requests = list(Enrolment.objects.filter(version=v1, state=Enrolment.State.REQUESTED))
    assert open_requests
    services.adopt_version(
        by=User.objects.get(username="cdo"),
        version=v2,
        body="kreistag",
        date=timezone.localdate(),
        reference="SV-11/0099",
        settle=True,
    )
    v1.refresh_from_db()
    assert v1.state == VersionState.SUPERSEDED
    assert not Enrolment.objects.filter(version=v1, state=Enrolment.State.REQUESTED).exists()
    for request in open_requests:
        measure = Measure.objects.get(version=v2, lineage=request.measure_lineage)
        pending = {p.municipality.pk for p in participations_of([measure])[measure.pk] if p.pending}
        assert request.municipality_id in pending
    dülmen = Municipality.objects.get(pk=open_requests[0].municipality_id)
    page = Client().get(f"/{v2.district.slug}/gemeinden/{dülmen.slug}/").content.decode()
    assert "angefragt" in page or "Anfrage" in page


def test_the_demo_maturity_rounds_of_coesfeld(demo_district: District) -> None:
    district = demo_district
    rounds = list(selectors.rounds_of(district).order_by("opened_on"))
    assert [(r.title, r.state, r.model.version, r.submitted, r.drafts) for r in rounds] == [
        ("Selbsteinschätzung 2024", "closed", 1, 11, 0),
        ("Selbsteinschätzung 2025", "open", 2, 10, 1),
    ]
    draft = Assessment.objects.get(round=rounds[1], state="draft")
    assert draft.municipality.ags == "05558016"
    assert draft.answered == 8  # Verwaltung and Infrastruktur, four questions each
    assert User.objects.get(username="gemeinde").memberships.get().municipality == draft.municipality

    fields = {f.lineage: f.code for f in FieldOfAction.objects.filter(version__district=district)}
    links = {(link.dimension_code, fields[link.field_lineage]) for link in FieldLink.objects.filter(district=district)}
    assert links == {
        ("verwaltung", "HF1"),
        ("infrastruktur", "HF2"),
        ("bildung", "HF3"),
        ("gesundheit", "HF4"),
        ("mobilitaet", "HF5"),
        ("wirtschaft", "HF6"),
        ("beteiligung", "HF6"),
        ("daten", "HF1"),
        ("wandel", "HF1"),
    }
    gaps = [row.dimension.code for row in selectors.gap_analysis(rounds[1]).gaps]
    assert "gesundheit" in gaps and "bildung" not in gaps
    heat = selectors.heatmap(rounds[1])
    assert [g.code for g in heat.groups] == ["S4", "S5"]
    # progress from 2024 to 2025 in the district median of Verwaltung
    before = selectors.heatmap(rounds[0]).district_median[0].score
    assert before is not None and heat.district_median[0].score is not None
    assert heat.district_median[0].score > before


def test_dashboard_shows_phases_milestones_and_stale_indicators(demo_district: District) -> None:
    client = Client()
    client.force_login(User.objects.get(username="cdo"))
    body = client.get("/coesfeld/verwaltung/").content.decode()
    assert "Maßnahmen nach Phase" in body and "Offene Meilensteine" in body
    assert "Indikatoren ohne aktuellen Wert" in body and "I4" in body  # I4's last value is from 2024
    assert "überfällig" in body
    assert "Laufende Beteiligung" in body and "Ideen für das digitale Coesfeld" in body
    assert "1 Beitrag wartet auf Freigabe" in body  # one draft comment of the demo is held back


def test_the_demo_consultation_has_its_consideration_table(demo_district: District) -> None:
    district = demo_district
    version = StrategyVersion.objects.select_related("strategy", "district").get(district=district, number=2)
    doc = strategy_document(version)
    at = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Heading) and b.text.startswith("Abwägung: "))
    table = doc.blocks[at + 1]
    assert isinstance(table, Table)
    assert table.headers == ["Nr.", "Art", "Stelle", "Beitrag", "Entscheidung", "Begründung"]
    assert table.rows
    document = read_docx(io.BytesIO(build_docx(doc)))
    assert any(t.rows[0].cells[4].text == "Entscheidung" for t in document.tables if len(t.columns) == 6)


def test_the_published_evaluation_report_as_pdf(demo_district: District) -> None:
    district = demo_district
    evaluation = EvaluationRound.objects.filter(district=district, published_at__isnull=False).first()
    assert evaluation is not None
    url = reverse("documents:evaluation_pdf", args=[district.slug, evaluation.pk])
    client = Client()
    job = generate(client, url)
    assert job.result_url == url  # a published round of a frozen version: stored, served at its address
    text = pdf_text(client.get(url).content)
    for heading in ("Ergebnisse und Erkenntnisse", "Umsetzung im Zeitraum", "Bewertungen", "Änderungsvorschläge"):
        assert heading in text
    assert evaluation.title in text
