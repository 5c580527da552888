"""Sections that apps higher up contribute to pages of apps lower down.

A page of the portal or of the strategy's back office shows what other apps
know (indicators of a goal, ideas a measure came from, initiatives of a
municipality), but those apps sit *above* it in the dependency direction, so
its view may not import them, and its template may not load their tag
libraries. Instead each app registers a *section* for a named slot in its
``AppConfig.ready()``; the page's view renders the slot with
:func:`render_slot` and passes the HTML to its template.

A section is a provider (keyword arguments: ``request`` and the page's objects;
returns the template context, or ``None`` to show nothing) and a template.
Sections of one slot appear in their ``order``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

Provider = Callable[..., dict[str, Any] | None]

#: every slot, with the objects its page passes to the providers
SLOTS = {
    "portal.goal": "district, lineage (a goal's public page)",
    "portal.field": "district, lineage (a field of action's public page)",
    "portal.measure": "district, lineage (a measure's public page)",
    "portal.municipality": "municipality (a municipality's public page)",
    "portal.baseline": "district, version (the public baseline, Ausgangslage: key figures read live)",
    "portal.home": "district (a district's public home page)",
    "portal.index": "nothing (the platform's start page across districts)",
    "manage.dashboard": "district (the strategy team's overview)",
    "manage.tasks": "district (a member's start page 'Meine Aufgaben'; a section shows only to its roles)",
    "manage.dashboard.participation": "district (the overview's participation part)",
    "manage.municipality": "municipality (a municipality's staff page)",
    "manage.actor_map": "district (the actor map of the actor registry)",
}


@dataclass(frozen=True)
class Section:
    template: str
    provider: Provider
    order: int


_REGISTRY: dict[str, list[Section]] = defaultdict(list)


def register_section(slot: str, *, template: str, order: int = 100) -> Callable[[Provider], Provider]:
    """Decorator: ``provider`` fills ``template`` in ``slot`` (an unknown slot fails at start-up)."""
    if slot not in SLOTS:
        raise LookupError(f"unknown section slot {slot!r}; known: {', '.join(SLOTS)}")

    def register(provider: Provider) -> Provider:
        sections = _REGISTRY[slot]
        if not any(s.provider.__qualname__ == provider.__qualname__ and s.template == template for s in sections):
            sections.append(Section(template=template, provider=provider, order=order))
            sections.sort(key=lambda s: s.order)
        return provider

    return register


def render_slot(slot: str, request: HttpRequest, **objects: Any) -> SafeString:
    """The HTML of every section registered for ``slot``, in order."""
    if slot not in SLOTS:
        raise LookupError(f"unknown section slot {slot!r}")
    parts = []
    for section in _REGISTRY.get(slot, []):
        context = section.provider(request=request, **objects)
        if context is not None:
            parts.append(render_to_string(section.template, context, request))
    return mark_safe("".join(parts))
