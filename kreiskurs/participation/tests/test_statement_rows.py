"""The statements page gives each votable statement its own vote form, the bot trap rendered once per page."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from kreiskurs.accounts.models import Role
from kreiskurs.participation.services import statements as services
from tests import factories

pytestmark = pytest.mark.django_db


def test_each_votable_statement_has_a_form_with_its_own_trap_ids() -> None:
    process = factories.running_process(kind="statements")
    team = factories.member(process.district, Role.STRATEGY_TEAM)
    statements = [services.add_statement(by=team, process=process, text=f"These {n}") for n in range(3)]
    user = factories.UserFactory()
    factories.participant(process.district, user, name="Anna")
    client = Client()
    client.force_login(user)
    body = client.get(f"/{process.district.slug}/beteiligung/{process.pk}/thesen/").content.decode()
    assert len(re.findall(r'<label for="s\d+-website">', body)) == 3  # one vote form per statement
    for statement in statements:
        trap = f'<label for="s{statement.pk}-website">'
        assert body.count(trap) == 1 and body.count(f'id="s{statement.pk}-website"') == 1
    assert not re.search(r'"s0-', body)
