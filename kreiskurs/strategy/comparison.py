"""Comparing two versions of a strategy, element by element, matched by lineage."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from .comparison_keys import differing
from .models import BaselineSection, FieldOfAction, Goal, Measure, StrategyVersion, SwotItem, Value
from .snapshot import DETAIL_LABELS, compared_state

COMPARED_KINDS: tuple[tuple[str, Any, type[models.Model], tuple[str, ...]], ...] = (
    ("fields", _("Handlungsfelder"), FieldOfAction, ()),
    ("goals", _("Ziele"), Goal, ("parent", "field")),
    ("measures", _("Maßnahmen"), Measure, ()),
    ("values", _("Werte"), Value, ()),
    ("baseline", _("Ausgangslage: Abschnitte"), BaselineSection, ("field",)),
    ("swot", _("Ausgangslage: SWOT-Befunde"), SwotItem, ()),
)
#: beyond this many lineages the version's rows are read whole and picked in Python
#: (SQLite limits the parameters of one statement)
LINEAGES_IN_QUERY = 900
MEASURE_PREFETCH = (
    "fields_of_action",
    "goals",
    "partners",
    "dependencies",
    "participations__municipality",
    "milestones",
    "scores__criterion",
)


def word_diff(old: str, new: str) -> tuple[list[tuple[bool, str]], list[tuple[bool, str]]]:
    """Both texts as segments ``(changed, text)``, so a page can mark only what changed."""
    a, b = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    left: list[tuple[bool, str]] = []
    right: list[tuple[bool, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if i2 > i1:
            left.append((op != "equal", "".join(a[i1:i2])))
        if j2 > j1:
            right.append((op != "equal", "".join(b[j1:j2])))
    return left, right


def as_text(value: Any) -> str:
    """How a value reads in a comparison: lists joined, empty as a dash."""
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    if value is None or value == "":
        return "–"
    return str(value)


@dataclass
class FieldChange:
    name: str
    label: str
    old: Any
    new: Any

    @property
    def old_text(self) -> str:
        return as_text(self.old)

    @property
    def new_text(self) -> str:
        return as_text(self.new)

    @property
    def segments(self) -> tuple[list[tuple[bool, str]], list[tuple[bool, str]]] | None:
        """Word-level diff for longer texts; None where old → new reads better whole."""
        if isinstance(self.old, str) and isinstance(self.new, str) and len(self.old) + len(self.new) > 80:
            return word_diff(self.old, self.new)
        return None


@dataclass
class ElementChange:
    old: Any
    new: Any
    changes: list[FieldChange]


@dataclass
class KindDiff:
    key: str
    label: str
    added: list[Any] = field(default_factory=list)
    removed: list[Any] = field(default_factory=list)
    changed: list[ElementChange] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


@dataclass
class VersionDiff:
    old: StrategyVersion
    new: StrategyVersion
    vision: list[FieldChange]
    kinds: list[KindDiff]

    @property
    def is_empty(self) -> bool:
        return not self.vision and all(k.is_empty for k in self.kinds)


def _rows(
    model: type[models.Model], version: StrategyVersion, related: tuple[str, ...], lineages: set[Any], details: bool
) -> dict[Any, Any]:
    """The elements of ``version`` with these lineages (with their relations when ``details``)."""
    if not lineages:
        return {}
    qs = model._default_manager.filter(version=version)
    if len(lineages) <= LINEAGES_IN_QUERY:
        qs = qs.filter(lineage__in=lineages)
    if related:
        qs = qs.select_related(*related)
    if details and model is Measure:
        qs = qs.prefetch_related(*MEASURE_PREFETCH)
    elif details:  # a goal's findings, a finding's fields of action
        qs = qs.prefetch_related(*(f.name for f in model._meta.many_to_many))
    rows: list[Any] = list(qs)
    return {row.lineage: row for row in rows if row.lineage in lineages}


def _label(model: type[models.Model], name: str) -> str:
    if name in DETAIL_LABELS:
        return str(DETAIL_LABELS[name])
    return str(getattr(model._meta.get_field(name), "verbose_name", name))


def _field_changes(model: type[models.Model], old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    """Changed fields; ``old``/``new`` map field → (key, display), compared by key."""
    return [
        FieldChange(name, _label(model, name), old[name][1], new[name][1])
        for name in new
        if name in old and old[name][0] != new[name][0]
    ]


def compare_versions(old: StrategyVersion, new: StrategyVersion) -> VersionDiff:
    """What was added, removed and changed from ``old`` to ``new`` (a fixed number of queries).

    Which elements differ is decided on flat rows (``comparison_keys``); only those
    are loaded as model instances, with their relations where a field changed."""
    vision = _field_changes(
        StrategyVersion,
        {"vision_title": (old.vision_title,) * 2, "vision_text": (old.vision_text,) * 2},
        {"vision_title": (new.vision_title,) * 2, "vision_text": (new.vision_text,) * 2},
    )
    kinds = []
    for key, label, model, related in COMPARED_KINDS:
        added, removed, candidates = differing(model, old, new)
        diff = KindDiff(key, str(label))
        diff.added = list(_rows(model, new, (), added, details=False).values())
        diff.removed = list(_rows(model, old, (), removed, details=False).values())
        before = _rows(model, old, related, candidates, details=True)
        after = _rows(model, new, related, candidates, details=True)
        for lineage in after.keys() & before.keys():
            changes = _field_changes(model, compared_state(before[lineage]), compared_state(after[lineage]))
            if changes:
                diff.changed.append(ElementChange(before[lineage], after[lineage], changes))
        diff.changed.sort(key=lambda c: str(c.new))
        kinds.append(diff)
    return VersionDiff(old, new, vision, kinds)
