"""Human-readable field values of strategy rows, shared by the audit log and comparisons."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models


def display(value: Any) -> Any:
    """How one value reads in a diff: related rows by their name, the rest as is."""
    if isinstance(value, models.Model):
        return str(value)
    return value


def m2m_display(items: Iterable[models.Model]) -> list[str]:
    return sorted(str(item) for item in items)


def row_values(obj: models.Model, names: Iterable[str]) -> dict[str, Any]:
    """Concrete fields (and foreign keys, as their name) of ``obj``."""
    result = {}
    for name in names:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            continue
        value = getattr(obj, name)
        if getattr(field, "choices", None) and not field.is_relation:
            value = getattr(obj, f"get_{name}_display")()
        result[name] = display(value)
    return result


def element_values(obj: Any) -> dict[str, Any]:
    """All compared fields of a versioned element, M2M included (expects prefetched relations)."""
    values = {}
    for name in obj.compared_fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            values[name] = m2m_display(getattr(obj, name).all())
        else:
            values.update(row_values(obj, [name]))
    return values
