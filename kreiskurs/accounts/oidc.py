"""Staff sign-on through the installation's OpenID provider (mozilla-django-oidc; decision 0022).

Configured from the environment (``KREISKURS_OIDC_ISSUER``, ``_CLIENT_ID``,
``_CLIENT_SECRET``). The provider's endpoints come from its discovery document
(``<issuer>/.well-known/openid-configuration``), fetched the first time someone
signs on this way and kept per process; nothing is fetched at import time, and
with no issuer set there is no button and the routes answer 404.

The provider only says who someone is. An account is found by the provider's
subject (``ProviderIdentity``); at the first sign-on it is linked to the one
account with the same *confirmed* address (and the provider must say the
address is verified), or a new account with that confirmed address is created.
Roles are never taken from the provider: they stay memberships in Kreiskurs.

Signing out of Kreiskurs after signing on through the provider also ends the
session at the provider (RP-initiated logout, ``SignOutView``): the browser is
sent to the provider's ``end_session_endpoint`` (from discovery, or
``KREISKURS_OIDC_END_SESSION_ENDPOINT``) with the ID token as hint, and the
provider sends it back to the platform's start page. Otherwise the next person
at a shared office computer would be signed on again without a password.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from . import selectors, services
from .backends import active_user
from .models import ProviderIdentity, User

#: mozilla-django-oidc's endpoint settings → the discovery document's keys
_DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
_configurations: dict[str, dict[str, Any]] = {}
#: where the ID token of a sign-on through the provider is kept in the session (the hint for signing out)
ID_TOKEN_KEY = "oidc_id_token"
logger = logging.getLogger(__name__)


def enabled() -> bool:
    """Whether sign-on through a provider is configured (issuer and client id set)."""
    return bool(settings.KREISKURS_OIDC_ISSUER and settings.OIDC_RP_CLIENT_ID)


def provider_configuration() -> dict[str, Any]:
    """The issuer's discovery document, fetched once per process and issuer."""
    issuer = settings.KREISKURS_OIDC_ISSUER.rstrip("/")
    if not issuer:
        raise ImproperlyConfigured("KREISKURS_OIDC_ISSUER is not set")
    if issuer not in _configurations:
        response = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=10)
        response.raise_for_status()
        document = response.json()
        if document.get("issuer", "").rstrip("/") != issuer:
            raise ImproperlyConfigured(f"the discovery document of {issuer} names another issuer")
        _configurations[issuer] = document
    return _configurations[issuer]


def oidc_setting(attr: str, *default: Any) -> Any:
    """A mozilla-django-oidc setting; the provider's endpoints come from discovery."""
    if attr in _DISCOVERED:
        return provider_configuration()[_DISCOVERED[attr]]
    return import_from_settings(attr, *default)


def _free_username(claims: dict[str, Any]) -> str:
    wanted = str(claims.get("preferred_username") or claims["email"].split("@")[0])
    base = re.sub(r"[^\w.@+-]", "", wanted)[:140] or "konto"
    candidate, number = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}{number}"
    return candidate


@transaction.atomic
def sign_on(*, issuer: str, claims: dict[str, Any]) -> User:
    """The account the provider's claims stand for: linked by subject, else by confirmed address, else new.

    Raises ``SuspiciousOperation`` (the sign-on fails) when the claims carry no
    subject, or a first sign-on brings no verified address, or more than one
    account has that confirmed address.
    """
    subject = str(claims.get("sub") or "")
    if not subject:
        raise SuspiciousOperation("the provider named no subject")
    identity = ProviderIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
    if identity is not None:
        return identity.user
    email = str(claims.get("email") or "").strip()
    if not email or claims.get("email_verified") is not True:
        raise SuspiciousOperation("a first sign-on needs an address the provider has verified")
    matches = list(User.objects.filter(email__iexact=email, email_confirmed_at__isnull=False)[:2])
    if len(matches) > 1:
        raise SuspiciousOperation("more than one account has this confirmed address")
    if matches:
        user = matches[0]
    else:
        name = " ".join(str(claims.get(key) or "") for key in ("given_name", "family_name")).strip()
        user = services.register_provider_account(
            username=_free_username(claims), email=email, display_name=str(claims.get("name") or name)
        )
    identity = ProviderIdentity(user=user, issuer=issuer, subject=subject)
    identity.full_clean()
    identity.save()
    return user


class ProviderBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """mozilla-django-oidc's code flow; reads the provider's endpoints only when a sign-on comes back.

    Django builds every backend for every login (password logins too), so the
    constructor reads nothing: a provider that is down or unset never breaks
    the password login.
    """

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from django.contrib.auth import get_user_model

        self.UserModel = get_user_model()

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        if request is None or not enabled() or "code" not in request.GET or "state" not in request.GET:
            return None
        try:
            super().__init__()
            user: User | None = super().authenticate(request, **kwargs)
        except (requests.RequestException, ImproperlyConfigured) as exc:
            # a refused code, a provider that is down or answers nonsense: no login, a message on the page
            logger.warning("sign-on through the OpenID provider failed: %s", exc)
            return None
        return user

    def get_user(self, user_id: Any) -> User | None:
        """As the password login's backend: an active account, read by a prepared query (``backends``)."""
        return active_user(user_id)

    def store_tokens(self, access_token: str, id_token: str) -> None:
        """Keep only the ID token, in the session: signing out hands it to the provider as ``id_token_hint``."""
        self.request.session[ID_TOKEN_KEY] = id_token

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User:
        claims = self.get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("the userinfo answer is about someone else than the ID token")
        return sign_on(issuer=settings.KREISKURS_OIDC_ISSUER.rstrip("/"), claims=claims)


class StartView(OIDCAuthenticationRequestView):  # type: ignore[misc]
    """ "Anmelden mit …": off to the provider (404 while sign-on through a provider is not configured)."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if not enabled():
            raise Http404
        super().__init__(*args, **kwargs)


class ReturnView(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """Back from the provider: logged in, in the only district's back office where that applies."""

    get_settings = staticmethod(oidc_setting)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            raise Http404
        response: HttpResponse = super().get(request)
        return response

    @property
    def success_url(self) -> str:
        wanted = self.request.session.get("oidc_login_next")
        if wanted and wanted != reverse("portal:index"):
            return str(wanted)
        district = selectors.only_district(self.user)
        if district is not None:
            return reverse("manage:dashboard", args=[district.slug])
        return reverse(settings.LOGIN_REDIRECT_URL)

    @property
    def failure_url(self) -> str:
        return reverse("accounts:login")

    def login_failure(self) -> HttpResponse:
        messages.error(self.request, _("Die Anmeldung über den Anbieter ist nicht gelungen."))
        return super().login_failure()


def end_session_url(request: HttpRequest, *, id_token: str) -> str | None:
    """Where the provider ends its session for the holder of ``id_token``, then returns to the start page.

    None (sign out of Kreiskurs only) without a sign-on through the provider, with
    ``KREISKURS_OIDC_SINGLE_SIGN_OUT`` off, or when the provider names no end-session
    endpoint or cannot be reached (signing out must never fail because of it).
    The start page's address must be registered at the provider as a
    post-logout redirect URI.
    """
    if not id_token or not enabled() or not settings.KREISKURS_OIDC_SINGLE_SIGN_OUT:
        return None
    endpoint = settings.KREISKURS_OIDC_END_SESSION_ENDPOINT
    if not endpoint:
        try:
            endpoint = str(provider_configuration().get("end_session_endpoint") or "")
        except (requests.RequestException, ImproperlyConfigured, ValueError) as exc:
            logger.warning("signing out at the OpenID provider is not possible: %s", exc)
            return None
    if not endpoint:
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "post_logout_redirect_uri": request.build_absolute_uri(reverse(settings.LOGOUT_REDIRECT_URL)),
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


class SignOutView(auth_views.LogoutView):
    """Django's logout (POST only); after a sign-on through the provider, on to the provider to sign out there too."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        id_token = str(request.session.get(ID_TOKEN_KEY) or "")
        response: HttpResponse = super().post(request, *args, **kwargs)  # the session is gone from here on
        provider = end_session_url(request, id_token=id_token)
        return redirect(provider) if provider else response
