"""The client's address, the same for every limit: participation, registration and login throttling.

Behind a reverse proxy every request comes from the proxy. Only when the
direct peer (``REMOTE_ADDR``) is one of ``settings.KREISKURS_TRUSTED_PROXIES``
is ``X-Forwarded-For`` believed, and then read from the right: each trusted
proxy appends the address it received the request from, so the right-most
address that is *not* a trusted proxy is the client. Whatever a client writes
into the header itself stays to the left of that and is ignored; a peer that
is not a trusted proxy cannot set the address at all.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple[Network, ...]:
    try:
        return tuple(ipaddress.ip_network(item, strict=False) for item in spec)
    except ValueError as exc:
        raise ImproperlyConfigured(f"KREISKURS_TRUSTED_PROXIES: {exc}") from exc


def trusted_proxies() -> tuple[Network, ...]:
    """The configured proxies (addresses or CIDR ranges)."""
    return _networks(tuple(getattr(settings, "KREISKURS_TRUSTED_PROXIES", ())))


def _address(value: str) -> Address | None:
    """An address as a header or the server gives it: plain, ``[v6]:port`` or ``v4:port``."""
    value = value.strip()
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _trusted(address: Address, proxies: tuple[Network, ...]) -> bool:
    return any(address in network for network in proxies)


def client_ip(request: Any) -> str | None:
    """The client's IP address: ``REMOTE_ADDR``, or behind a trusted proxy the forwarded client."""
    meta = getattr(request, "META", {})
    peer = _address(meta.get("REMOTE_ADDR") or "")
    if peer is None:
        return None
    proxies = trusted_proxies()
    if not proxies or not _trusted(peer, proxies):
        return str(peer)
    client = peer
    for hop in reversed((meta.get("HTTP_X_FORWARDED_FOR") or "").split(",")):
        address = _address(hop)
        if address is None:
            break  # not written by a proxy of ours: keep the last address a trusted proxy vouched for
        client = address
        if not _trusted(address, proxies):
            break
    return str(client)
