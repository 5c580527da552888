"""Django's authentication middleware, taking the user the session's statement read (issue 12).

``request.user`` is Django's lazy ``auth.get_user(request)``: it reads the user id and backend from
the session, asks the backend for the user and checks the session's password hash. While it runs for a
request, :data:`backends.SESSION_OF_REQUEST` names that request's session store, so the backend takes
the user read with the session row (``sessions``) instead of reading it again. Everything else —
the checks, ``request.auser`` — is Django's.
"""

from __future__ import annotations

from typing import Any

from django.contrib import auth
from django.contrib.auth import middleware
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .backends import SESSION_OF_REQUEST


def signed_in(request: HttpRequest) -> Any:
    """``auth.get_user(request)``, once per request, with the user read along with the session."""
    if not hasattr(request, "_cached_user"):
        token = SESSION_OF_REQUEST.set(request.session)
        try:
            request._cached_user = auth.get_user(request)  # type: ignore[attr-defined]
        finally:
            SESSION_OF_REQUEST.reset(token)
    return request._cached_user  # type: ignore[attr-defined]


class AuthenticationMiddleware(middleware.AuthenticationMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: signed_in(request))  # type: ignore[assignment]
