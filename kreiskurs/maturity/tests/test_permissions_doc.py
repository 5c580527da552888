"""Walks the permission rows of docs/maturity.md (to be copied into docs/permissions.md) against the rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import rules
from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from kreiskurs.accounts.models import Role
from tests import factories

DOC = Path(settings.PROJECT_DIR) / "docs" / "maturity.md"
ROLES = [
    "anonymous",
    "participant",
    "strategy_team",
    "steering",
    "municipal_contact",
    "measure_lead",
    "moderator",
    "other team",
    "superuser",
]


def rows() -> list[tuple[str, str, dict[str, bool]]]:
    section = DOC.read_text(encoding="utf-8").split("## Permissions", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("| ")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    assert header[2:] == ROLES, "columns must match docs/permissions.md"
    found = []
    for line in lines[1:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        if set(cells[0]) <= {"-"}:
            continue
        found.append((cells[0], cells[1], {role: cell == "yes" for role, cell in zip(ROLES, cells[2:], strict=True)}))
    return found


ROWS = rows()


def test_every_maturity_permission_is_documented() -> None:
    registered = {name for name in rules.permissions.permissions if name.startswith("maturity.")}
    assert registered == {perm for perm, _obj, _exp in ROWS}


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    district = factories.DistrictFactory()
    own = factories.MunicipalityFactory(district=district)
    other = factories.MunicipalityFactory(district=district)
    users = {
        "anonymous": AnonymousUser(),
        "participant": factories.UserFactory(),
        "strategy_team": factories.member(district, Role.STRATEGY_TEAM),
        "steering": factories.member(district, Role.STEERING),
        "municipal_contact": factories.member(district, Role.MUNICIPAL_CONTACT, municipality=own),
        "measure_lead": factories.member(
            district, Role.MEASURE_LEAD, measure_lineage="6f1c1a52-0000-4000-8000-000000000001"
        ),
        "moderator": factories.member(district, Role.MODERATOR),
        "other team": factories.member(factories.DistrictFactory(), Role.STRATEGY_TEAM),
        "superuser": factories.UserFactory(is_superuser=True),
    }
    return {"users": users, "objects": {"district": district, "own municipality": own, "other municipality": other}}


@pytest.mark.parametrize(("perm", "obj_label", "expected"), ROWS, ids=[f"{p}:{o}" for p, o, _ in ROWS])
def test_permission_cell(world: dict[str, Any], perm: str, obj_label: str, expected: dict[str, bool]) -> None:
    obj = world["objects"][obj_label]
    assert {role: rules.has_perm(perm, user, obj) for role, user in world["users"].items()} == expected
