"""The demo shows the preparation (mandate, organisation, time plan) and the baseline of both versions."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from kreiskurs.cycle import selectors as cycle_selectors
from kreiskurs.strategy.comparison import compare_versions
from kreiskurs.strategy.models import BaselineSection, Goal, StrategyVersion, SwotItem
from kreiskurs.territory.models import District

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_mandate_a_time_plan_and_a_baseline_in_both_versions(client: Client) -> None:
    call_command("load_demo", stdout=StringIO())
    district = District.objects.get(key="05558")
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
