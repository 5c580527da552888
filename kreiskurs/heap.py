"""Keep the worker's long-lived objects out of the garbage collector's full collections (issue 12).

A worker process holds some 200,000 objects that live as long as it does: modules, classes, URL
patterns, compiled templates, translation catalogues, the prepared statements' SQL. Every request
promotes a few thousand short-lived objects to the oldest generation, and each time they add up to
a quarter of it, Python runs a full collection that walks all of them again, a pause of tens of
milliseconds inside some request: under ``wrk`` the district home's p99 was 93 ms without, 65–71 ms
with the freeze, at the same throughput (``benchmarks/README.md``, issue 12 part 11).

``gc.freeze()`` moves every object alive at that moment into a permanent generation the collector
skips, the tool Python provides for this (``gc`` documentation; decision 0039). It runs after the
process has served its 1st, 10th, 100th and 1,000th request, each time after a full collection, so
that what the first requests load lazily (the URL resolver, templates, catalogues) is frozen too and
no garbage is: a frozen object is still freed when its last reference goes, only a reference cycle
that becomes garbage later stays until the process ends, and four times bounds that.
"""

from __future__ import annotations

import gc
from typing import Any

FREEZE_AFTER = frozenset({1, 10, 100, 1000})

_served = 0


def after_request(**_kwargs: Any) -> None:
    """``request_finished`` receiver: freeze the heap after the requests in ``FREEZE_AFTER``."""
    global _served
    _served += 1
    if _served in FREEZE_AFTER:
        gc.collect()
        gc.freeze()
