"""Reads of strategy versions: which version to show to whom, and which districts have published one."""

from __future__ import annotations

import functools
from typing import Any

import rules
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kreiskurs.collation import natural
from kreiskurs.prepared import Prepared, numbered, numbered_kinds
from kreiskurs.territory.models import District

from .. import renderings
from ..models import (
    Strategy,
    StrategyVersion,
    VersionState,
)
from ..models.versions import PUBLIC_STATES

_CURRENT = Prepared(
    lambda district: (
        StrategyVersion.objects.filter(district=district, state=VersionState.ADOPTED)
        .select_related("strategy")
        .order_by("-number")[:1]
    ),
    district=int,
)


def current_version(district: District) -> StrategyVersion | None:
    """The latest adopted version: what the district has decided (given its district row)."""
    version = _CURRENT.first(district=district.pk)
    if version is not None:
        StrategyVersion.district.field.set_cached_value(version, district)  # type: ignore[attr-defined]  # no query
    return version


#: the columns of a version with its strategy, each model's concrete fields in their order (``from_db``)
_VERSION_FIELDS = [f.attname for f in StrategyVersion._meta.concrete_fields]
_STRATEGY_FIELDS = [f.attname for f in Strategy._meta.concrete_fields]


def _with_kept(versions: QuerySet[StrategyVersion], language: str, kinds: dict[str, str]) -> QuerySet[Any]:
    annotations, kept = renderings.kept_columns(language, kinds)
    strategy = [f"strategy__{name}" for name in _STRATEGY_FIELDS]
    return versions.annotate(**annotations).values_list(*_VERSION_FIELDS, *strategy, *kept)


def _versions_read(district: District, rows: list[tuple[Any, ...]], db: str) -> list[StrategyVersion]:
    """The versions of rows of :func:`_with_kept`, in their order, each with its strategy, its district
    and its kept rows (``renderings.keep_preloaded``)."""
    by_version: dict[Any, list[tuple[Any, ...]]] = {}
    for row in rows:
        by_version.setdefault(row[0], []).append(row)
    versions, count = [], len(_VERSION_FIELDS)
    for own in by_version.values():
        version = StrategyVersion.from_db(db, _VERSION_FIELDS, own[0][:count])
        strategy = Strategy.from_db(db, _STRATEGY_FIELDS, own[0][count : count + len(_STRATEGY_FIELDS)])
        StrategyVersion.strategy.field.set_cached_value(version, strategy)  # type: ignore[attr-defined]
        StrategyVersion.district.field.set_cached_value(version, district)  # type: ignore[attr-defined]
        renderings.keep_preloaded(version, own)
        versions.append(version)
    return versions


@functools.cache
def _current_kept(count: int) -> Prepared[tuple[Any, ...]]:
    latest = StrategyVersion.objects.filter(district_id=OuterRef("district_id"), state=VersionState.ADOPTED)
    return Prepared(
        lambda district, language, **kinds: _with_kept(
            StrategyVersion.objects.filter(
                district_id=district, pk=Subquery(latest.order_by("-number").values("pk")[:1])
            ),
            language,
            kinds,
        ),
        district=int,
        language=str,
        **numbered_kinds("kind", count, str),
    )


def current_version_kept(district: District, kinds: tuple[str, ...]) -> StrategyVersion | None:
    """:func:`current_version` with its kept rows ``kinds`` read in the same statement (what
    ``renderings.preload`` would read in one more)."""
    found = _current_kept(len(kinds))(district=district.pk, language=get_language() or "", **numbered("kind", kinds))
    versions = _versions_read(district, list(found), found.db)
    return versions[0] if versions else None


def open_version(district: District) -> StrategyVersion | None:
    """The draft or the version in consultation, if any."""
    return (
        StrategyVersion.objects.filter(district=district, state__in=[VersionState.DRAFT, VersionState.CONSULTATION])
        .order_by("-number")
        .first()
    )


def _current_and_open(district: int) -> QuerySet[StrategyVersion]:
    return StrategyVersion.objects.filter(
        district_id=district, state__in=[VersionState.ADOPTED, VersionState.DRAFT, VersionState.CONSULTATION]
    ).order_by("-number")


_CURRENT_AND_OPEN = Prepared(lambda district: _current_and_open(district).select_related("strategy"), district=int)


@functools.cache
def _current_and_open_kept(count: int) -> Prepared[tuple[Any, ...]]:
    return Prepared(
        lambda district, language, **kinds: _with_kept(_current_and_open(district), language, kinds),
        district=int,
        language=str,
        **numbered_kinds("kind", count, str),
    )


def current_and_open(
    district: District, kept: tuple[str, ...] = ()
) -> tuple[StrategyVersion | None, StrategyVersion | None]:
    """:func:`current_version` and :func:`open_version` from one query (the back-office dashboard), the
    current one with its kept rows ``kept`` (``renderings.preload``) read in the same statement."""
    if kept:
        language = get_language() or ""
        found = _current_and_open_kept(len(kept))(district=district.pk, language=language, **numbered("kind", kept))
        versions: Any = _versions_read(district, list(found), found.db)
    else:
        versions = _CURRENT_AND_OPEN(district=district.pk)
    current = opened = None
    for version in versions:
        if version.state == VersionState.ADOPTED:
            current = current or version
        else:
            opened = opened or version
    return current, opened


def version_for(district: District, user: Any, number: int | str | None) -> StrategyVersion:
    """The version a page shows: ``number`` if the user may see it, else the current one.

    Raises 404 when the version does not exist or is not visible, so a
    guessed number reveals nothing.
    """
    if number in (None, ""):
        version = current_version(district)
        if version is None:
            raise Http404(_("Keine veröffentlichte Strategie"))
        return version
    try:
        n = int(number)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise Http404(_("Ungültige Version")) from None
    if not 0 < n <= MAX_NUMBER:  # no such version (and none the database could compare)
        raise Http404(_("Version nicht gefunden"))
    if _public_only(user):  # visitors: the same statement on every request (prepared)
        version = _PUBLIC_NUMBERED.first(district=district.pk, number=n)
    else:
        version = (
            StrategyVersion.objects.visible_to(user)
            .filter(district=district, number=n)
            .select_related("strategy")
            .first()
        )
    if version is None:
        raise Http404(_("Version nicht gefunden"))
    StrategyVersion.district.field.set_cached_value(version, district)  # type: ignore[attr-defined]  # no query
    return version


#: the largest version number the column holds (``PositiveIntegerField``)
MAX_NUMBER = 2_147_483_647


def _public_only(user: Any) -> bool:
    """Whether ``user`` sees the public versions only (``visible_to``): a visitor, signed in or not, of no
    district; those reads are the same for everyone and prepared. Members and admins read as before."""
    return not getattr(user, "is_authenticated", False)


def _adoptions() -> QuerySet[Any]:
    from ..models import Adoption

    return Adoption.objects.select_related("municipality").order_by("date", "id")


_PUBLIC_NUMBERED = Prepared(
    lambda district, number: StrategyVersion.objects.filter(
        district_id=district, number=number, state__in=PUBLIC_STATES
    ).select_related("strategy")[:1],
    district=int,
    number=int,
)
_PUBLIC_VERSIONS = Prepared(
    lambda district: (
        StrategyVersion.objects.filter(district_id=district, state__in=PUBLIC_STATES)
        .select_related("based_on")
        .prefetch_related(Prefetch("adoptions", queryset=_adoptions()))
        .order_by("-number")
    ),
    district=int,
)


def versions_visible_to(district: District, user: Any) -> QuerySet[StrategyVersion]:
    if _public_only(user):
        return _PUBLIC_VERSIONS(district=district.pk)
    return (
        StrategyVersion.objects.visible_to(user)
        .filter(district=district)
        .select_related("based_on")
        .prefetch_related(Prefetch("adoptions", queryset=_adoptions()))
        .order_by("-number")
    )


def districts_with_published_strategy() -> QuerySet[District]:
    return District.objects.filter(strategy_versions__state=VersionState.ADOPTED).distinct().order_by(natural("name"))


def can_view_internal(user: Any, district: District) -> bool:
    return bool(rules.has_perm("strategy.view_internal", user, district))
