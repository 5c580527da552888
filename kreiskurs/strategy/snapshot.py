"""How strategy rows read in the audit log and in version comparisons.

Every compared value has two faces: a *key* that says whether it changed
(related rows by their identity — lineage for versioned elements, primary
key otherwise — so renaming a field of action does not "change" every measure
in it) and a *display* form people read. Stakeholders who are private persons
are never named here (these values reach the public comparison page).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.core.rows import display, row_values

#: a measure's details that are compared like fields
DETAIL_LABELS = {
    "participations": _("Beteiligte Gemeinden"),
    "milestones": _("Meilensteine"),
    "scores": _("Bewertung nach Kriterien"),
}


def identity(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(getattr(value, "lineage", "") or f"pk:{value.pk}")
    return value


def m2m_display(items: Iterable[models.Model]) -> list[str]:
    return sorted(str(display(item)) for item in items)


def compared_state(obj: Any) -> dict[str, tuple[Any, Any]]:
    """``{field: (key, display)}`` for every compared field of a versioned element
    (expects its relations prefetched)."""
    state: dict[str, tuple[Any, Any]] = {}
    for name in obj.compared_fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            items = list(getattr(obj, name).all())
            state[name] = (frozenset(identity(i) for i in items), m2m_display(items))
        else:
            raw = getattr(obj, name)
            state[name] = (identity(raw), row_values(obj, [name])[name])
    if hasattr(obj, "participations"):
        for name, (key, shown) in measure_details(obj).items():
            state[name] = (key, shown)
    return state


def measure_details(measure: Any) -> dict[str, tuple[Any, list[str]]]:
    """Participating municipalities, milestones and criteria scores of a measure."""
    participations = list(measure.participations.all())
    milestones = list(measure.milestones.all())
    scores = list(measure.scores.all())
    return {
        "participations": (
            frozenset((p.municipality_id, p.role) for p in participations),
            sorted(f"{p.municipality.name} ({p.get_role_display()})" for p in participations),
        ),
        "milestones": (
            frozenset((m.title, m.due, m.done_on) for m in milestones),
            sorted(f"{m.title} ({m.due or '–'} / {m.done_on or '–'})" for m in milestones),
        ),
        "scores": (
            frozenset((s.criterion.lineage, s.passed, s.score) for s in scores),
            sorted(
                f"{s.criterion.title}: {s.score if s.score is not None else ('ja' if s.passed else 'nein')}"
                for s in scores
            ),
        ),
    }
