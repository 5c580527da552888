"""What a measure profile shows of the version's own rows, rendered once per frozen version and language.

A measure of an adopted (or superseded, or released) version never changes: its objectives, fields
of action, goals, lead, period, funding, dependencies and criterion scores are the same on every
request, and reading them took five prefetch queries and most of the profile's template work
(issue 12). They are rendered as four fragments (``portal/_measure_facts.html``) and kept in
``StoredRendering`` (decision 0017) under the measure's id; what changes after adoption is rendered
live around them: the current phase and progress, the budget spent, the partners (named by the
actor registry), the milestones reached, the municipalities taking part, the sections of other apps.
A draft's facts are rendered on every request, as before.

The goal tree of the district home (every goal, linked) is frozen with the version in the same way:
:func:`goal_tree` keeps it rendered per version.
"""

from __future__ import annotations

import json

from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from kreiskurs.strategy import selectors
from kreiskurs.strategy.models import Measure, StrategyVersion
from kreiskurs.strategy.renderings import stored
from kreiskurs.territory.models import District

#: raised when the fragments' markup changes (stored renderings of the old markup are then rebuilt)
FACTS_FORMAT = 1
FRAGMENTS = ("first", "period", "rest", "scores")


#: raised when the goal tree's markup changes
GOAL_TREE_FORMAT = 1


def goal_tree(district: District, version: StrategyVersion, version_query: str) -> SafeString:
    """The version's goals as the linked tree of ``portal/_goal_tree.html``, kept if frozen."""

    def build() -> str:
        nodes = selectors.goal_tree(list(selectors.goals_of(version)))
        context = {"district": district, "nodes": nodes, "nested": False, "version_query": version_query}
        return render_to_string("portal/_goal_tree.html", context)

    with_district(version, district)
    return mark_safe(stored(version, kind="goal-tree", fmt=GOAL_TREE_FORMAT, language="", build=build))


def with_district(version: StrategyVersion, district: District) -> None:
    """Give ``version`` its district row (the stamp reads its Gebietsstand) without a query."""
    if version.district_id == district.pk and not StrategyVersion.district.is_cached(version):  # type: ignore[attr-defined]
        version.district = district


def measure_facts(
    district: District, version: StrategyVersion, measure: Measure, version_query: str
) -> dict[str, SafeString]:
    """The four fragments of ``measure``'s own rows, by name (see the module docstring)."""

    def build() -> str:
        prefetch_related_objects([measure], "fields_of_action", "goals", "dependencies", "scores__criterion")
        context = {"district": district, "measure": measure, "version_query": version_query}
        return json.dumps({name: render_to_string(f"portal/_measure_facts.html#{name}", context) for name in FRAGMENTS})

    with_district(version, district)
    fragments = json.loads(stored(version, kind="measure-facts", fmt=FACTS_FORMAT, part=measure.pk, build=build))
    return {name: mark_safe(fragments[name]) for name in FRAGMENTS}  # our own rendering, escaped when built
