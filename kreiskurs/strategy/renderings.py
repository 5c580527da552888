"""What is rendered from a frozen version is rendered once and kept (``StoredRendering``).

An adopted or superseded version never changes again (decision 0002), so its
print view, its API document and the comparison between two frozen versions
are the same on every request. :func:`stored` answers them from the table and
renders only on the first request (per language and part); versions that can
still change (a draft, a consultation that may go back into draft) are
rendered live on every request. The pages stay fast without the page cache,
for logged-in users too, and after any change of the district's other data.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from django.db.models import FilteredRelation, OuterRef, Q, Subquery
from django.utils.translation import get_language

from kreiskurs.prepared import Prepared, numbered, numbered_kinds

from .models import StatusReport, StoredRendering, StrategyVersion, VersionState

#: versions whose rows never change again
FROZEN_STATES = (VersionState.ADOPTED, VersionState.SUPERSEDED)


def is_frozen(version: StrategyVersion) -> bool:
    return version.state in FROZEN_STATES


def stamp_for(version: StrategyVersion, fmt: int) -> str:
    """What a rendering depends on besides the version's rows: the output format of the code
    that renders it (``fmt``, raised when that output changes), the version's state (an adopted
    version links without ``?version=``, a superseded one with it) and the district's Gebietsstand
    (a territory import with a new one may rename municipalities)."""
    return f"{fmt}:{version.state}:{version.district.reference_date.isoformat()}"


#: the attributes of a version instance holding what :func:`preload` read
PRELOADED = "_preloaded_renderings"
NEWEST_REPORT = "_preloaded_newest_report"


def kept_columns(language: str, kinds: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    """For a query of versions: the annotations and the columns of each version's kept rows ``kinds``
    (part 0, in ``language`` or without one: what :func:`preload` reads) and of the district's newest
    status report; a version row once per kept row, once with empty kept columns when none is kept. For a
    page that reads its version anyway: the kept rows come in that statement (:func:`keep_preloaded`)."""
    newest = StatusReport.objects.filter(district_id=OuterRef("district_id")).order_by("-id").values("id")[:1]
    languages = [language, ""]
    condition = Q(renderings__kind__in=list(kinds.values()), renderings__part=0, renderings__language__in=languages)
    annotations = {"kept": FilteredRelation("renderings", condition=condition), "newest_report": Subquery(newest)}
    return annotations, ["kept__kind", "kept__language", "kept__part", "kept__stamp", "kept__content", "newest_report"]


def keep_preloaded(version: StrategyVersion, rows: list[tuple[Any, ...]]) -> None:
    """Keep on ``version`` what :func:`preload` would read, from the rows of its :func:`kept_columns`
    (the last six columns of each row), for the :func:`stored` calls of this request."""
    if not is_frozen(version):
        return
    kept = {(row[-6], row[-5], row[-4]): (row[-3], row[-2]) for row in rows if row[-6] is not None}
    setattr(version, PRELOADED, kept)
    setattr(version, NEWEST_REPORT, rows[0][-1] or 0)


def preload(version: StrategyVersion, kinds: tuple[str, ...]) -> None:
    """Read the stored renderings ``kinds`` of a frozen ``version`` (part 0; the active language and
    the language-free ones) in one query, for the :func:`stored` calls of this request that follow
    (a page that reads several, e.g. the district home's roll-up, outline and key figures).
    Kept on this instance only: the next request reads again. A kind not stored yet is read and
    built by :func:`stored` as before.

    Each row also carries the id of the district's newest status report, which the stamp of the
    kept implementation figures names (``selectors.timeline_stamp``): one index seek a row, and no
    statement of its own on a page that shows them."""
    if not is_frozen(version):
        return
    rows = list(_preloaded(len(kinds))(version=version.pk, language=get_language() or "", **numbered("kind", kinds)))
    setattr(
        version,
        PRELOADED,
        {(kind, language, part): (stamp, content) for kind, language, part, stamp, content, _newest in rows},
    )
    if rows:  # none stored yet (the first request): timeline_stamp reads it itself
        setattr(version, NEWEST_REPORT, rows[0][5] or 0)


@functools.cache
def _preloaded(count: int) -> Prepared[tuple[str, str, int, str, str, int | None]]:
    """The rows :func:`preload` reads for ``count`` kinds (parameters ``kind0`` …)."""
    newest = StatusReport.objects.filter(district_id=OuterRef("district_id")).order_by("-id").values("id")[:1]
    return Prepared(
        lambda version, language, **kinds: (
            StoredRendering.objects.filter(
                version_id=version, kind__in=list(kinds.values()), part=0, language__in=[language, ""]
            )
            .annotate(newest_report=Subquery(newest))  # along the index status_report_newest
            .values_list("kind", "language", "part", "stamp", "content", "newest_report")
        ),
        version=int,
        language=str,
        **numbered_kinds("kind", count, str),
    )


_ROW = Prepared(
    lambda version, kind, language, part: StoredRendering.objects.filter(
        version_id=version, kind=kind, language=language, part=part
    ).values_list("stamp", "content")[:1],
    version=int,
    kind=str,
    language=str,
    part=int,
)


def stored(
    version: StrategyVersion,
    *,
    kind: str,
    fmt: int,
    build: Callable[[], str],
    part: int = 0,
    language: str | None = None,
    stamp: str | None = None,
) -> str:
    """The rendering ``kind`` (part ``part``) of ``version`` in the active language
    (or in ``language``: "" for a rendering without translated text). ``stamp``
    replaces :func:`stamp_for` where the rendering depends on something else.

    Frozen versions: read from the table, built and written on the first request
    (two workers racing both build it; the unique constraint keeps one row).
    Other versions: ``build()`` on every call, nothing is stored.
    """
    if not is_frozen(version):
        return build()
    stamp = stamp if stamp is not None else stamp_for(version, fmt)
    if language is None:
        language = get_language() or ""
    key = {"version": version, "kind": kind, "language": language, "part": part}
    preloaded: dict[tuple[str, str, int], tuple[str, str]] | None = getattr(version, PRELOADED, None)
    if preloaded is not None and (kind, language, part) in preloaded:
        row: tuple[str, str] | None = preloaded[(kind, language, part)]
    else:
        row = _ROW.first(version=version.pk, kind=kind, language=language, part=part)
    if row is not None and row[0] == stamp:
        return row[1]
    content = build()
    values = {"district_id": version.district_id, "stamp": stamp, "content": content}
    if row is not None:  # stored by an older format or Gebietsstand
        StoredRendering.objects.filter(**key).update(**values)
        return content
    # one INSERT … ON CONFLICT DO NOTHING: a worker that stored it meanwhile stored the same content
    StoredRendering.objects.bulk_create([StoredRendering(**key, **values)], ignore_conflicts=True)
    return content


def forget(version: StrategyVersion) -> int:
    """Drop the stored renderings of ``version`` (e.g. after a change of the rendering code)."""
    deleted, _ = StoredRendering.objects.filter(version=version).delete()
    return deleted


def kept(version: StrategyVersion, kind: str, fmt: int, build: Callable[[], Any], *, territorial: bool = False) -> Any:
    """``build()``'s JSON value, for a frozen version kept as its stored rendering ``kind`` (no
    translated text) under the format ``fmt`` alone: what it is built from is frozen with the version.
    ``territorial``: it also names the district's municipalities, so it is stamped like a rendering
    (:func:`stamp_for`: state and Gebietsstand too)."""
    stamp = None if territorial else str(fmt)
    return json.loads(stored(version, kind=kind, fmt=fmt, language="", stamp=stamp, build=lambda: json.dumps(build())))
