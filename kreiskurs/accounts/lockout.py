"""Login throttling (django-axes): the page a locked-out login sees, and its trace in the log.

django-axes counts failed logins in the database (``AccessAttempt``, shared by
all workers) per account and, separately, per client address
(``kreiskurs.net.client_ip``); past ``AXES_FAILURE_LIMIT`` failures within
``AXES_COOLOFF_TIME`` it refuses even the right password. Every failure is
kept in ``AccessFailureLog`` (with ``locked_out`` set once the limit is
reached). The audit log (``audit.AuditEntry``) belongs to a district and a
login belongs to none, so a lockout is recorded there and in the
``kreiskurs.security`` log rather than as an audit entry.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

log = logging.getLogger("kreiskurs.security")


def cool_off_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def locked_out(request: HttpRequest, original_response: HttpResponse | None, credentials: Any) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: the login page's frame with the reason, HTTP 429 (Too Many Requests)."""
    username = (credentials or {}).get("username", "") if isinstance(credentials, dict) else ""
    log.warning(
        "login locked out: path=%s username=%r address=%s",
        request.path,
        username,
        getattr(request, "axes_ip_address", None),
    )
    minutes = cool_off_minutes()
    response = TemplateResponse(
        request,
        "accounts/locked_out.html",
        {"minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    response["Retry-After"] = str(minutes * 60)
    return response.render()
