"""Caching of public pages for anonymous visitors.

A public page depends only on the district's data, the URL and the language.
Every change to a district's data moves ``District.generation`` on (the audit
log's ``record_change`` and the territory importer do it), and the key
includes it — so no entry is ever served stale, and invalidation needs no
shared cache: each worker reads the generation with the district it has to
look up anyway. Logged-in users (who may see drafts and their own controls)
and requests carrying messages bypass the cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from kreiskurs.core.http import HtmxHttpRequest
from kreiskurs.territory.models import District

TIMEOUT = 3600


def page_key(district: District, request: HtmxHttpRequest) -> str:
    """An htmx request gets its own entry: it is answered with a fragment, not the whole page."""
    raw = f"{request.get_full_path()}|{get_language()}|{'htmx' if request.htmx else ''}"
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"page:{district.pk}:{district.generation}:{digest}"


def cacheable(request: HttpRequest) -> bool:
    return request.method == "GET" and not request.user.is_authenticated and "messages" not in request.COOKIES


def cache_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a district page from the cache; the view receives the district it looked up."""

    @wraps(view)
    def wrapped(request: HtmxHttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        from kreiskurs.territory.selectors import district_by_slug

        district = district_by_slug(slug)
        if not cacheable(request):
            return view(request, district, *args, **kwargs)
        key = page_key(district, request)
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            response = HttpResponse(content, content_type=content_type)
            response["X-Kreiskurs-Cache"] = "hit"
            return response
        response = view(request, district, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
        return response

    return wrapped
