"""A frozen measure's own rows are rendered once per language and kept; what moves after adoption stays live."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from kreiskurs.actors.models import Stakeholder
from kreiskurs.strategy import services
from kreiskurs.strategy.models import FieldOfAction, Measure, StoredRendering
from tests import factories

pytestmark = pytest.mark.django_db


def profile(client: Client, measure: Measure, language: str = "de") -> str:
    cache.clear()  # the page cache is a multiplier on top: this is the page without it
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(f"/{measure.district.slug}/massnahmen/{measure.lineage}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_facts_are_kept_per_language_and_served_from_the_stored_row() -> None:
    version = factories.adopted_strategy(measures=2)
    measure = Measure.objects.filter(version=version).order_by("code").first()
    assert measure is not None
    field = FieldOfAction.objects.filter(version=version).first()
    assert field is not None
    client = Client()
    german = profile(client, measure)
    assert field.title in german and "Handlungsfelder" in german
    english = profile(client, measure, "en")
    assert field.title in english and "Fields of action" in english
    kept = StoredRendering.objects.filter(version=version, kind="measure-facts", part=measure.pk)
    assert sorted(kept.values_list("language", flat=True)) == ["de", "en"]
    kept.filter(language="de").update(content=kept.get(language="de").content.replace(field.title, "Aus dem Speicher"))
    assert "Aus dem Speicher" in profile(client, measure)  # read, not rendered again


def test_partners_come_from_the_registry_on_every_request() -> None:
    version = factories.adopted_strategy(measures=1)
    measure = Measure.objects.get(version=version)
    partner = factories.StakeholderFactory(district=version.district, name="Stadtwerke", kind="organisation")
    measure.partners.add(partner)
    client = Client()
    assert "Stadtwerke" in profile(client, measure)
    Stakeholder.objects.filter(pk=partner.pk).update(name="Stadtwerke Nord")
    assert "Stadtwerke Nord" in profile(client, measure)


def test_a_draft_is_rendered_on_every_request_and_never_kept() -> None:
    draft = factories.strategy_with_draft()
    factories.add_field(draft)
    measure = factories.add_measure(draft, "M1")
    staff = Client()
    staff.force_login(factories.member(draft.district, "strategy_team"))
    response = staff.get(f"/{draft.district.slug}/massnahmen/{measure.lineage}/?version={draft.number}")
    assert response.status_code == 200 and "M1" in response.content.decode()
    assert not StoredRendering.objects.filter(version=draft, kind="measure-facts").exists()


def test_the_home_keeps_the_goal_tree_of_a_frozen_version_and_renders_a_drafts_live() -> None:
    draft = factories.strategy_with_draft()
    field = factories.add_field(draft)
    factories.add_measure(draft, "M1", fields=[field])
    parent = factories.add_goal(draft, "Z1", title="Oberziel")
    factories.add_goal(draft, "Z2", title="Unterziel", parent=parent)
    staff = Client()
    staff.force_login(factories.member(draft.district, "strategy_team"))
    cache.clear()
    shown = staff.get(f"/{draft.district.slug}/?version={draft.number}").content.decode()
    assert "Z2 Unterziel" in shown
    assert not StoredRendering.objects.filter(version=draft, kind="goal-tree").exists()  # a draft: live
    version = services.adopt_version(by=None, version=draft, body="kreistag", date=dt.date(2024, 3, 20), reference="1")
    client = Client()
    cache.clear()
    home = client.get(f"/{version.district.slug}/").content.decode()
    assert home.index("Z1 Oberziel") < home.index('class="kern-list kk-tree"') < home.index("Z2 Unterziel")
    kept = StoredRendering.objects.get(version=version, kind="goal-tree", language="")
    kept.content = kept.content.replace("Unterziel", "aus dem Speicher")
    kept.save()
    cache.clear()
    assert "Z2 aus dem Speicher" in client.get(f"/{version.district.slug}/").content.decode()  # read, not rendered
