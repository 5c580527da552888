"""Local initiatives on portal pages (the portal must not import this app)."""

from __future__ import annotations

from typing import Any

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("initiatives/tags/initiatives.html")
def municipality_initiatives(municipality: Any) -> dict[str, Any]:
    return {"initiatives": list(selectors.initiatives_of(municipality)), "with_municipality": False}


@register.inclusion_tag("initiatives/tags/initiatives.html")
def initiatives_for(district: Any, lineage: Any) -> dict[str, Any]:
    """What the municipalities already do for one goal or field of action ("bestehende Ansätze")."""
    return {"initiatives": list(selectors.linked_to(district, lineage)), "with_municipality": True, "linked": True}
