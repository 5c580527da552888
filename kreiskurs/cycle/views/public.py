"""The public time plan of a district: ``/<slug>/zeitplan/`` (mandate, project organisation, stages)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from kreiskurs.portal.caching import cache_public_page
from kreiskurs.strategy import selectors as strategy_selectors
from kreiskurs.territory.models import District

from .. import selectors
from ..sections import cycle_context


@require_safe
@cache_public_page
def time_plan(request: HttpRequest, district: District) -> HttpResponse:
    context = {
        **cycle_context(district, selectors.time_plan(district, with_bodies=True)),  # the ring and its list
        "can_view_internal": strategy_selectors.can_view_internal(request.user, district),
    }
    return render(request, "cycle/public/time_plan.html", context)
