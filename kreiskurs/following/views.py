"""Follow and unfollow buttons, and the unsubscribe page a follower's mail links to."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from kreiskurs.accounts.access import login_required_404
from kreiskurs.territory.selectors import district_by_slug

from . import selectors, services


@login_required_404
@require_POST
def toggle(request: HttpRequest, slug: str, kind: str, key: str) -> HttpResponse:
    """Follow a public measure or goal, or stop following it; back to its page with a confirmation."""
    district = district_by_slug(slug)
    title, path = selectors.public_element(district, kind, key)
    if request.POST.get("action") == "unfollow":
        services.unfollow(user=request.user, kind=kind, key=key)
        messages.success(request, _("Sie folgen „%(t)s“ nicht mehr.") % {"t": title})
        return redirect(path)
    try:
        services.follow(user=request.user, district=district, kind=kind, key=key, title=title)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Sie folgen jetzt „%(t)s“. Bei Änderungen schreiben wir Ihnen an %(a)s.")
            % {"t": title, "a": getattr(request.user, "mail_address", "")},
        )
    return redirect(path)


@csrf_exempt  # the signed token is the authorisation; mail clients post RFC 8058 one-click without a form
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every follower's mail: one click on the button (or the mail client's) ends the follow.

    A GET only shows the button: mail scanners open links, and opening must not unsubscribe anyone."""
    valid = services.read_token(token) is not None
    ended = services.unfollow_by_token(token=token) if request.method == "POST" and valid else None
    status = 200 if valid else 404
    context = {"valid": valid, "done": request.method == "POST" and valid, "ended": ended}
    return render(request, "following/unsubscribe.html", context, status=status)
