"""Reads of strategy versions: which version to show to whom, and which districts have published one."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from kreiskurs.collation import natural
from kreiskurs.prepared import Prepared
from kreiskurs.territory.models import District

from ..models import (
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


def open_version(district: District) -> StrategyVersion | None:
    """The draft or the version in consultation, if any."""
    return (
        StrategyVersion.objects.filter(district=district, state__in=[VersionState.DRAFT, VersionState.CONSULTATION])
        .order_by("-number")
        .first()
    )


_CURRENT_AND_OPEN = Prepared(
    lambda district: (
        StrategyVersion.objects.filter(
            district_id=district, state__in=[VersionState.ADOPTED, VersionState.DRAFT, VersionState.CONSULTATION]
        )
        .select_related("strategy")
        .order_by("-number")
    ),
    district=int,
)


def current_and_open(district: District) -> tuple[StrategyVersion | None, StrategyVersion | None]:
    """:func:`current_version` and :func:`open_version` from one query (the back-office dashboard)."""
    current = opened = None
    for version in _CURRENT_AND_OPEN(district=district.pk):
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
