"""The follow button on the public pages of a measure and a goal (see ``kreiskurs.core.sections``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kreiskurs.core.sections import register_section

from .models import Kind
from .services import is_following


def _button(request: HttpRequest, district: Any, kind: str, lineage: Any) -> dict[str, Any]:
    user = request.user
    return {
        "district": district,
        "kind": kind,
        "key": str(lineage),
        "label": Kind(kind).label,
        "signed_in": user.is_authenticated,
        "may_follow": bool(getattr(user, "mail_address", "")),
        "following": is_following(user, kind, str(lineage)),
        "next": request.get_full_path(),
    }


@register_section("portal.measure", template="following/_follow.html", order=5)
def follow_measure(*, request: HttpRequest, district: Any, lineage: Any) -> dict[str, Any]:
    return _button(request, district, Kind.MEASURE, lineage)


@register_section("portal.goal", template="following/_follow.html", order=5)
def follow_goal(*, request: HttpRequest, district: Any, lineage: Any) -> dict[str, Any]:
    return _button(request, district, Kind.GOAL, lineage)
