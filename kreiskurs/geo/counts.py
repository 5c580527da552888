"""The map's count layer: how many measures of the current version each municipality takes part in."""

from __future__ import annotations

import json

from kreiskurs.strategy import selectors as strategy_selectors
from kreiskurs.strategy.models import StrategyVersion
from kreiskurs.strategy.renderings import stored
from kreiskurs.territory.models import District

#: raise when what the stored count layer holds changes
COUNTS_FORMAT = 1


def measure_counts(district: District, version: StrategyVersion | None) -> dict[int, int]:
    """Per municipality id: how many measures of ``version`` it takes part in (``participation_counts``:
    the same truth as the measure and municipality pages, the version's rows and joins and leaves since).

    A frozen version's counts are kept (``StoredRendering``) under the district's generation: its rows
    never change, and every join, leave and decision on a request is an audited write, which moves the
    generation on. One row instead of every participation of the strategy per request."""
    if version is None:
        return {}
    content = stored(
        version,
        kind="map:counts",
        fmt=COUNTS_FORMAT,
        language="",
        stamp=f"{COUNTS_FORMAT}:{district.generation}",
        build=lambda: json.dumps(strategy_selectors.participation_counts(version)),
    )
    return {int(pk): n for pk, n in json.loads(content).items()}
