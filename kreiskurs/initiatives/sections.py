"""Local initiatives on pages of apps below this one (see ``kreiskurs.core.sections``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kreiskurs.core.sections import register_section

from . import selectors


@register_section("portal.municipality", template="initiatives/tags/initiatives.html", order=20)
def municipality_initiatives(*, request: HttpRequest, municipality: Any) -> dict[str, Any]:
    return {"initiatives": list(selectors.initiatives_of(municipality)), "with_municipality": False}


@register_section("portal.goal", template="initiatives/tags/initiatives.html", order=20)
@register_section("portal.field", template="initiatives/tags/initiatives.html", order=20)
def initiatives_for(*, request: HttpRequest, district: Any, lineage: Any) -> dict[str, Any]:
    """What the municipalities already do for one goal or field of action ("bestehende Ansätze")."""
    return {"initiatives": list(selectors.linked_to(district, lineage)), "with_municipality": True, "linked": True}
