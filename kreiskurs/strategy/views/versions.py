"""Back office: versions — consultation, adoption, adoption records, revision."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kreiskurs.accounts.access import district_for, login_required_404, row_in_district
from kreiskurs.core.feedback import attempt
from kreiskurs.strategy import selectors, services
from kreiskurs.strategy.adoption import open_items
from kreiskurs.strategy.forms import AdoptionForm, ConsultationForm, RevisionStartForm, SettleForm
from kreiskurs.strategy.models import Strategy, StrategyVersion, VersionState


@login_required_404
def version_list(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.view_internal")
    context = {
        "district": district,
        "versions": selectors.versions_visible_to(district, request.user),
        "open_version": selectors.open_version(district),
        "current": selectors.current_version(district),
        "can_manage": rules.has_perm("strategy.manage_versions", request.user, district),
        "revision_form": RevisionStartForm(),
        "consultation_form": ConsultationForm(),
    }
    return render(request, "strategy/manage/version_list.html", context)


def _version(district: object, pk: int) -> StrategyVersion:
    return row_in_district(StrategyVersion.objects.all(), district, pk)  # type: ignore[arg-type]


@login_required_404
@require_http_methods(["GET", "POST"])
def adopt(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.manage_versions")
    version = _version(district, pk)
    form = AdoptionForm(request.POST or None, district=district)
    settle_form = SettleForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and settle_form.is_valid():
        data = form.cleaned_data
        adopted = attempt(
            request,
            form,
            lambda: services.adopt_version(
                by=request.user,
                version=version,
                body=data["body"],
                date=data["date"],
                reference=data["reference"],
                url=data["url"],
                municipality=data["municipality"],
                settle=settle_form.cleaned_data["settle"],
            ),
        )
        if adopted is not None:
            messages.success(request, _("Version %(n)s ist beschlossen und veröffentlicht.") % {"n": version.number})
            return redirect("manage:versions", slug)
    title = _("Version %(n)s beschließen") % {"n": version.number}
    items = open_items(version)
    return render(
        request,
        "strategy/manage/adopt.html",
        {
            "district": district,
            "version": version,
            "form": form,
            "settle_form": settle_form if items else None,
            "open_items": items,
            "title": title,
        },
    )


@login_required_404
@require_http_methods(["GET", "POST"])
def add_adoption(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.manage_versions")
    version = _version(district, pk)
    form = AdoptionForm(request.POST or None, district=district)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        recorded = attempt(
            request,
            form,
            lambda: services.record_adoption(
                by=request.user,
                version=version,
                body=data["body"],
                date=data["date"],
                reference=data["reference"],
                url=data["url"],
                municipality=data["municipality"],
            ),
        )
        if recorded is not None:
            messages.success(request, _("Der Beschluss wurde erfasst."))
            return redirect("manage:versions", slug)
    title = _("Weiteren Beschluss zu Version %(n)s erfassen") % {"n": version.number}
    return render(
        request, "strategy/manage/form.html", {"district": district, "version": version, "form": form, "title": title}
    )


@login_required_404
@require_POST
def set_state(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.manage_versions")
    version = _version(district, pk)
    state = request.POST.get("state", "")
    form = ConsultationForm(request.POST)
    until = form.cleaned_data.get("until") if form.is_valid() else None
    try:
        services.set_version_state(by=request.user, version=version, state=state, until=until)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if state == VersionState.CONSULTATION:
            messages.success(request, _("Der Entwurf ist jetzt öffentlich in der Beteiligung."))
        else:
            messages.success(request, _("Der Entwurf ist wieder in Bearbeitung."))
    return redirect("manage:versions", slug)


@login_required_404
@require_POST
def start_revision(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.manage_versions")
    form = RevisionStartForm(request.POST)
    form.is_valid()
    strategy = get_object_or_404(Strategy, district=district)
    try:
        draft = services.start_revision(
            by=request.user, strategy=strategy, change_summary=form.cleaned_data.get("change_summary", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Version %(n)s ist als Entwurf angelegt.") % {"n": draft.number})
    return redirect("manage:versions", slug)
