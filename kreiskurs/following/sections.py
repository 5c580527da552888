"""The follow button on the public pages of a measure and a goal (see ``kreiskurs.core.sections``)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest

from kreiskurs.core.sections import register_section

from .models import Kind
from .selectors import public_element
from .services import is_following


def _button(request: HttpRequest, district: Any, kind: str, lineage: Any) -> dict[str, Any] | None:
    """The button, or nothing where a member previews an element that exists only in a draft."""
    user = request.user
    if user.is_authenticated:
        try:
            public_element(district, kind, str(lineage))
        except Http404:
            return None
    return {
        "district": district,
        "kind": kind,
        "key": str(lineage),
        "signed_in": user.is_authenticated,
        "may_follow": bool(getattr(user, "mail_address", "")),
        "following": is_following(user, kind, str(lineage)),
        "next": request.get_full_path(),
    }


@register_section("portal.measure", template="following/_follow.html", order=5)
def follow_measure(*, request: HttpRequest, district: Any, lineage: Any) -> dict[str, Any] | None:
    return _button(request, district, Kind.MEASURE, lineage)


@register_section("portal.goal", template="following/_follow.html", order=5)
def follow_goal(*, request: HttpRequest, district: Any, lineage: Any) -> dict[str, Any] | None:
    return _button(request, district, Kind.GOAL, lineage)
