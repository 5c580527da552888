"""The client address behind a reverse proxy, and the one database-backed limiter."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory

from kreiskurs.accounts.models import User
from kreiskurs.net import client_ip
from tests import factories

PASSWORD = "ein-langes-Passwort-42"


def request(remote: str, forwarded: str | None = None) -> Any:
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_peer_is_the_client(settings: Any) -> None:
    settings.KREISKURS_TRUSTED_PROXIES = []
    assert client_ip(request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_forwarded_for_from_an_untrusted_peer_is_ignored(settings: Any) -> None:
    settings.KREISKURS_TRUSTED_PROXIES = ["10.0.0.1"]
    assert client_ip(request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_forwarded_for_from_a_trusted_proxy_names_the_client(settings: Any) -> None:
    settings.KREISKURS_TRUSTED_PROXIES = ["10.0.0.0/8", "2001:db8::/32"]
    assert client_ip(request("10.0.0.1", "198.51.100.1")) == "198.51.100.1"
    assert client_ip(request("2001:db8::1", "2001:db8::7, 198.51.100.2")) == "198.51.100.2"


def test_what_the_client_writes_into_the_header_is_ignored(settings: Any) -> None:
    """The right-most address that is not a proxy of ours is the client; spoofed entries sit left of it."""
    settings.KREISKURS_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(request("10.0.0.1", "1.1.1.1, 198.51.100.1, 10.0.0.2")) == "198.51.100.1"
    assert client_ip(request("10.0.0.1", "198.51.100.1:4711")) == "198.51.100.1"
    assert client_ip(request("10.0.0.1", "nonsense")) == "10.0.0.1"
    assert client_ip(request("10.0.0.1")) == "10.0.0.1"


def register(client: Client, username: str, **extra: str) -> Any:
    data = factories.session_form_data(client, username=username, password1=PASSWORD, password2=PASSWORD)
    return client.post("/konto/registrieren/", data, **extra)


@pytest.mark.django_db
def test_registration_limit_holds_across_workers_and_restarts() -> None:
    """The count lives in the database: a worker's empty cache (another worker, a restart) does not reset it."""
    for n in range(10):
        assert register(Client(), f"u{n}").status_code == 302
        cache.clear()
    response = register(Client(), "u10")
    assert response.status_code == 200 and "Zu viele neue Konten" in response.content.decode()
    assert not User.objects.filter(username="u10").exists()


@pytest.mark.django_db
def test_registration_limit_counts_clients_behind_a_trusted_proxy_apart(settings: Any) -> None:
    settings.KREISKURS_TRUSTED_PROXIES = ["10.0.0.1"]
    proxied = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    for n in range(10):
        assert register(Client(), f"a{n}", **proxied).status_code == 302
    refused = register(Client(), "a10", **proxied)
    assert refused.status_code == 200
    other = register(Client(), "b0", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert other.status_code == 302
    # a client that is not the proxy cannot pick its address
    spoofed = register(Client(), "c0", REMOTE_ADDR="198.51.100.1", HTTP_X_FORWARDED_FOR="198.51.100.3")
    assert spoofed.status_code == 200
