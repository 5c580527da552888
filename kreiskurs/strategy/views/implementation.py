"""Back office: status reports and what is due ("Meine Maßnahmen")."""

from __future__ import annotations

import uuid

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kreiskurs.accounts.access import district_for, login_required_404
from kreiskurs.core.feedback import attempt
from kreiskurs.strategy import selectors, services
from kreiskurs.strategy.forms import ImplementationChangeForm, MilestoneDoneForm, StatusReportForm
from kreiskurs.strategy.models import Measure
from kreiskurs.territory.models import District

from ..selectors.living import living_plan
from .editing import working_version


def _measure_for_reporting(district: District, lineage: str) -> Measure:
    """The measure as in the current (adopted) version, else as in the newest version."""
    try:
        identity = uuid.UUID(lineage)
    except ValueError:
        raise Http404 from None
    rows = selectors.with_implementation(Measure.objects.filter(district=district, lineage=identity))
    measure = rows.filter(version__state="adopted").first() or rows.order_by("-version__number").first()
    if measure is None:
        raise Http404
    return measure


@login_required_404
@require_http_methods(["GET", "POST"])
def status_report(request: HttpRequest, slug: str, lineage: str) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.view_internal")
    measure = _measure_for_reporting(district, lineage)
    if not rules.has_perm("strategy.report_status", request.user, measure):
        raise Http404
    initial = {
        "date": timezone.localdate(),
        "phase": getattr(measure, "current_phase", measure.phase),
        "progress": getattr(measure, "current_progress", None) or 0,
    }
    form = StatusReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        report = attempt(
            request, form, lambda: services.record_status_report(by=request.user, measure=measure, **form.cleaned_data)
        )
        if report is not None:
            messages.success(request, _("Der Statusbericht zu %(m)s wurde gespeichert.") % {"m": measure})
            return redirect("manage:my_measures", slug)
    milestones = [
        (milestone, MilestoneDoneForm(prefix=f"ms{milestone.pk}"))
        for milestone in selectors.milestones_reached(measure.milestones.order_by("due", "id"))
    ]
    context = {
        "district": district,
        "measure": measure,
        "form": form,
        "timeline": selectors.timeline(measure),
        "milestones": milestones,
        "change_form": ImplementationChangeForm(measure=measure, prefix="change"),
        "plan": living_plan(measure),
    }
    return render(request, "strategy/manage/status_report.html", context)


@login_required_404
@require_http_methods(["POST"])
def implementation_change(request: HttpRequest, slug: str, lineage: str) -> HttpResponse:
    """A rescheduled date or a new responsible person on the running measure (no new version)."""
    district = district_for(request.user, slug, "strategy.view_internal")
    measure = _measure_for_reporting(district, lineage)
    if not rules.has_perm("strategy.report_status", request.user, measure):
        raise Http404
    form = ImplementationChangeForm(request.POST, measure=measure, prefix="change")
    if form.is_valid():
        try:
            services.record_implementation_change(by=request.user, measure=measure, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Die Änderung zu %(m)s ist gespeichert.") % {"m": measure})
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("manage:status_report", slug, lineage)


@login_required_404
@require_http_methods(["POST"])
def milestone_done(request: HttpRequest, slug: str, lineage: str, pk: int) -> HttpResponse:
    """Record that a milestone was reached (also in an adopted version)."""
    district = district_for(request.user, slug, "strategy.view_internal")
    measure = _measure_for_reporting(district, lineage)
    if not rules.has_perm("strategy.report_status", request.user, measure):
        raise Http404
    milestone = get_object_or_404(measure.milestones, pk=pk)
    form = MilestoneDoneForm(request.POST, prefix=f"ms{milestone.pk}")
    if form.is_valid():
        try:
            services.record_milestone_done(by=request.user, milestone=milestone, done_on=form.cleaned_data["done_on"])
            messages.success(request, _("Meilenstein „%(m)s“ gespeichert.") % {"m": milestone.title})
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Bitte ein gültiges Datum angeben (TT.MM.JJJJ)."))
    return redirect("manage:status_report", slug, lineage)


@login_required_404
def my_measures(request: HttpRequest, slug: str) -> HttpResponse:
    """For measure leads: their measures; for the strategy team: every active measure — with what is due."""
    district = district_for(request.user, slug, "strategy.view_internal")
    version = selectors.current_version(district) or working_version(district)
    team = rules.has_perm("strategy.edit_strategy", request.user, district)
    lineages = None if team else selectors.measure_lead_lineages(request.user, district)
    context = {
        "district": district,
        "version": version,
        "rows": selectors.due_reports(version, lineages=lineages),
        "team": team,
    }
    return render(request, "strategy/manage/my_measures.html", context)
