"""The public baseline (Ausgangslage) of a strategy version: ``/<slug>/ausgangslage/``.

The versioned part (sections, SWOT) comes from the version shown, like every
strategy page (the adopted version, or a public one with ``?version=N``); the
key figures are read live: the territory here, indicator baselines and
maturity results from the apps above through the slot ``portal.baseline``.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from kreiskurs.core.sections import render_slot
from kreiskurs.strategy import selectors
from kreiskurs.territory.models import District

from .caching import cache_public_page
from .views import _context, _page_version, _without_strategy


@require_safe
@cache_public_page
def baseline(request: HttpRequest, district: District) -> HttpResponse:
    if (empty := _without_strategy(request, district, _("Ausgangslage"))) is not None:
        return empty
    version = _page_version(request, district)
    context = _context(
        request,
        district,
        version,
        baseline=selectors.baseline_of(version),
        sections=render_slot("portal.baseline", request, district=district, version=version),
    )
    return render(request, "portal/baseline.html", context)
