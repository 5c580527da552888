"""Which elements differ between two versions, from flat rows (no model instances).

``compare_versions`` used to load every element of both versions with all its
relations as model instances and build its displayed state, although a
revision changes few of them. Here the *keys* of the compared state (the same
ones ``snapshot.compared_state`` compares: raw values, related rows by
lineage or primary key, sets for many-to-many fields and a measure's details)
are read with ``values_list``, one query per relation for both versions, and
only the elements whose keys differ are loaded for display.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from django.db import models

from .models import CriterionScore, Measure, MeasureMunicipality, Milestone, StrategyVersion

Keys = dict[tuple[int, uuid.UUID], dict[str, Any]]


def _has_lineage(model: Any) -> bool:
    return any(f.name == "lineage" for f in model._meta.get_fields())


def _related_identity(model: Any, path: str) -> tuple[str, bool]:
    """The lookup giving a related row's identity (``snapshot.identity``): lineage, else the key."""
    return (f"{path}__lineage", False) if _has_lineage(model) else (f"{path}_id", True)


def _identity(value: Any, by_pk: bool) -> Any:
    if value is None:
        return None
    return f"pk:{value}" if by_pk else str(value)


def element_keys(model: type[models.Model], versions: list[StrategyVersion]) -> Keys:
    """``{(version pk, lineage): {field: key}}`` for every element of ``model`` in ``versions``."""
    ids = [v.pk for v in versions]
    scalar: list[tuple[str, str, bool | None]] = []  # (field, lookup, by_pk or None for plain values)
    many: list[models.ManyToManyField[Any, Any]] = []
    for name in model.compared_fields:  # type: ignore[attr-defined]
        field = model._meta.get_field(name)
        if field.many_to_many:
            many.append(field)  # type: ignore[arg-type]
        elif field.is_relation:
            lookup, by_pk = _related_identity(field.related_model, name)
            scalar.append((name, lookup, by_pk))
        else:
            scalar.append((name, name, None))
    keys: Keys = {}
    for row in model._default_manager.filter(version_id__in=ids).values_list(
        "version_id", "lineage", *[lookup for _, lookup, _ in scalar]
    ):
        keys[(row[0], row[1])] = {
            name: (value if by_pk is None else _identity(value, by_pk))
            for (name, _, by_pk), value in zip(scalar, row[2:], strict=True)
        }
    for field in many:
        sets: dict[tuple[int, uuid.UUID], set[Any]] = defaultdict(set)
        through: Any = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        lookup, by_pk = _related_identity(field.related_model, target)
        for version_id, lineage, value in through._default_manager.filter(
            **{f"{source}__version_id__in": ids}
        ).values_list(f"{source}__version_id", f"{source}__lineage", lookup):
            sets[(version_id, lineage)].add(_identity(value, by_pk))
        for key, state in keys.items():
            state[field.name] = frozenset(sets.get(key, ()))
    if model is Measure:
        _add_details(keys, ids)
    return keys


def _add_details(keys: Keys, ids: list[int]) -> None:
    """A measure's participating municipalities, milestones and criteria scores (``snapshot.measure_details``)."""
    details: dict[str, tuple[type[models.Model], tuple[str, ...]]] = {
        "participations": (MeasureMunicipality, ("municipality_id", "role")),
        "milestones": (Milestone, ("title", "due", "done_on")),
        "scores": (CriterionScore, ("criterion__lineage", "passed", "score")),
    }
    for name, (model, columns) in details.items():
        sets: dict[tuple[int, uuid.UUID], set[Any]] = defaultdict(set)
        for row in model._default_manager.filter(measure__version_id__in=ids).values_list(
            "measure__version_id", "measure__lineage", *columns
        ):
            sets[(row[0], row[1])].add(tuple(row[2:]))
        for key, state in keys.items():
            state[name] = frozenset(sets.get(key, ()))


def differing(
    model: type[models.Model], old: StrategyVersion, new: StrategyVersion
) -> tuple[set[Any], set[Any], set[Any]]:
    """Lineages (added, removed, changed) of ``model``'s elements from ``old`` to ``new``."""
    keys = element_keys(model, [old, new])
    before = {lineage: state for (version_id, lineage), state in keys.items() if version_id == old.pk}
    after = {lineage: state for (version_id, lineage), state in keys.items() if version_id == new.pk}
    added = after.keys() - before.keys()
    removed = before.keys() - after.keys()
    changed = {lineage for lineage in after.keys() & before.keys() if after[lineage] != before[lineage]}
    return set(added), set(removed), changed
