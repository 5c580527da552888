"""Every link a visitor is shown opens: no 4xx or 5xx for any role.

The demo is loaded once for the module (every district of the territory
excerpt, only one of them with a strategy). For an anonymous visitor and for
each demo account (on PostgreSQL: the anonymous visitor and the admin), the
test starts at the platform index, every district's home and the back-office
entry, follows every same-origin ``<a href>`` the
pages show, breadth first, and fails on any answer of 400 or more, naming the
page that showed the link. The walk is bounded: at most ``PER_ROUTE`` pages of
one route per district and ``MAX_URLS`` pages per role; logout, the Django
admin and static files are not followed, and only HTML is read for links.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import resolve
from django.urls.exceptions import Resolver404

from kreiskurs.accounts.models import User
from kreiskurs.demo.content import ACCOUNTS
from kreiskurs.territory.models import District
from tests.demo_snapshot import Snapshot, demo_for_module

#: pages of one route (per district) read for links; the first ones show every kind of link
PER_ROUTE = 2
#: pages per role at most
MAX_URLS = 600
#: paths never followed: leaving the session, Django's own admin, files
SKIP = ("/konto/abmelden/", "/admin/", "/static/", "/media/")

ROLES = [None, *(username for username, *_ in ACCOUNTS)]
#: on PostgreSQL the walk reads every page once as the anonymous visitor and as the platform
#: admin (who reaches every back-office page): whether a page answers does depend on the
#: database, which links a role is shown does not (that runs once, on SQLite, for every role)
ROLES_ON_POSTGRESQL = [None, "admin"]


def _roles() -> list[str | None]:
    from django.db import connection

    return ROLES if connection.vendor == "sqlite" else ROLES_ON_POSTGRESQL


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _key(path: str) -> tuple[str, str] | None:
    """The bound's key of a path: its route and district (``None``: not one of ours)."""
    try:
        match = resolve(path)
    except Resolver404:
        return (path, "")  # followed anyway: it fails as a 404
    return (match.route, str(match.kwargs.get("slug", "")))


def crawl(client: Client, starts: list[str]) -> tuple[int, list[str]]:
    """Follow the links from ``starts``; the number of pages read and the failures."""
    queue: deque[tuple[str, str]] = deque((start, "(start)") for start in starts)
    seen: set[str] = set()
    per_key: dict[tuple[str, str] | None, int] = {}
    failures: list[str] = []
    while queue and len(seen) < MAX_URLS:
        url, linked_from = queue.popleft()
        if url in seen:
            continue
        key = _key(urlsplit(url).path)
        if per_key.get(key, 0) >= PER_ROUTE:
            continue
        per_key[key] = per_key.get(key, 0) + 1
        seen.add(url)
        response = client.get(url)
        if response.status_code >= 400:
            failures.append(f"{response.status_code} {url} (linked from {linked_from})")
            continue
        if response.status_code in (301, 302):
            queue.append((response["Location"], url))
            continue
        if "text/html" not in response.get("Content-Type", "") or getattr(response, "streaming", False):
            continue
        parser = _Links()
        parser.feed(response.content.decode())
        for href in parser.hrefs:
            parts = urlsplit(urljoin(url, href))
            if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
                continue
            if not parts.path.startswith("/") or parts.path.startswith(SKIP):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen:
                queue.append((target, url))
    return len(seen), failures


@pytest.fixture(scope="module")
def demo(demo_snapshot: Snapshot | None, django_db_blocker: Any) -> Iterator[list[str]]:
    """The demo for this module (tests/demo_snapshot.py); the district slugs."""
    with demo_for_module(demo_snapshot, django_db_blocker):
        yield list(District.objects.order_by("slug").values_list("slug", flat=True))


_CRAWL_SETTINGS = override_settings(
    SECURE_SSL_REDIRECT=False,
    ALLOWED_HOSTS=["testserver"],
    STORAGES={
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
)


@pytest.mark.django_db
@pytest.mark.parametrize("username", _roles(), ids=lambda name: name or "anonymous")
def test_every_link_shown_opens(demo: list[str], username: str | None) -> None:
    """Anonymous and each demo role: following every link across all districts meets no 4xx or 5xx."""
    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    starts = ["/", "/verwaltung/", *(f"/{slug}/" for slug in demo)]
    read, failures = crawl(client, starts)
    assert read > len(demo), "the walk read hardly any page"
    assert not failures, f"{read} pages, {len(failures)} failures:\n" + "\n".join(failures)
