"""Lists read in German order: names by DIN 5007 (Büdlich before Burtscheid, Ürzig among the U),
codes naturally (M2 before M10) — on public pages and in the back office. (The API lists
municipalities by their official key, the order machines expect.)"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from kreiskurs.accounts.models import Role
from tests import factories

pytestmark = pytest.mark.django_db

NAMES = ["Burtscheid", "Ürzig", "Büdlich", "Utting", "Ascheberg", "Uelzen"]
IN_ORDER = ["Ascheberg", "Büdlich", "Burtscheid", "Uelzen", "Ürzig", "Utting"]


def positions(page: str, words: list[str]) -> list[str]:
    return sorted(words, key=page.index)


def test_municipalities_and_measures_are_listed_in_german_natural_order(client: Any) -> None:
    version = factories.strategy_with_draft()
    district = version.district
    for name in NAMES:
        factories.MunicipalityFactory(district=district, name=name)
    field = factories.add_field(version)
    titles = {"M10": "Titel zehn", "M2": "Titel zwei", "B1": "Titel Bürgerideen", "M1": "Titel eins"}
    for code, title in titles.items():
        factories.add_measure(version, code, title=title, fields=[field])
    factories.services.adopt_version(
        by=None,
        version=version,
        body="kreistag",
        date=dt.date(2024, 3, 20),
        reference="SV-1",
    )
    by_code = [titles[c] for c in ("B1", "M1", "M2", "M10")]
    measures = Client().get(f"/{district.slug}/massnahmen/").content.decode()
    assert positions(measures, by_code) == by_code
    page = Client().get(f"/{district.slug}/gemeinden/").content.decode()
    assert positions(page, IN_ORDER) == IN_ORDER
    client.force_login(factories.member(district, Role.STRATEGY_TEAM))
    staff = client.get(f"/{district.slug}/verwaltung/ansaetze/").content.decode()
    assert positions(staff, IN_ORDER) == IN_ORDER
