"""What the legal pages show on pages of apps below them (see ``kreiskurs.core.sections``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kreiskurs.core.sections import register_section

from .selectors import pages_for


@register_section("manage.dashboard", template="legal/_dashboard.html", order=90)
def legal_pages(*, request: HttpRequest, district: Any) -> dict[str, Any] | None:
    """For the team's overview: the district's legal pages, which still carry placeholders (one query)."""
    if not request.user.has_perm("legal.edit_page", district):
        return None
    pages = pages_for(district)
    return {"district": district, "unfinished": [p for p in pages if p.has_placeholders]}
