"""Indicators: public pages with charts and data tables; back office for definitions, values and imports."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from kreiskurs.accounts.access import district_for, login_required_404, row_in_district
from kreiskurs.audit.models import AuditEntry
from kreiskurs.core.feedback import attempt
from kreiskurs.core.models import Job
from kreiskurs.portal.caching import cache_public_page
from kreiskurs.strategy import selectors as strategy_selectors
from kreiskurs.territory.models import District, Municipality
from kreiskurs.uploads import TOO_LARGE

from . import charts, selectors, services
from .forms import IndicatorForm, MeasurementForm, UploadForm
from .importing import too_large_message
from .models import Indicator

#: URL segment → (kind, columns, title)
IMPORTS = {
    "indikatoren": ("indicators", services.INDICATOR_COLUMNS, gettext_lazy("Indikatoren importieren")),
    "messwerte": ("measurements", services.MEASUREMENT_COLUMNS, gettext_lazy("Messwerte importieren")),
}


def _charts(indicator: Indicator) -> dict[str, object]:
    series = selectors.district_series(indicator)
    period, municipal = selectors.municipal_latest(indicator)
    title = f"{indicator.name} ({indicator.unit})" if indicator.unit else indicator.name
    trend = charts.trend_svg(
        [(m.period, float(m.value)) for m in series],
        chart_id=f"trend-{indicator.pk}",
        title=title,
        unit=indicator.unit,
        baseline=float(indicator.baseline_value) if indicator.baseline_value is not None else None,
        target=float(indicator.target_value) if indicator.target_value is not None else None,
    )
    comparison = (
        charts.bar_svg(
            [(m.municipality.name, float(m.value)) for m in municipal if m.municipality],
            chart_id=f"gemeinden-{indicator.pk}",
            title=f"{title}, {period}",
            unit=indicator.unit,
            target=float(indicator.target_value) if indicator.target_value is not None else None,
        )
        if municipal
        else ""
    )
    # the SVG is built from escaped text by charts.py
    return {
        "series": series,
        "trend_svg": mark_safe(trend),
        "municipal_period": period,
        "municipal": municipal,
        "comparison_svg": mark_safe(comparison),
    }


@require_safe
@cache_public_page
def indicator_list(request: HttpRequest, district: District) -> HttpResponse:
    return render(
        request,
        "monitoring/indicator_list.html",
        {
            "district": district,
            "indicators": selectors.indicators_of(district),
            # the open-data tables are cut from the current version's exchange document
            "has_tables": strategy_selectors.current_version(district) is not None,
        },
    )


@require_safe
@cache_public_page
def indicator_detail(request: HttpRequest, district: District, code: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator, district=district, code=code)
    return render(
        request,
        "monitoring/indicator_detail.html",
        {"district": district, "indicator": indicator, **_charts(indicator)},
    )


# --- back office -----------------------------------------------------------------------------


@login_required_404
def manage_list(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.view_internal")
    context = {
        "district": district,
        "indicators": selectors.indicators_of(district),
        "can_manage": rules.has_perm("monitoring.manage_indicators", request.user, district),
    }
    return render(request, "monitoring/manage_list.html", context)


@login_required_404
@require_http_methods(["GET", "POST"])
def manage_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    district = district_for(request.user, slug, "monitoring.manage_indicators")
    indicator = row_in_district(Indicator.objects.all(), district, pk) if pk else None
    version = strategy_selectors.open_version(district) or strategy_selectors.current_version(district)
    form = IndicatorForm(
        request.POST or None,
        instance=indicator,
        version=version,
        initial={"revision": getattr(indicator, "revision", None)},
    )
    if request.method == "POST" and form.is_valid():
        values = {n: form.cleaned_data[n] for n in IndicatorForm.Meta.fields}
        target = indicator or Indicator()

        def write() -> Indicator:
            return services.save_indicator_with_links(
                by=request.user,
                district=district,
                indicator=target,
                values=values,
                expected_revision=form.cleaned_data.get("revision"),
                goals=[g.lineage for g in form.cleaned_data["goals"]],
                measures=[m.lineage for m in form.cleaned_data["measures"]],
            )

        saved = attempt(request, form, write)
        if saved is not None:
            messages.success(request, _("%(obj)s wurde gespeichert.") % {"obj": saved})
            return redirect("monitoring_manage:detail", slug, saved.pk)
    title = _("Indikator bearbeiten") if indicator else _("Indikator anlegen")
    history = AuditEntry.objects.for_object(indicator).select_related("actor")[:50] if indicator else None
    return render(
        request,
        "strategy/manage/form.html",
        {"district": district, "form": form, "obj": indicator, "title": title, "history": history},
    )


@login_required_404
@require_http_methods(["GET", "POST"])
def manage_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.view_internal")
    indicator = row_in_district(Indicator.objects.all(), district, pk)
    can_manage = rules.has_perm("monitoring.manage_indicators", request.user, district)
    own = [
        m
        for m in Municipality.objects.filter(district=district)
        if rules.has_perm("monitoring.report_measurement", request.user, m)
    ]
    can_report = can_manage or (indicator.scope == "municipality" and bool(own))
    form = MeasurementForm(
        request.POST or None,
        indicator=indicator,
        municipalities=None if can_manage else Municipality.objects.filter(pk__in=[m.pk for m in own]),
    )
    if request.method == "POST":
        if not can_report:
            raise Http404
        if form.is_valid():
            try:
                services.record_measurement(
                    by=request.user,
                    indicator=indicator,
                    municipality=form.cleaned_data.get("municipality"),
                    period=form.cleaned_data["period"],
                    value=form.cleaned_data["value"],
                    source=form.cleaned_data["source"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Der Messwert wurde gespeichert."))
                return redirect("monitoring_manage:detail", slug, pk)
    context = {
        "district": district,
        "indicator": indicator,
        "form": form if can_report else None,
        "measurements": selectors.measurements_of(indicator),
        "can_manage": can_manage,
        **_charts(indicator),
    }
    return render(request, "monitoring/manage_detail.html", context)


@login_required_404
@require_http_methods(["GET", "POST"])
def manage_import(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """Upload → preview (new, changed, unchanged, skipped, errors) → confirm → import.

    The first POST carries the file and shows what an import would do; the second confirms the kept upload.
    """
    district = district_for(request.user, slug, "monitoring.manage_indicators")
    if kind not in IMPORTS:
        raise Http404
    import_kind, columns, title = IMPORTS[kind]
    indicators = Indicator.objects.filter(district=district) if import_kind == "measurements" else None
    context: dict[str, object] = {"district": district, "title": title, "columns": columns}
    if request.method == "POST" and "confirm" in request.POST:
        try:
            outcome = services.confirm_upload(
                by=request.user, district=district, pending_id=_int(request.POST.get("confirm"))
            )
        except services.ImportRejected as exc:
            context["rejected"] = exc
        else:
            if isinstance(outcome, Job):  # a large file: its page shows the progress
                return redirect("core:job", outcome.pk)
            messages.success(request, _("Import erfolgreich: %(summary)s.") % {"summary": outcome})
            return redirect("monitoring_manage:list", slug)
        form = UploadForm(indicators=indicators)
    else:
        form = UploadForm(request.POST or None, request.FILES or None, indicators=indicators)
        too_large = getattr(request, TOO_LARGE, None)
        if too_large is not None:
            form = UploadForm(indicators=indicators)
            context["too_large"] = too_large_message()  # the upload was cut off: its full size is unknown
        elif request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                pending, plan = services.stage_upload(
                    by=request.user,
                    district=district,
                    kind=import_kind,
                    data=upload.read(),
                    filename=upload.name,
                    indicator_code=form.cleaned_data.get("indicator", ""),
                )
            except services.ImportRejected as exc:
                context["rejected"] = exc
            else:
                context["plan"], context["pending"] = plan, pending
                if plan.errors:
                    context["rejected"] = plan.rejected()
    context["form"] = form
    return render(request, "monitoring/manage_import.html", context)


def _int(value: str | None) -> int:
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 19 else 0
