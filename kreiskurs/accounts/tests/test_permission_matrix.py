"""Walks docs/permissions.md cell by cell against the rules."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import rules
from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from kreiskurs.accounts.models import Role
from kreiskurs.strategy import services
from tests import factories

MATRIX = Path(settings.PROJECT_DIR) / "docs" / "permissions.md"


def matrix_rows() -> list[tuple[str, str, dict[str, bool]]]:
    lines = [line for line in MATRIX.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    rows = []
    for line in lines[1:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        if set(cells[0]) <= {"-"}:
            continue
        expected = {role: cell == "yes" for role, cell in zip(header[2:], cells[2:], strict=True)}
        rows.append((cells[0], cells[1], expected))
    return rows


ROWS = matrix_rows()


def test_matrix_is_complete() -> None:
    """Every permission the code registers appears in the documented matrix."""
    registered = {name for name in rules.permissions.permissions if "." in name}
    documented = {perm for perm, _obj, _exp in ROWS}
    assert registered <= documented, f"undocumented permissions: {registered - documented}"


@pytest.fixture(scope="module")
def world(rows_for_module: Any) -> Iterator[dict[str, Any]]:
    """The districts, roles and objects of the matrix, built once for all its cells (the checks only read)."""
    with rows_for_module():
        yield _world()


def _world() -> dict[str, Any]:
    district = factories.DistrictFactory()
    other = factories.DistrictFactory()
    municipality = factories.MunicipalityFactory(district=district)
    other_municipality = factories.MunicipalityFactory(district=district)
    adopted = factories.adopted_strategy(district, measures=2)
    draft = services.start_revision(by=None, strategy=adopted.strategy)
    own, other_measure = draft_measures(draft)
    users: dict[str, Any] = {
        "anonymous": AnonymousUser(),
        "participant": factories.UserFactory(),
        "strategy_team": factories.member(district, Role.STRATEGY_TEAM),
        "steering": factories.member(district, Role.STEERING),
        "municipal_contact": factories.member(district, Role.MUNICIPAL_CONTACT, municipality=municipality),
        "measure_lead": factories.member(district, Role.MEASURE_LEAD, measure_lineage=own.lineage),
        "moderator": factories.member(district, Role.MODERATOR),
        "other team": factories.member(other, Role.STRATEGY_TEAM),
        "superuser": factories.UserFactory(is_superuser=True),
    }
    objects = {
        "district": district,
        "own measure in a draft": own,
        "other measure in a draft": other_measure,
        "measure in an adopted version": adopted_measure(adopted, own.lineage),
        "own municipality": municipality,
        "other municipality": other_municipality,
        # permissions on what belongs to no district (the installation's legal pages) take None
        "installation": None,
    }
    for label, kind, pseudonymous in [
        ("process in its ideas phase", "ideas", False),
        ("pseudonymous process in its ideas phase", "ideas", True),
        ("process in its information phase", "information", False),
        ("process in its commenting phase", "commenting", False),
        ("process in its prioritisation phase", "prioritisation", False),
        ("process in its statements phase", "statements", False),
        ("process in its survey phase", "survey", False),
    ]:
        objects[label] = factories.running_process(district, kind=kind, pseudonymous=pseudonymous)
    return {"users": users, "objects": objects}


def draft_measures(draft: Any) -> list[Any]:
    from kreiskurs.strategy.models import Measure

    return list(Measure.objects.filter(version=draft).order_by("code"))


def adopted_measure(version: Any, lineage: Any) -> Any:
    from kreiskurs.strategy.models import Measure

    return Measure.objects.get(version=version, lineage=lineage)


@pytest.mark.parametrize(("perm", "obj_label", "expected"), ROWS, ids=[f"{p}:{o}" for p, o, _ in ROWS])
@pytest.mark.django_db
def test_matrix_cell(world: dict[str, Any], perm: str, obj_label: str, expected: dict[str, bool]) -> None:
    obj = world["objects"][obj_label]
    actual = {role: rules.has_perm(perm, user, obj) for role, user in world["users"].items()}
    assert actual == expected
