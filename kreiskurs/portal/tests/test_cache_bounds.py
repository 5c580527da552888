"""The page cache keys on what a page reads, stays within its bytes and forgets old generations."""

from __future__ import annotations

import pickle

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from kreiskurs.caches import BoundedLocMemCache, caches_from_url
from kreiskurs.portal import caching
from kreiskurs.strategy import services
from tests import factories


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """District keys repeat between tests (each starts from an empty database)."""
    cache.clear()
    caching._written.clear()


@pytest.mark.django_db
def test_unknown_query_parameters_neither_miss_nor_fill_the_cache() -> None:
    version = factories.adopted_strategy()
    client = Client()
    url = f"/{version.district.slug}/versionen/"
    first = client.get(url)
    entries = len(caching._written[version.district.pk][1])
    for junk in ("x=1", "x=2&utm_source=mail", "y=abc%20def"):
        response = client.get(f"{url}?{junk}")
        assert response.headers.get("X-Kreiskurs-Cache") == "hit" and response.content == first.content
    assert len(caching._written[version.district.pk][1]) == entries


@pytest.mark.django_db
def test_a_parameter_the_page_reads_keeps_its_own_entry() -> None:
    """The comparison reads ``von`` and ``bis``: another value is another page, the same value a hit."""
    adopted = factories.adopted_strategy(measures=1)
    draft = services.start_revision(by=None, strategy=adopted.strategy)
    services.set_version_state(by=None, version=draft, state="consultation")
    client = Client()
    url = f"/{adopted.district.slug}/versionen/vergleich/"
    forward = client.get(f"{url}?von={adopted.number}&bis={draft.number}")
    backward = client.get(f"{url}?von={draft.number}&bis={adopted.number}&x=1")
    assert "X-Kreiskurs-Cache" not in backward.headers and backward.content != forward.content
    again = client.get(f"{url}?bis={draft.number}&x=2&von={adopted.number}")
    assert again.headers["X-Kreiskurs-Cache"] == "hit" and again.content == forward.content


@pytest.mark.django_db
def test_entries_of_an_older_generation_are_dropped_when_a_newer_one_is_seen() -> None:
    version = factories.adopted_strategy()
    client = Client()
    url = f"/{version.district.slug}/versionen/"
    client.get(url)
    old_keys = set(caching._written[version.district.pk][1])
    assert old_keys and all(cache.get(k) is not None for k in old_keys)
    version.district.bump_generation()
    client.get(url)
    assert all(cache.get(k) is None for k in old_keys)


def _cache(**options: int) -> BoundedLocMemCache:
    return BoundedLocMemCache(f"test-{id(options)}-{sorted(options.items())}", {"OPTIONS": options})


def test_the_local_memory_cache_stays_within_its_bytes_and_keeps_the_recently_used() -> None:
    small = _cache(MAX_BYTES=50_000, MAX_ENTRY_BYTES=20_000, MAX_ENTRIES=10_000)
    small.clear()
    page = b"x" * 9_000
    small.set("kept", page)
    for n in range(200):  # e.g. random query strings
        small.set(f"page-{n}", page)
        small.get("kept")  # read again and again: recently used
    assert small.total_bytes <= 50_000
    assert small.get("kept") == page and small.get("page-199") == page and small.get("page-0") is None


def test_an_entry_larger_than_the_entry_bound_is_not_stored() -> None:
    small = _cache(MAX_BYTES=100_000, MAX_ENTRY_BYTES=10_000)
    small.clear()
    small.set("big", b"y" * 20_000)
    small.set("fits", b"z" * 5_000)
    assert small.get("big") is None and small.get("fits") == b"z" * 5_000
    assert small.total_bytes == len(pickle.dumps(b"z" * 5_000, pickle.HIGHEST_PROTOCOL))


def test_the_cache_url_chooses_the_backend() -> None:
    default = caches_from_url("")["default"]
    assert default["BACKEND"] == "kreiskurs.caches.BoundedLocMemCache"
    sized = caches_from_url("locmem://?max_bytes=1000&max_entry_bytes=100")["default"]["OPTIONS"]
    assert sized["MAX_BYTES"] == 1000 and sized["MAX_ENTRY_BYTES"] == 100
    assert caches_from_url("dummy://")["default"]["BACKEND"].endswith("DummyCache")
    with pytest.raises(ImproperlyConfigured, match="unknown scheme"):
        caches_from_url("memcached://localhost:11211")


def test_a_redis_url_needs_the_redis_client_or_names_it() -> None:
    try:
        import redis  # noqa: F401
    except ImportError:
        with pytest.raises(ImproperlyConfigured, match="redis client"):
            caches_from_url("redis://localhost:6379/1")
    else:
        config = caches_from_url("valkey://cache.internal:6379/1")["default"]
        assert config["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
        assert config["LOCATION"] == "redis://cache.internal:6379/1"
