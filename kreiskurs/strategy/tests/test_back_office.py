"""The back office over HTTP: the strategy team edits the draft, adopts, revises."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kreiskurs.accounts.models import Role
from kreiskurs.audit.models import AuditEntry
from kreiskurs.strategy.models import FieldOfAction, Measure, MeasureMunicipality, StrategyVersion, VersionState
from tests import factories

pytestmark = pytest.mark.django_db


def team_client(district: object) -> Client:
    client = Client()
    client.force_login(factories.member(district, Role.STRATEGY_TEAM))  # type: ignore[arg-type]
    return client


def measure_post(field: FieldOfAction, **extra: str) -> dict[str, object]:
    data: dict[str, object] = {
        "code": "M7",
        "title": "Serviceportal",
        "summary": "Alle Leistungen online",
        "fields_of_action": [field.pk],
        "measure_type": "lead",
        "priority": "high",
        "phase": "idea",
        "digital_check": "digital",
        "funding": "own",
        "origin": "strategy_team",
        "reporting_interval": "3",
        "weight": "1",
        "estimated_cost": "1000,50",
        "gemeinden-TOTAL_FORMS": "1",
        "gemeinden-INITIAL_FORMS": "0",
        "kriterien-TOTAL_FORMS": "0",
        "kriterien-INITIAL_FORMS": "0",
        "meilensteine-TOTAL_FORMS": "1",
        "meilensteine-INITIAL_FORMS": "0",
        "meilensteine-0-title": "Start",
        "meilensteine-0-due": "2026-01-31",
    }
    data.update(extra)
    return data


def test_team_creates_field_and_measure_with_participation() -> None:
    draft = factories.strategy_with_draft()
    municipality = factories.MunicipalityFactory(district=draft.district)
    client = team_client(draft.district)
    slug = draft.district.slug
    response = client.post(
        f"/{slug}/verwaltung/handlungsfelder/neu/", {"code": "HF1", "title": "Verwaltung", "position": 0}
    )
    assert response.status_code == 302
    field = FieldOfAction.objects.get(version=draft)
    response = client.post(
        f"/{slug}/verwaltung/massnahmen/neu/",
        measure_post(field, **{"gemeinden-0-municipality": str(municipality.pk), "gemeinden-0-role": "pilot"}),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    measure = Measure.objects.get(version=draft, code="M7")
    assert str(measure.estimated_cost) == "1000.50"
    assert MeasureMunicipality.objects.get(measure=measure).role == "pilot"
    assert measure.milestones.get().title == "Start"
    assert AuditEntry.objects.filter(object_type="strategy.measure", object_id=str(measure.pk)).exists()


def test_invalid_input_is_reported_and_changes_nothing() -> None:
    draft = factories.strategy_with_draft()
    field = factories.add_field(draft)
    factories.add_measure(draft, "M7", fields=[field])
    client = team_client(draft.district)
    url = f"/{draft.district.slug}/verwaltung/massnahmen/neu/"
    response = client.post(url, measure_post(field))
    assert response.status_code == 200
    assert "schon vergeben" in response.content.decode()  # duplicate code in this version
    response = client.post(url, measure_post(field, code="M8", end="2020-01-01", start="2021-01-01"))
    assert "Das Ende liegt vor dem Beginn" in response.content.decode()
    response = client.post(url, measure_post(field, code="M9", estimated_cost="zwölf"))
    assert "Zahl" in response.content.decode()
    assert Measure.objects.filter(version=draft).count() == 1


def test_adopt_then_revise_over_http() -> None:
    draft = factories.strategy_with_draft()
    factories.add_field(draft)
    client = team_client(draft.district)
    slug = draft.district.slug
    response = client.post(
        f"/{slug}/verwaltung/versionen/{draft.pk}/beschliessen/",
        {
            "body": "kreistag",
            "date": "2024-03-20",
            "reference": "SV-10/0412",
            "url": "https://oparl.example.org/paper/1",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == VersionState.ADOPTED
    assert draft.adoptions.get().reference == "SV-10/0412"
    # frozen: editing the adopted version is refused
    field = FieldOfAction.objects.get(version=draft)
    response = client.post(
        f"/{slug}/verwaltung/handlungsfelder/{field.pk}/", {"code": "HF1", "title": "neu", "position": 0, "revision": 1}
    )
    assert "nicht im Entwurf" in response.content.decode()
    field.refresh_from_db()
    assert field.title != "neu"
    response = client.post(f"/{slug}/verwaltung/versionen/fortschreiben/", {"change_summary": "Evaluation 2026"})
    assert response.status_code == 302
    new = StrategyVersion.objects.get(strategy=draft.strategy, number=2)
    assert (new.state, new.change_summary) == (VersionState.DRAFT, "Evaluation 2026")
    assert FieldOfAction.objects.get(version=new).lineage == field.lineage


def test_steering_member_reads_but_cannot_edit() -> None:
    draft = factories.strategy_with_draft()
    client = Client()
    client.force_login(factories.member(draft.district, Role.STEERING))
    slug = draft.district.slug
    assert client.get(f"/{slug}/verwaltung/").status_code == 200
    assert client.get(f"/{slug}/verwaltung/massnahmen/").status_code == 200
    assert client.get(f"/{slug}/verwaltung/handlungsfelder/neu/").status_code == 404
    assert client.post(f"/{slug}/verwaltung/handlungsfelder/neu/", {"code": "X", "title": "X"}).status_code == 404
    assert not FieldOfAction.objects.filter(version=draft).exists()


def _draft_with_rows(n: int) -> tuple[str, object]:
    """A draft with ``n`` goals, measures and stakeholders: its district's slug and a strategy team member."""
    draft = factories.strategy_with_draft()
    field = factories.add_field(draft)
    for i in range(n):
        factories.add_goal(draft, f"Z{i}", field=field)
        factories.add_measure(draft, f"M{i}", fields=[field])
        factories.StakeholderFactory(district=draft.district)
    return draft.district.slug, factories.member(draft.district, Role.STRATEGY_TEAM)


@pytest.fixture(scope="module")
def small_and_large(rows_for_module: Any) -> Iterator[list[tuple[str, object]]]:
    """Drafts with 2 and with 25 rows of each list, built once for the pages below."""
    with rows_for_module():
        yield [_draft_with_rows(2), _draft_with_rows(25)]


@pytest.mark.parametrize(
    "page", ["massnahmen/", "ziele/", "protokoll/", "versionen/", "abgleich/", "register/bestehende-strategien/"]
)
def test_back_office_lists_have_bounded_queries(page: str, small_and_large: list[tuple[str, object]]) -> None:
    def count(slug: str, member: object) -> int:
        client = Client()
        client.force_login(member)  # type: ignore[arg-type]
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/{slug}/verwaltung/{page}").status_code == 200
        return len(ctx.captured_queries)

    small, large = small_and_large
    assert count(*small) == count(*large)


def test_measure_form_sections_cover_every_field_once() -> None:
    from kreiskurs.strategy.forms import MeasureForm

    names = [n for _label, fields in MeasureForm.SECTIONS for n in fields]
    assert sorted(names) == sorted(MeasureForm.Meta.fields)
    assert len(names) == len(set(names))


def test_the_team_edits_the_vision_of_the_draft_and_a_stale_form_is_refused() -> None:
    draft = factories.strategy_with_draft()
    client = team_client(draft.district)
    url = f"/{draft.district.slug}/verwaltung/leitbild/"
    texts = {"vision_title": "Digital für alle", "vision_text": "Der Kreis …", "change_summary": "Erste Fassung"}
    response = client.post(url, {**texts, "revision": draft.revision})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.vision_title, draft.vision_text, draft.change_summary) == tuple(texts.values())
    entry = AuditEntry.objects.filter(object_type="strategy.strategyversion", action="update").latest("pk")
    assert entry.changes["vision_title"] == ["", "Digital für alle"]
    stale = client.post(url, {**texts, "vision_title": "Alt", "revision": draft.revision - 1})
    assert stale.status_code == 200
    draft.refresh_from_db()
    assert draft.vision_title == "Digital für alle"
