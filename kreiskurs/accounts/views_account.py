"""Public account pages: login, the own account (address, password), password reset, invitations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kreiskurs.net import client_ip

from . import addresses, invitations, selectors
from .access import login_required_404
from .forms import EmailForm, KernPasswordChangeForm, KernSetPasswordForm, PasswordResetRequestForm
from .models import User
from .twofactor import has_second_factor


class LoginView(auth_views.LoginView):
    """Django's login; a user whose roles all lie in one district starts in its back office.

    That applies where no page asked to come back to (no ``next``, or the
    platform's start page); otherwise the current behaviour stays.
    """

    template_name = "accounts/login.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from django.conf import settings

        from .oidc import enabled

        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["oidc_name"] = (settings.KREISKURS_OIDC_NAME or _("Dienstkonto")) if enabled() else ""
        return context

    def get_success_url(self) -> str:
        wanted = self.get_redirect_url()
        if wanted in ("", reverse("portal:index")):
            district = selectors.only_district(self.request.user)
            if district is not None:
                return reverse("manage:dashboard", args=[district.slug])
        return wanted or self.get_default_redirect_url()


def _account(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required_404 let only accounts through
    return user


@login_required_404
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    """The own account: the e-mail address (changing it needs a new confirmation) and the password."""
    user = _account(request)
    form = EmailForm(request.POST or None, initial={"email": user.email})
    if request.method == "POST" and form.is_valid():
        try:
            changed = addresses.change_email(user=user, email=form.cleaned_data["email"] or "")
        except ValidationError as exc:
            form.add_error("email", exc)
        else:
            if changed and user.email:
                messages.success(
                    request,
                    _("Wir haben Ihnen einen Link an %(email)s geschickt. Bitte bestätigen Sie die Adresse.")
                    % {"email": user.email},
                )
            elif changed:
                messages.success(request, _("Ihre E-Mail-Adresse ist entfernt."))
            return redirect("accounts:account")
    context = {"form": form, "account": user, "second_factor": has_second_factor(user)}
    return render(request, "accounts/account.html", context)


@login_required_404
@require_POST
def resend_confirmation(request: HttpRequest) -> HttpResponse:
    try:
        sent = addresses.resend_confirmation(user=_account(request), address=client_ip(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if sent:
            messages.success(request, _("Der Bestätigungslink ist unterwegs."))
    return redirect("accounts:account")


@require_http_methods(["GET", "POST"])
def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the confirmation mail: a button confirms (links opened by mail scanners change nothing)."""
    if request.method == "POST":
        try:
            addresses.confirm_email(token=token)
        except ValidationError as exc:
            return render(request, "accounts/confirm_email.html", {"error": " ".join(exc.messages)}, status=400)
        messages.success(request, _("Vielen Dank, Ihre E-Mail-Adresse ist bestätigt."))
        return redirect("accounts:account" if request.user.is_authenticated else "accounts:login")
    return render(request, "accounts/confirm_email.html", {"error": ""})


@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    """Ask for a reset link; the answer is the same whether the address is known or not."""
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            addresses.request_password_reset(email=form.cleaned_data["email"], address=client_ip(request))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("accounts:password_reset_sent")
    return render(
        request, "accounts/password_reset.html", {"form": form}, status=429 if form.non_field_errors() else 200
    )


def password_reset_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_sent.html")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's check of the link (single use, expiring) and the form for the new password."""

    template_name = "accounts/password_reset_confirm.html"
    form_class = KernSetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")


def password_reset_complete(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_complete.html")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change (the session stays signed in), back to the account page."""

    template_name = "accounts/password_change.html"
    form_class = KernPasswordChangeForm
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Ihr Passwort ist geändert."))
        return response


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """An invitation link: sign in or register, then accept."""
    try:
        offer = invitations.open_invitation(token)
    except ValidationError as exc:
        return render(request, "accounts/invitation.html", {"error": " ".join(exc.messages)}, status=404)
    if request.method == "POST" and request.user.is_authenticated:
        try:
            membership = invitations.accept_invitation(user=_account(request), token=token)
        except ValidationError as exc:
            return render(request, "accounts/invitation.html", {"error": " ".join(exc.messages)}, status=400)
        messages.success(
            request,
            _("Sie haben jetzt die Rolle „%(role)s“ im %(district)s.")
            % {"role": membership.get_role_display(), "district": membership.district.display_name},
        )
        return redirect("manage:dashboard", membership.district.slug)
    return render(request, "accounts/invitation.html", {"offer": offer, "error": "", "path": request.path})
