"""The visible link to the feed on the district home (see ``kreiskurs.core.sections``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kreiskurs.core.sections import register_section


@register_section("portal.home", template="feeds/_subscribe.html", order=90)
def subscribe(*, request: HttpRequest, district: Any) -> dict[str, Any]:
    return {"district": district}
