"""The public face of the maturity self-assessment: aggregates of the newest closed round, never single results."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from kreiskurs.portal.caching import cache_public_page
from kreiskurs.strategy import selectors as strategy_selectors
from kreiskurs.territory.models import District

from .. import charts, selectors


@require_safe
@cache_public_page
def summary(request: HttpRequest, district: District) -> HttpResponse:
    result = selectors.public_summary(district)
    radar = ""
    if result is not None and not result.too_few:
        radar = charts.radar_svg(
            [row.dimension.title for row in result.rows],
            [(_("Median der Gemeinden"), [row.median.score for row in result.rows])],
            chart_id="reife-kreis",
            title=_("Digitale Reife der Gemeinden im Median, %(r)s") % {"r": result.round},
        )
    context = {
        "district": district,
        "result": result,
        "own": selectors.own_results(district),
        "radar": mark_safe(radar),  # built from escaped text by charts.radar_svg
        "can_view_internal": strategy_selectors.can_view_internal(request.user, district),
    }
    return render(request, "maturity/public/summary.html", context)
