"""Two-factor authentication with an authenticator app (TOTP) and recovery codes (django-otp; decision 0022).

Optional per account; with ``KREISKURS_REQUIRE_2FA=1`` staff (anyone with a
district role, and platform admins) must set it up before the back office
opens. Whoever has set it up confirms a code once per session before the back
office (and Django's admin) opens: ``SecondFactorMiddleware`` sends them to
the verification page. Public pages and the own account stay reachable.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import LazyObject, empty
from django.utils.http import urlencode
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from kreiskurs.prepared import Prepared

from .models import User
from .rules import memberships

RECOVERY_CODES = 10
#: the paths behind the second factor: the back office of every district, its entry and Django's admin
_GUARDED = re.compile(r"^/(admin/|aufgaben/|verwaltung/|[\w-]+/verwaltung/)")


def is_staff(user: Any) -> bool:
    """Anyone with a district role above participant, or a platform admin."""
    return bool(getattr(user, "is_superuser", False) or memberships(user))


#: a confirmed device of each kind installed (``test_twofactor`` checks these are django-otp's kinds)
DEVICE_KINDS = (TOTPDevice, StaticDevice)


def _confirmed_devices(user: int) -> Any:
    first, *rest = (
        kind.objects.filter(user_id=user, confirmed=True).values_list("pk", flat=True) for kind in DEVICE_KINDS
    )
    return first.union(*rest, all=True)[:1]


_CONFIRMED_DEVICE = Prepared(_confirmed_devices, user=int)

#: the attribute a session's user is read with (``backends.active_user``): whether it has confirmed a device
HAS_DEVICE = "has_confirmed_device"


def has_second_factor(user: Any) -> bool:
    """Whether the user has confirmed a device of any kind (``django_otp.user_has_device``): every kind
    asked in one prepared query (a ``UNION ALL`` of the kinds' tables). The middleware skips this once
    the session is verified."""
    return _CONFIRMED_DEVICE.first(user=user.pk) is not None


def _has_device(user: Any) -> bool:
    """:func:`has_second_factor`, as the session's user was read with it (``backends.active_user``):
    no statement of its own on a back-office request."""
    known = getattr(user, HAS_DEVICE, None)
    return has_second_factor(user) if known is None else bool(known)


def new_key() -> str:
    """A new TOTP secret (hex, 20 bytes), kept in the session until the first code confirms it."""
    return str(default_key())


def setup_uri(user: User, key: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return str(TOTPDevice(user=user, key=key, name="Kreiskurs").config_url)


def secret_base32(user: User, key: str) -> str:
    """The secret as authenticator apps want it typed in (base32, in groups of four)."""
    import base64

    text = base64.b32encode(TOTPDevice(user=user, key=key).bin_key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_svg(uri: str) -> str:
    """The QR code as inline SVG (no external service, no image request, fits the CSP)."""
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = image.to_string(encoding="unicode")
    return str(re.sub(r"^<\?xml[^>]*>\s*", "", svg))


def _normalised(token: str) -> str:
    return re.sub(r"\s", "", token or "")


@transaction.atomic
def set_up_totp(*, user: User, key: str, token: str) -> list[str] | None:
    """Confirm the authenticator app with its first code; replaces an earlier app and earlier recovery codes.

    Returns the new recovery codes (shown once), or None when the code does not fit the key.
    """
    digits = _normalised(token)
    totp = TOTP(bytes.fromhex(key))
    if not digits.isdigit() or not totp.verify(int(digits), tolerance=1):
        return None
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice(user=user, key=key, name="Authenticator-App", confirmed=True, last_t=totp.t())
    device.full_clean()
    device.save()
    return renew_recovery_codes(user=user)


@transaction.atomic
def renew_recovery_codes(*, user: User) -> list[str]:
    """Ten new single-use recovery codes; the earlier ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Wiederherstellungscodes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def verify_second_factor(*, request: HttpRequest, token: str) -> bool:
    """A code of the app (or an unused recovery code, which is used up) verifies this session."""
    device = django_otp.match_token(request.user, _normalised(token))
    if device is None:
        return False
    django_otp.login(request, device)
    return True


def unwrapped(user: Any) -> Any:
    """The object behind ``request.user``'s lazy wrappers, evaluated (``LazyObject``: Django's
    authentication middleware and django-otp's each wrap it)."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:  # type: ignore[attr-defined]
            user._setup()  # type: ignore[attr-defined]
        user = user._wrapped  # type: ignore[attr-defined]
    return user


class SecondFactorMiddleware:
    """Sends staff to the second factor before the back office: verify it, or (when required) set it up."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # the user is read here on every request anyway: the rest of the request gets the object itself
        # instead of Django's and django-otp's lazy wrappers around it (two proxy layers on each of the
        # few hundred attribute reads of a page's permission checks and templates; issue 12)
        user = request.user = unwrapped(request.user)  # type: ignore[assignment]
        if user.is_authenticated and _GUARDED.match(request.path_info):
            target = None
            if user.is_verified():  # type: ignore[union-attr,attr-defined]  # set by django-otp's middleware
                pass  # a confirmed device of this user verified the session: no query for the devices
            elif _has_device(user):
                target = "accounts:second_factor"
            elif settings.KREISKURS_REQUIRE_2FA and is_staff(user):
                target = "accounts:totp_setup"
            if target is not None:
                return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


def verify_after_setup(*, request: HttpRequest) -> None:
    """The first code just confirmed the app: this session counts as verified."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is not None:
        django_otp.login(request, device)
