"""Back office entry: the districts a user works in; creating a strategy; the audit log."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kreiskurs.accounts.access import district_for, login_required_404
from kreiskurs.accounts.rules import member_district_ids, memberships
from kreiskurs.strategy import selectors, services
from kreiskurs.strategy.models import Strategy
from kreiskurs.territory.models import District


@login_required_404
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    districts = (
        District.objects.all() if user.is_superuser else District.objects.filter(pk__in=member_district_ids(user))
    )
    roles: dict[int, list[str]] = {}
    for m in memberships(user):
        roles.setdefault(m.district_id, []).append(m.get_role_display())
    rows = [(d, roles.get(d.pk, []), hasattr(d, "strategy")) for d in districts.select_related("strategy")]
    return render(request, "strategy/manage/home.html", {"rows": rows})


@login_required_404
@require_POST
def create_strategy(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.manage_versions")
    if Strategy.objects.filter(district=district).exists():
        messages.info(request, _("Der Kreis hat bereits eine Strategie."))
    else:
        try:
            services.create_strategy(by=request.user, district=district)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Die Strategie ist angelegt; Version 1 ist ein leerer Entwurf."))
    return redirect("manage:dashboard", slug)


@login_required_404
def audit_log(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, "audit.view_log")
    page = Paginator(selectors.audit_entries_for(request.user, district), 50).get_page(request.GET.get("seite"))
    return render(request, "strategy/manage/audit_log.html", {"district": district, "page": page})
