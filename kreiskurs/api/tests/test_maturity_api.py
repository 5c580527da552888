"""The maturity aggregate in the API: only a closed round, the same figures as the public page."""

from __future__ import annotations

import pytest
from django.test import Client

from kreiskurs.maturity import services
from kreiskurs.maturity.tests.test_selectors import World, world  # noqa: F401  (the six municipalities)

pytestmark = pytest.mark.django_db


def test_maturity_aggregate_only_of_a_closed_round(world: World) -> None:  # noqa: F811
    url = f"/api/v1/districts/{world.district.key}/maturity/"
    client = Client()
    assert client.get(url).status_code == 404  # the round is still open
    services.close_round(by=None, round=world.round)
    body = client.get(url).json()
    assert (body["submitted"], body["municipalities"], body["too_few"]) == (4, 6, False)
    assert [(d["median"], d["bands"], d["weak"]) for d in body["dimensions"]] == [
        (2.5, [0, 1, 1, 2], 1),
        (1.0, [1, 2, 0, 1], 3),
    ]
    assert "M1" not in str(body) and "municipality" not in str(body)
