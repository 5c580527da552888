"""The actor map (back office): stakeholders on an influence × interest grid and the bodies they sit in.

Reading needs ``actors.view_actor_map`` (every member of the district). Private
persons are named only to those who manage the registry; everyone else sees
"Privatperson" (``Stakeholder.public_label``). What the participation reached
per actor group is participation's knowledge: its section fills the slot
``manage.actor_map`` (``kreiskurs/participation/sections.py``).
"""

from __future__ import annotations

import rules
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kreiskurs.accounts.access import district_for, login_required_404
from kreiskurs.core.sections import render_slot

from ..selectors import LEVELS, bodies_with_members, map_stakeholders, stakeholder_grid


@login_required_404
def actor_map(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, "actors.view_actor_map")
    can_manage = rules.has_perm("actors.manage_stakeholders", request.user, district)
    context = {
        "district": district,
        "grid": stakeholder_grid(map_stakeholders(district, named=can_manage)),
        "interest_levels": [LEVELS[1], LEVELS[2], LEVELS[3]],
        "bodies": bodies_with_members(district),
        "sections": render_slot("manage.actor_map", request, district=district),
        "can_manage": can_manage,
    }
    return render(request, "actors/manage/actor_map.html", context)
