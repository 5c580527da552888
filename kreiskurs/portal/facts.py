"""What a measure profile shows of the version's own rows, rendered once per frozen version and language.

A measure of an adopted (or superseded, or released) version never changes: its objectives, fields
of action, goals, lead, period, funding, dependencies and criterion scores are the same on every
request, and reading them took five prefetch queries and most of the profile's template work
(issue 12). They are rendered as four fragments (``portal/_measure_facts.html``) and kept in
``StoredRendering`` (decision 0017) under the measure's id; what changes after adoption is rendered
live around them: the current phase and progress, the budget spent, the partners (named by the
actor registry), the milestones reached, the municipalities taking part, the sections of other apps.
A draft's facts are rendered on every request, as before.
"""

from __future__ import annotations

import json

from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from kreiskurs.strategy.models import Measure, StrategyVersion
from kreiskurs.strategy.renderings import stored
from kreiskurs.territory.models import District

#: raised when the fragments' markup changes (stored renderings of the old markup are then rebuilt)
FACTS_FORMAT = 1
FRAGMENTS = ("first", "period", "rest", "scores")


def measure_facts(
    district: District, version: StrategyVersion, measure: Measure, version_query: str
) -> dict[str, SafeString]:
    """The four fragments of ``measure``'s own rows, by name (see the module docstring)."""

    def build() -> str:
        prefetch_related_objects([measure], "fields_of_action", "goals", "dependencies", "scores__criterion")
        context = {"district": district, "measure": measure, "version_query": version_query}
        return json.dumps({name: render_to_string(f"portal/_measure_facts.html#{name}", context) for name in FRAGMENTS})

    if version.district_id == district.pk and not StrategyVersion.district.is_cached(version):
        version.district = district  # the same row: the stamp reads its Gebietsstand without a query
    fragments = json.loads(stored(version, kind="measure-facts", fmt=FACTS_FORMAT, part=measure.pk, build=build))
    return {name: mark_safe(fragments[name]) for name in FRAGMENTS}  # our own rendering, escaped when built
