"""The district's cache generation moves on once per transaction (``territory/generations.py``)."""

from __future__ import annotations

import pytest
from django.db import transaction

from kreiskurs.territory.models import District
from tests import factories

pytestmark = pytest.mark.django_db


def generation(district: District) -> int:
    return District.objects.values_list("generation", flat=True).get(pk=district.pk)


def test_many_writes_in_one_transaction_move_the_generation_on_once_per_district() -> None:
    one, other = factories.DistrictFactory(), factories.DistrictFactory()
    before = generation(one), generation(other)
    with transaction.atomic():
        for _ in range(50):
            one.bump_generation()
            other.bump_generation()
        assert (generation(one), generation(other)) == (before[0] + 1, before[1] + 1)  # seen inside already
    assert (generation(one), generation(other)) == (before[0] + 1, before[1] + 1)


def test_each_transaction_moves_it_on_again() -> None:
    district = factories.DistrictFactory()
    before = generation(district)
    for _ in range(3):
        with transaction.atomic():
            district.bump_generation()
            district.bump_generation()
    assert generation(district) == before + 3


def test_a_bump_rolled_back_with_its_savepoint_is_made_again() -> None:
    district = factories.DistrictFactory()
    before = generation(district)
    with transaction.atomic():
        try:
            with transaction.atomic():
                district.bump_generation()
                raise RuntimeError("the write failed")
        except RuntimeError:
            pass
        assert generation(district) == before  # the savepoint took the bump back
        district.bump_generation()  # a later write of the same transaction
    assert generation(district) == before + 1


def test_a_district_moved_on_only_in_a_rolled_back_savepoint_is_moved_on_again() -> None:
    """Another district's bump outside the savepoint does not vouch for this one's, taken back with it."""
    one, other = factories.DistrictFactory(), factories.DistrictFactory()
    before = generation(other)
    with transaction.atomic():
        one.bump_generation()
        try:
            with transaction.atomic():
                other.bump_generation()
                raise RuntimeError("the write failed")
        except RuntimeError:
            pass
        other.bump_generation()
    assert generation(other) == before + 1


def test_audited_service_writes_each_move_it_on() -> None:
    """Each service call is a transaction of its own (in a test: a savepoint in the test's), as in production."""
    version = factories.strategy_with_draft()
    before = generation(version.district)
    factories.add_field(version, "HF1")
    middle = generation(version.district)
    factories.add_field(version, "HF2")
    assert before < middle < generation(version.district)
