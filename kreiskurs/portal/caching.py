"""Caching of public pages for anonymous visitors.

A public page depends only on the district's data, the path, the query
parameters the page reads and the language. Every change to a district's data
moves ``District.generation`` on (the audit log's ``record_change`` and the
territory importer do it), and the key includes it — so no entry is ever
served stale, and invalidation needs no shared cache: each worker reads the
generation with the district it has to look up anyway. Logged-in users (who
may see drafts and their own controls) and requests carrying messages bypass
the cache.

The key holds only the query parameters the view *reads*: the wrapper hands
the view a ``request.GET`` that notes which names it asks for, and remembers
them per view (the set only grows). A request is looked up under the values of
those names alone, so ``?x=<random>`` does not miss the cache nor fill it. The
cached page is the one rendered for the same values of every name the view
read, so it is the page this request would get. A view that reads the whole
query (``GET.copy()``, iteration) is keyed on all of it.

Entries of a generation that has moved on are dropped by the worker that sees
the new one (it remembers the keys it wrote); the backend bounds the rest by
bytes (``kreiskurs.caches``).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.translation import get_language

from kreiskurs.core.http import HtmxHttpRequest
from kreiskurs.territory.models import District

TIMEOUT = 3600
#: the name standing for "the view read the whole query"
ALL = "*"

#: per view: the query parameter names it has read (process-local; only grows)
_read_by_view: dict[str, frozenset[str]] = {}
#: per district: the generation last seen and the keys this worker wrote under it
_written: dict[int, tuple[int, set[str]]] = {}
_lock = threading.Lock()


class RecordingQuery:
    """``request.GET`` as the view sees it: every read name is noted in ``read``."""

    def __init__(self, query: QueryDict) -> None:
        self._query = query
        self.read: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return self._query.get(key, default)

    def getlist(self, key: str, default: Any = None) -> list[Any]:
        self.read.add(key)
        return self._query.getlist(key, default)

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return self._query[key]

    def __contains__(self, key: object) -> bool:
        self.read.add(str(key))
        return key in self._query

    def __iter__(self) -> Iterator[str]:
        self.read.add(ALL)
        return iter(self._query)

    def __len__(self) -> int:
        self.read.add(ALL)
        return len(self._query)

    def __getattr__(self, name: str) -> Any:  # copy(), urlencode(), items(), dict() …: the whole query
        self.read.add(ALL)
        return getattr(self._query, name)


def _query_part(query: QueryDict, names: frozenset[str]) -> str:
    """The values of ``names`` in a canonical order (all of the query when the view read all of it)."""
    if ALL in names:
        names = frozenset(query.keys())
    return "&".join(f"{n}={v}" for n in sorted(names) for v in query.getlist(n))


def page_key(district: District, request: HtmxHttpRequest, names: frozenset[str] = frozenset()) -> str:
    """An htmx request (django-htmx's ``request.htmx``) gets its own entry: it is answered with a fragment."""
    htmx = "htmx" if request.htmx else ""
    raw = f"{request.path}|{sorted(names)}|{_query_part(request.GET, names)}|{get_language()}|{htmx}"
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"page:{district.pk}:{district.generation}:{digest}"


def cacheable(request: HttpRequest) -> bool:
    return request.method == "GET" and not request.user.is_authenticated and "messages" not in request.COOKIES


def _remember(district: District, key: str) -> None:
    """Note ``key`` under the district's generation; drop this worker's keys of older generations."""
    with _lock:
        generation, keys = _written.get(district.pk, (district.generation, set()))
        stale: set[str] = set()
        if district.generation != generation:  # moved on (or, in tests, a fresh database)
            stale, keys = keys, set()
        keys.add(key)
        _written[district.pk] = (district.generation, keys)
    if stale:
        cache.delete_many(list(stale))


def cache_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a district page from the cache; the view receives the district it looked up."""
    name = f"{view.__module__}.{view.__qualname__}"

    @wraps(view)
    def wrapped(request: HtmxHttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        from kreiskurs.accounts.rules import member_district
        from kreiskurs.territory.selectors import district_by_slug

        # a member's district comes with the memberships the page reads anyway (one query less)
        district = member_district(request.user, slug) or district_by_slug(slug)
        if not cacheable(request):
            return view(request, district, *args, **kwargs)
        names = _read_by_view.get(name, frozenset())
        hit = cache.get(page_key(district, request, names))
        if hit is not None:
            content, content_type = hit
            response = HttpResponse(content, content_type=content_type)
            response["X-Kreiskurs-Cache"] = "hit"
            return response
        query = request.GET
        recording = RecordingQuery(query)
        request.GET = recording  # type: ignore[assignment]
        try:
            response = view(request, district, *args, **kwargs)
        finally:
            request.GET = query
        names = _read_by_view[name] = _read_by_view.get(name, frozenset()) | recording.read
        if response.status_code == 200 and not response.streaming and not response.cookies:
            key = page_key(district, request, names)
            cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
            _remember(district, key)
        return response

    return wrapped
