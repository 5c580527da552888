"""Back office: who holds which role in the district, and who is invited; registration."""

from __future__ import annotations

import uuid

import rules
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kreiskurs.net import client_ip

from . import invitations, selectors, services
from .access import district_for, login_required_404, row_in_district
from .backends import PASSWORD_BACKEND
from .forms import GrantRoleForm, RegisterForm
from .models import Invitation, Membership


def _measure_choices(district: object) -> list[tuple[str, str]]:
    """Measures of the newest version, by lineage (a role survives revisions)."""
    from django.apps import apps

    measure_model = apps.get_model("strategy", "Measure")
    rows = (
        measure_model.objects.filter(district=district)
        .order_by("lineage", "-version__number")
        .values_list("lineage", "code", "title")
    )
    seen: dict[str, str] = {}
    for lineage, code, title in rows:
        seen.setdefault(str(lineage), f"{code} {title}")
    return sorted(seen.items(), key=lambda item: item[1])


@login_required_404
@require_http_methods(["GET", "POST"])
def memberships(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.view_internal")
    can_manage = rules.has_perm("accounts.manage_memberships", request.user, district)
    measures = _measure_choices(district)
    form = GrantRoleForm(request.POST or None, district=district, measures=measures)
    if request.method == "POST":
        if not can_manage:
            return redirect("roles:memberships", slug)
        if form.is_valid():
            person = form.cleaned_data["person"]
            offer = {
                "by": request.user,
                "district": district,
                "role": form.cleaned_data["role"],
                "municipality": form.cleaned_data.get("municipality"),
                "measure_lineage": uuid.UUID(form.cleaned_data["measure"])
                if form.cleaned_data.get("measure")
                else None,
            }
            try:
                if isinstance(person, str):
                    result = invitations.grant_role_by_email(email=person, **offer)
                else:
                    result = services.grant_role(user=person, **offer)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                if isinstance(result, Invitation):
                    messages.success(request, _("Die Einladung an %(email)s ist verschickt.") % {"email": result.email})
                else:
                    messages.success(request, _("Die Rolle wurde vergeben."))
                return redirect("roles:memberships", slug)
    rows = (
        Membership.objects.filter(district=district)
        .select_related("user", "municipality")
        .order_by("role", "user__username")
    )
    labels = dict(measures)
    context = {
        "district": district,
        "rows": [(m, labels.get(str(m.measure_lineage), "")) for m in rows],
        "form": form if can_manage else None,
        "invitations": selectors.pending_invitations(district) if can_manage else [],
        "now": timezone.now(),
    }
    return render(request, "accounts/memberships.html", context)


@login_required_404
@require_POST
def revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    district = district_for(request.user, slug, "accounts.manage_memberships")
    membership = row_in_district(Membership.objects.select_related("user"), district, pk)
    services.revoke_role(by=request.user, membership=membership)
    messages.success(request, _("Die Rolle wurde entzogen."))
    return redirect("roles:memberships", slug)


@login_required_404
@require_POST
def revoke_invitation(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    district = district_for(request.user, slug, "accounts.manage_memberships")
    invitation = row_in_district(Invitation.objects.filter(accepted_at__isnull=True), district, pk)
    invitations.revoke_invitation(by=request.user, invitation=invitation)
    messages.success(request, _("Die Einladung wurde zurückgezogen."))
    return redirect("roles:memberships", slug)


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """Create a participant account (no role) and log in."""
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    form = RegisterForm(request.POST or None, session=request.session)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.register_account(
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
                display_name=form.cleaned_data.get("display_name") or "",
                email=form.cleaned_data.get("email") or "",
                address=client_ip(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            login(request, user, backend=PASSWORD_BACKEND)
            messages.success(request, _("Ihr Konto ist angelegt. Willkommen!"))
            if user.email:
                messages.info(
                    request,
                    _("Wir haben Ihnen einen Link an %(email)s geschickt. Bitte bestätigen Sie damit Ihre Adresse.")
                    % {"email": user.email},
                )
            return redirect(next_url)
    return render(request, "accounts/register.html", {"form": form, "next": next_url})
