"""The district map: public page, layer chosen by a GET form (works without JavaScript)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from kreiskurs.portal.caching import cache_public_page
from kreiskurs.strategy import selectors as strategy_selectors
from kreiskurs.territory.models import District

from . import selectors
from .payload import map_payload


@require_safe
@cache_public_page
def district_map(request: HttpRequest, district: District) -> HttpResponse:
    version = strategy_selectors.current_version(district)
    sources = selectors.map_sources(district, version, request.user, request.GET.get("layer"))
    options = selectors.layer_options(sources)
    option = selectors.choose(options, request.GET.get("layer"))
    if option is None and request.GET.get("layer"):
        raise Http404(_("Keine solche Darstellung"))
    municipalities = selectors.municipalities_for_map(district)
    layer = selectors.build_layer(option, sources, municipalities) if option else None
    context = {
        "district": district,
        "can_view_internal": strategy_selectors.can_view_internal(request.user, district),
        "has_options": bool(options),
        "option_tags": selectors.option_tags(options, option),
        "layer": layer,
        "municipalities": municipalities,
        "mapped": sum(1 for m in municipalities if getattr(m, "boundary", None) is not None),
        "payload": map_payload(district, layer, municipalities),
        "attributions": selectors.attributions(municipalities),
        "stroke": selectors.STROKE,
    }
    return render(request, "geo/map.html", context)
