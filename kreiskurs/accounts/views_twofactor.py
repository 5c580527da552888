"""The second factor: setting up an authenticator app, confirming a code after login, recovery codes."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import twofactor
from .access import login_required_404
from .models import User

_SETUP_KEY = "kreiskurs_totp_setup_key"


def _next(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
        return wanted
    return str(resolve_url(settings.LOGIN_REDIRECT_URL))


def _account(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required_404 let only accounts through
    return user


def _verified(request: HttpRequest) -> bool:
    return bool(request.user.is_verified())  # type: ignore[union-attr,attr-defined]  # django-otp's middleware


@login_required_404
@require_http_methods(["GET", "POST"])
def totp_setup(request: HttpRequest) -> HttpResponse:
    """Scan the QR code (or type the secret), confirm with the first code; then the recovery codes, once."""
    user = _account(request)
    next_url = _next(request)
    if twofactor.has_second_factor(user) and not _verified(request):
        return redirect(f"{reverse('accounts:second_factor')}?{urlencode({'next': request.get_full_path()})}")
    key = request.session.get(_SETUP_KEY)
    if request.method == "GET" or not key:
        key = twofactor.new_key()
        request.session[_SETUP_KEY] = key
    error = ""
    if request.method == "POST":
        codes = twofactor.set_up_totp(user=user, key=key, token=request.POST.get("token", ""))
        if codes is not None:
            del request.session[_SETUP_KEY]
            twofactor.verify_after_setup(request=request)
            messages.success(request, _("Die Zwei-Faktor-Anmeldung ist eingerichtet."))
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url})
        error = _("Der Code passt nicht. Bitte geben Sie den aktuellen Code aus Ihrer App ein.")
    uri = twofactor.setup_uri(user, key)
    context = {
        "qr": twofactor.qr_svg(uri),
        "secret": twofactor.secret_base32(user, key),
        "error": error,
        "next": next_url,
        "required": settings.KREISKURS_REQUIRE_2FA and twofactor.is_staff(user),
        "replacing": twofactor.has_second_factor(user),
    }
    return render(request, "accounts/totp_setup.html", context, status=400 if error else 200)


@login_required_404
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    """After login: a code from the app, or one of the recovery codes, opens the back office for this session."""
    user = _account(request)
    next_url = _next(request)
    if not twofactor.has_second_factor(user):
        return redirect(f"{reverse('accounts:totp_setup')}?{urlencode({'next': next_url})}")
    error = ""
    if request.method == "POST":
        if twofactor.verify_second_factor(request=request, token=request.POST.get("token", "")):
            return redirect(next_url)
        error = _("Der Code ist nicht gültig. Bitte versuchen Sie es mit dem aktuellen Code noch einmal.")
    return render(
        request, "accounts/second_factor.html", {"error": error, "next": next_url}, status=400 if error else 200
    )


@login_required_404
@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes (the earlier ones stop working); only in a session verified with the second factor."""
    user = _account(request)
    if not twofactor.has_second_factor(user) or not _verified(request):
        return redirect("accounts:second_factor")
    codes = twofactor.renew_recovery_codes(user=user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("accounts:account")})
