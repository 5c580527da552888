"""Back office: evaluations planned ahead (the reminders come from ``planning``)."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kreiskurs.accounts.access import district_for, login_required_404, row_in_district
from kreiskurs.core.feedback import attempt

from . import planning
from .forms import PlanForm
from .models import EvaluationPlan


@login_required_404
@require_http_methods(["GET", "POST"])
def plan_list(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.view_internal")
    can_manage = rules.has_perm("evaluation.manage_rounds", request.user, district)
    form = PlanForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise Http404
        if form.is_valid():
            plan = attempt(
                request, form, lambda: planning.plan_evaluation(by=request.user, district=district, **form.cleaned_data)
            )
            if plan is not None:
                messages.success(request, _("Die Evaluation „%(p)s“ ist geplant.") % {"p": plan})
                return redirect("evaluation_manage:plans", slug)
    context = {
        "district": district,
        "plans": EvaluationPlan.objects.filter(district=district, done=False),
        "form": form if can_manage else None,
        "can_manage": can_manage,
    }
    return render(request, "evaluation/plans.html", context)


@login_required_404
@require_POST
def plan_done(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    district = district_for(request.user, slug, "evaluation.manage_rounds")
    plan = row_in_district(EvaluationPlan.objects.all(), district, pk)
    revision = request.POST.get("revision", "")
    try:
        planning.complete_plan(
            by=request.user, plan=plan, expected_revision=int(revision) if revision.isdigit() else None
        )
    except Exception as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, _("Die geplante Evaluation ist als erledigt vermerkt."))
    return redirect("evaluation_manage:plans", slug)
