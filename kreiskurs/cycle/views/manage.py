"""Back office of the cycle: the mandate and the time plan, edited by the strategy team."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kreiskurs.accounts.access import district_for, login_required_404
from kreiskurs.audit.models import AuditEntry
from kreiskurs.core.feedback import attempt

from .. import selectors, services
from ..forms import MandateForm, StageForm
from ..models import Mandate, Stage, StageKind


@login_required_404
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, "cycle.view_time_plan")
    context = {
        "district": district,
        "plan": selectors.time_plan(district, with_bodies=True),
        "can_edit": rules.has_perm("cycle.manage_time_plan", request.user, district),
    }
    return render(request, "cycle/manage/overview.html", context)


@login_required_404
@require_http_methods(["GET", "POST"])
def mandate_edit(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, "cycle.manage_time_plan")
    mandate = Mandate.objects.filter(district=district).first()
    form = MandateForm(
        request.POST or None,
        instance=mandate,
        district=district,
        initial={"revision": mandate.revision if mandate else None},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {name: data[name] for name in MandateForm.Meta.fields if name != "bodies"}
        saved = attempt(
            request,
            form,
            lambda: services.save_mandate(
                by=request.user,
                district=district,
                values=values,
                bodies=data["bodies"],
                expected_revision=data["revision"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Der Auftrag wurde gespeichert."))
            return redirect("cycle_manage:overview", slug)
    context = {
        "district": district,
        "form": form,
        "title": _("Auftrag und Projektorganisation"),
        "history": AuditEntry.objects.for_object(mandate).select_related("actor")[:50] if mandate else None,
    }
    return render(request, "cycle/manage/form.html", context)


@login_required_404
@require_http_methods(["GET", "POST"])
def stage_edit(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    district = district_for(request.user, slug, "cycle.manage_time_plan")
    if kind not in StageKind.values:
        raise Http404
    stage = Stage.objects.filter(district=district, kind=kind).first()
    form = StageForm(request.POST or None, instance=stage, initial={"revision": stage.revision if stage else None})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {name: data[name] for name in StageForm.Meta.fields}
        saved = attempt(
            request,
            form,
            lambda: services.save_stage(
                by=request.user, district=district, kind=kind, values=values, expected_revision=data["revision"]
            ),
        )
        if saved is not None:
            messages.success(request, _("Die Phase „%(stage)s“ wurde gespeichert.") % {"stage": saved})
            return redirect("cycle_manage:overview", slug)
    context = {
        "district": district,
        "form": form,
        "title": _("Zeitplan: %(stage)s") % {"stage": StageKind(kind).label},
        "history": AuditEntry.objects.for_object(stage).select_related("actor")[:50] if stage else None,
    }
    return render(request, "cycle/manage/form.html", context)
