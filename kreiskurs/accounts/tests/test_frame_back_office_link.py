"""The frame links the back office for people with a role, reading the memberships once per request."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db


def page_for(user: object) -> tuple[str, list[str]]:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    district = factories.DistrictFactory()
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(f"/{district.slug}/beteiligung/").content.decode()
    return body, [q["sql"] for q in ctx.captured_queries if "accounts_membership" in q["sql"]]


def test_a_member_sees_the_back_office_link_and_the_memberships_are_read_once() -> None:
    district = factories.DistrictFactory()
    body, membership_queries = page_for(factories.member(district, factories.Role.STRATEGY_TEAM))
    assert ">Verwaltung</a>" in body
    assert len(membership_queries) == 1


def test_someone_without_a_role_sees_no_back_office_link() -> None:
    body, _queries = page_for(factories.UserFactory())
    assert ">Verwaltung</a>" not in body and "Mein Konto" in body
