"""The demo district is complete, realistic and marked as example content."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from kreiskurs.accounts.models import Membership, Role, User
from kreiskurs.demo import content
from kreiskurs.participation.models import Process
from kreiskurs.participation.selectors.representativeness import of_process
from kreiskurs.strategy.comparison import compare_versions
from kreiskurs.strategy.models import FieldOfAction, Goal, Measure, StrategyVersion, VersionState

pytestmark = pytest.mark.django_db


def test_load_demo_builds_the_example_strategy_once() -> None:
    out = StringIO()
    call_command("load_demo", stdout=out)
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


def test_every_role_has_a_demo_account() -> None:
    call_command("load_demo", stdout=StringIO())
    roles = set(Membership.objects.filter(district__key="05558").values_list("role", flat=True))
    assert roles == set(Role.values)
    assert User.objects.get(username="admin").is_superuser
    assert not Membership.objects.filter(user__username="buerger").exists()


def test_an_existing_admin_account_is_left_alone() -> None:
    User.objects.create_user(username="admin", password="eigenes-passwort-123")
    call_command("load_demo", stdout=StringIO())
    admin = User.objects.get(username="admin")
    assert admin.check_password("eigenes-passwort-123") and not admin.is_superuser
