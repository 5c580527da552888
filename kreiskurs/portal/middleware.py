"""Middleware of the shared page frame: a strict Content-Security-Policy (no inline
scripts or styles, no third parties), the visitor's language, and refusing NUL bytes."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote, urlsplit

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",  # KERN draws its icons as data: SVG masks
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)


def content_security_policy() -> str:
    """``POLICY``; where staff sign on through an OpenID provider, forms may also lead there.

    Signing out is a form (POST) that, after a sign-on through the provider, redirects
    to the provider's end-session endpoint (single sign-out, ``accounts/oidc.py``);
    browsers check every redirect of a form submission against ``form-action``.
    """
    from django.conf import settings

    if not settings.KREISKURS_OIDC_SINGLE_SIGN_OUT:
        return POLICY
    addresses = (settings.KREISKURS_OIDC_ISSUER, settings.KREISKURS_OIDC_END_SESSION_ENDPOINT)
    origins = sorted({f"{p.scheme}://{p.netloc}" for p in map(urlsplit, addresses) if p.scheme and p.netloc})
    if not origins:
        return POLICY
    return POLICY.replace("form-action 'self'", " ".join(["form-action 'self'", *origins]))


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", content_security_policy())
        return response


class LanguageMiddleware:
    """German first: German unless the visitor chose another language.

    Unlike Django's LocaleMiddleware this ignores the browser's
    Accept-Language header; the language switch (``set_language``) stores the
    choice in the language cookie.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


NUL = "\x00"


def _has_nul(request: HttpRequest) -> bool:
    if NUL in request.path or NUL in unquote(request.META.get("QUERY_STRING", "")):
        return True
    if any(NUL in value for value in request.COOKIES.values()):
        return True
    if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
        return any(NUL in key or any(NUL in v for v in values) for key, values in request.POST.lists())
    return False


class RefuseNulMiddleware:
    """Answers 400 for a NUL byte in the path, the query, a cookie or a plain form.

    No text in Kreiskurs contains NUL, and PostgreSQL refuses it in every text
    value: without this, a ``%00`` in a filter or path part became a 500 deep in
    the database driver. Refused in one place rather than in every view.
    Multipart bodies (uploads) are left alone; the importers check their cells.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": _("Ungültiges Zeichen (NUL) in der Anfrage")}, status=400)
            raise BadRequest("NUL byte in request")
        return self.get_response(request)
