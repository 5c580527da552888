"""Role predicates: the one place that knows who holds which role where.

Other apps build their permissions from these predicates. Memberships are
read once per user object and cached on it, so a page that asks many
questions costs one query; the session's user comes with them already
(``backends.active_user``), so a signed-in request costs none.
"""

from __future__ import annotations

from typing import Any

import rules

from kreiskurs.prepared import Prepared
from kreiskurs.territory.models import District

from .models import Membership, Role

_OF_USER = Prepared(lambda user: Membership.objects.filter(user=user).select_related("district"), user=int)

_CACHE = "_kreiskurs_memberships"


def memberships(user: Any) -> list[Membership]:
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE, None)
    if cached is None:  # with their districts: a member's district page needs no query of its own
        cached = list(_OF_USER(user=user.pk))
        setattr(user, _CACHE, cached)
    return cached


def member_district(user: Any, slug: str) -> District | None:
    """The district ``slug`` as read with the user's memberships (no query of its own), if a member."""
    return next((m.district for m in memberships(user) if m.district.slug == slug), None)


def keep_memberships(user: Any, rows: list[Membership]) -> None:
    """``rows`` (with their districts) are ``user``'s memberships, read with the user (``backends``)."""
    setattr(user, _CACHE, rows)


def forget_memberships(user: Any) -> None:
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)


def district_id_of(obj: Any) -> int | None:
    """The district of a district, or of any district-owned row."""
    if obj is None:
        return None
    if isinstance(obj, District):
        return obj.pk
    return getattr(obj, "district_id", None)


def roles_in(user: Any, obj: Any) -> set[str]:
    district_id = district_id_of(obj)
    return {m.role for m in memberships(user) if m.district_id == district_id}


@rules.predicate
def is_superuser(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False))


@rules.predicate
def is_strategy_team(user: Any, obj: Any) -> bool:
    return Role.STRATEGY_TEAM in roles_in(user, obj)


@rules.predicate
def is_steering_member(user: Any, obj: Any) -> bool:
    return Role.STEERING in roles_in(user, obj)


@rules.predicate
def is_moderator(user: Any, obj: Any) -> bool:
    return Role.MODERATOR in roles_in(user, obj)


@rules.predicate
def is_district_member(user: Any, obj: Any) -> bool:
    """Any role in the district: sees its internal (unpublished) data."""
    return bool(roles_in(user, obj))


@rules.predicate
def is_measure_lead(user: Any, measure: Any) -> bool:
    lineage = getattr(measure, "lineage", None)
    return lineage is not None and any(
        m.role == Role.MEASURE_LEAD and m.measure_lineage == lineage and m.district_id == measure.district_id
        for m in memberships(user)
    )


@rules.predicate
def is_contact_of_municipality(user: Any, municipality: Any) -> bool:
    """The user is the municipal contact of exactly this municipality."""
    return any(
        m.role == Role.MUNICIPAL_CONTACT and m.municipality_id == getattr(municipality, "pk", None)
        for m in memberships(user)
    )


def is_staff_anywhere(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False) or memberships(user))


def member_district_ids(user: Any) -> set[int]:
    return {m.district_id for m in memberships(user)}


rules.add_perm("accounts.manage_memberships", is_superuser | is_strategy_team)
# The audit log is read with the same reach as the back office (audit sits below accounts).
rules.add_perm("audit.view_log", is_superuser | is_district_member)
