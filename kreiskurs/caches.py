"""The cache backend: ``KREISKURS_CACHE_URL`` read into ``CACHES``, and a local-memory cache bounded by bytes.

``caches_from_url`` turns the URL into Django's ``CACHES`` setting: empty or
``locmem://`` is :class:`BoundedLocMemCache` (the embedded default, one per
worker; ``?max_bytes=…&max_entry_bytes=…``), ``redis://``, ``rediss://`` and
``valkey://`` are Django's built-in ``RedisCache`` shared by every worker and
app server (it needs the ``redis`` client package), ``dummy://`` caches nothing.

Django's ``LocMemCache`` bounds only the number of entries (``MAX_ENTRIES``),
so a worker holding 5,000 whole pages of 1 MB can grow by gigabytes.
``BoundedLocMemCache`` counts the pickled size of every entry and evicts the
least recently used ones until the total is below ``MAX_BYTES``; an entry
larger than ``MAX_ENTRY_BYTES`` is not stored at all (the caller renders it
again next time, which is what a miss costs anyway).
"""

from __future__ import annotations

import pickle
from collections import OrderedDict
from threading import Lock
from typing import Any
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ImproperlyConfigured

#: sizes of the entries per named cache (the entries themselves live in Django's module globals)
_sizes: dict[str, dict[str, int]] = {}


class BoundedLocMemCache(LocMemCache):
    # the parent's private state (not in django-stubs)
    _cache: OrderedDict[str, bytes]
    _expire_info: dict[str, float | None]
    _lock: Lock

    def __init__(self, name: str, params: dict[str, Any]) -> None:
        super().__init__(name, params)
        options = params.get("OPTIONS", {})
        self.max_bytes = int(options.get("MAX_BYTES", 64 * 1024 * 1024))
        self.max_entry_bytes = int(options.get("MAX_ENTRY_BYTES", 2 * 1024 * 1024))
        self._size = _sizes.setdefault(name, {})

    @property
    def total_bytes(self) -> int:
        return sum(self._size.values())

    def _evict_one(self) -> None:
        """Drop the least recently used entry (the end of the ordered dict)."""
        old, _ = self._cache.popitem()
        self._expire_info.pop(old, None)
        self._size.pop(old, None)

    def _set(self, key: str, value: bytes, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        self._delete(key)
        size = len(value)
        if size > self.max_entry_bytes:
            return
        total = sum(self._size.values()) + size
        while self._cache and (total > self.max_bytes or len(self._cache) >= self._max_entries):
            total -= self._size.get(next(reversed(self._cache)), 0)
            self._evict_one()
        self._cache[key] = value
        self._cache.move_to_end(key, last=False)
        self._expire_info[key] = self.get_backend_timeout(timeout)
        self._size[key] = size

    def _delete(self, key: str) -> bool:
        self._size.pop(key, None)
        if key not in self._cache:
            return False
        del self._cache[key]
        self._expire_info.pop(key, None)
        return True

    def incr(self, key: str, delta: int = 1, version: int | None = None) -> Any:
        value = super().incr(key, delta, version)
        with self._lock:
            made = self.make_and_validate_key(key, version=version)
            self._size[made] = len(pickle.dumps(value, self.pickle_protocol))
        return value

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            self._size.clear()


def caches_from_url(url: str) -> dict[str, dict[str, Any]]:
    """``CACHES`` for ``KREISKURS_CACHE_URL`` (see the module docstring)."""
    parts = urlsplit(url.strip() or "locmem://")
    options = dict(parse_qsl(parts.query))
    scheme = parts.scheme.lower()
    common = {"TIMEOUT": 3600}
    if scheme == "locmem":
        return {
            "default": {
                **common,
                "BACKEND": "kreiskurs.caches.BoundedLocMemCache",
                "LOCATION": parts.netloc or "kreiskurs",
                "OPTIONS": {
                    "MAX_ENTRIES": int(options.get("max_entries", 5000)),
                    "MAX_BYTES": int(options.get("max_bytes", 64 * 1024 * 1024)),
                    "MAX_ENTRY_BYTES": int(options.get("max_entry_bytes", 2 * 1024 * 1024)),
                },
            }
        }
    if scheme == "dummy":
        return {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    if scheme in {"redis", "rediss", "valkey", "valkeys"}:
        try:
            import redis  # noqa: F401
        except ImportError:
            raise ImproperlyConfigured(
                f"KREISKURS_CACHE_URL={scheme}://… needs the redis client package (pip install redis)"
            ) from None
        real = {"valkey": "redis", "valkeys": "rediss"}.get(scheme, scheme)
        location = urlunsplit((real, parts.netloc, parts.path, parts.query, ""))
        return {"default": {**common, "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}}
    raise ImproperlyConfigured(
        f"KREISKURS_CACHE_URL: unknown scheme {scheme!r} (use locmem://, redis://, rediss://, valkey:// or dummy://)"
    )
