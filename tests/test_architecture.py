"""Structural rules that keep the code base honest."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models

from kreiskurs.territory.models import District

ROOT = Path(__file__).resolve().parents[1] / "kreiskurs"

#: Models that are not owned by one district.
NOT_DISTRICT_OWNED = {"territory.District", "territory.OutsideArea", "accounts.User", "accounts.RateWindow"}


def kreiskurs_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("kreiskurs.") and not m._meta.auto_created]


@pytest.mark.parametrize("model", kreiskurs_models(), ids=lambda m: m._meta.label)
def test_every_district_owned_model_carries_its_district(model: type[models.Model]) -> None:
    if model._meta.label in NOT_DISTRICT_OWNED:
        return
    field = model._meta.get_field("district")
    assert field.is_relation and field.related_model is District, model._meta.label
    assert not field.null, f"{model._meta.label}.district must not be nullable"


#: app → the kreiskurs apps it may import (the dependency direction of CONVENTIONS.md)
ALLOWED = {
    "territory": set(),
    "audit": {"territory"},
    "accounts": {"territory", "audit"},
    "core": {"territory", "audit", "accounts"},
    "actors": {"core", "territory", "accounts", "audit"},
    "strategy": {"core", "territory", "accounts", "audit", "actors"},
    "portal": {"core", "territory", "accounts", "actors", "strategy"},
    "monitoring": {"core", "territory", "accounts", "audit", "strategy", "portal"},
    "evaluation": {"core", "territory", "accounts", "audit", "strategy", "monitoring", "portal", "participation"},
    "participation": {"core", "territory", "accounts", "audit", "actors", "strategy", "portal", "monitoring"},
    "initiatives": {"core", "territory", "accounts", "audit", "strategy", "portal"},
    "maturity": {"core", "territory", "accounts", "audit", "strategy", "portal", "monitoring", "initiatives"},
    "geo": {"core", "territory", "accounts", "audit", "strategy", "portal", "monitoring", "maturity", "initiatives"},
    "api": {"core", "territory", "accounts", "strategy", "monitoring", "participation"},
    "demo": {
        "territory",
        "accounts",
        "audit",
        "actors",
        "strategy",
        "monitoring",
        "evaluation",
        "participation",
        "initiatives",
        "maturity",
        "geo",
    },
}


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "kreiskurs" and len(parts) > 1 and parts[1] in ALLOWED:
                found.add(parts[1])
    return found


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_dependencies_point_one_way(app: str) -> None:
    bad = {}
    for path in (ROOT / app).rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        extra = imported_apps(path) - ALLOWED[app] - {app}
        if extra:
            bad[str(path.relative_to(ROOT))] = sorted(extra)
    assert not bad, f"forbidden imports: {bad}"
