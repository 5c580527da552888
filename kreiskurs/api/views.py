"""Back office: the district's write tokens, /<slug>/verwaltung/schnittstelle/."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kreiskurs.accounts.access import district_for, login_required_404, row_in_district
from kreiskurs.territory.models import Municipality

from . import selectors, tokens
from .forms import TokenForm
from .selectors import tokens_seen_by


@login_required_404
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.view_internal")
    targets = selectors.token_targets(request.user, district)
    form = TokenForm(request.POST or None, targets=targets)
    secret = None
    if request.method == "POST" and targets and form.is_valid():
        kind, _sep, value = form.cleaned_data["target"].partition(":")
        municipality = row_in_district(Municipality.objects.all(), district, value) if kind == "m" else None
        try:
            _token, secret = tokens.create_token(
                by=request.user,
                district=district,
                name=form.cleaned_data["name"],
                municipality=municipality,
                measure_lineage=None if municipality else uuid.UUID(value),
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, str(exc))
        else:
            form = TokenForm(targets=targets)
    rows = list(tokens_seen_by(request.user, district))
    context = {"district": district, "form": form if targets else None, "rows": rows, "secret": secret}
    return render(request, "api/manage/tokens.html", context)


@login_required_404
@require_POST
def revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.view_internal")
    token = row_in_district(tokens_seen_by(request.user, district), district, pk)
    tokens.revoke_token(by=request.user, token=token)
    messages.success(request, _("Der Schlüssel ist widerrufen."))
    return redirect("api_manage:tokens", slug)
