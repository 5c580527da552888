"""Names and codes sort as people expect, in Python and in the database alike."""

from __future__ import annotations

import random

import pytest

from kreiskurs.collation import natural, sort_key
from kreiskurs.territory.models import Municipality
from tests import factories

EXPECTED = [
    "Ascheberg",
    "Büdlich",
    "Burtscheid",
    "Lüdinghausen, Stadt",
    "Ludwigshafen",
    "Straße",
    "Strasse 2",
    "Trier",
    "Uelzen",
    "Ürzig",
    "Utting",
]
CODES = ["M1", "M2", "M9", "M10", "M11", "M100", "Z1.2", "Z1.10", "Z2"]


def shuffled(items: list[str]) -> list[str]:
    copy = list(items)
    random.Random(4).shuffle(copy)
    return copy


def test_python_order_is_german_and_natural() -> None:
    assert sorted(shuffled(EXPECTED), key=sort_key) == EXPECTED
    assert sorted(shuffled(CODES), key=sort_key) == CODES
    # ties in the folded form are still ordered, so sorting is stable across runs
    assert sorted(["Müller", "Muller", "MULLER"], key=sort_key) == ["Muller", "MULLER", "Müller"]


@pytest.mark.django_db
def test_database_order_matches_python_order() -> None:
    district = factories.DistrictFactory()
    for name in shuffled(EXPECTED + CODES):
        factories.MunicipalityFactory(district=district, name=name)
    ordered = Municipality.objects.filter(district=district).order_by(natural("name"))
    names = list(ordered.values_list("name", flat=True))
    assert [n for n in names if n in EXPECTED] == EXPECTED
    assert [n for n in names if n in CODES] == CODES
