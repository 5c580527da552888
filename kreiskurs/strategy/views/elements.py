"""Back office: the draft's vision, values, fields of action, goals and criteria.

One generic list/edit/delete trio serves every simple element kind; what
differs per kind is data (:data:`KINDS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from kreiskurs.accounts.access import district_for, login_required_404, row_in_district
from kreiskurs.audit.models import AuditEntry
from kreiskurs.core.feedback import attempt
from kreiskurs.core.sections import render_slot
from kreiskurs.strategy import selectors, services
from kreiskurs.strategy.forms import (
    BaselineSectionForm,
    CriterionForm,
    FieldOfActionForm,
    GoalForm,
    SwotItemForm,
    ValueForm,
    VersionForm,
)
from kreiskurs.strategy.models import BaselineSection, Criterion, FieldOfAction, Goal, SwotItem, Value

from .editing import working_version


@dataclass(frozen=True)
class Kind:
    key: str
    model: type[models.Model]
    form: type[Any]
    label: Any
    label_plural: Any
    columns: tuple[str, ...]
    scoped: bool = False  # the form needs the version for its choices


KINDS = {
    "werte": Kind("werte", Value, ValueForm, gettext_lazy("Wert"), gettext_lazy("Werte"), ("title",)),
    "handlungsfelder": Kind(
        "handlungsfelder",
        FieldOfAction,
        FieldOfActionForm,
        gettext_lazy("Handlungsfeld"),
        gettext_lazy("Handlungsfelder"),
        ("code", "title"),
    ),
    "ziele": Kind(
        "ziele", Goal, GoalForm, gettext_lazy("Ziel"), gettext_lazy("Ziele"), ("code", "title", "field", "parent"), True
    ),
    "kriterien": Kind(
        "kriterien",
        Criterion,
        CriterionForm,
        gettext_lazy("Kriterium"),
        gettext_lazy("Kriterien"),
        ("title", "kind", "weight"),
    ),
    "ausgangslage": Kind(
        "ausgangslage",
        BaselineSection,
        BaselineSectionForm,
        gettext_lazy("Abschnitt der Ausgangslage"),
        gettext_lazy("Ausgangslage"),
        ("title", "field"),
        True,
    ),
    "swot": Kind(
        "swot",
        SwotItem,
        SwotItemForm,
        gettext_lazy("SWOT-Befund"),
        gettext_lazy("SWOT-Befunde"),
        ("text", "kind"),
        True,
    ),
}


def _kind(key: str) -> Kind:
    if key not in KINDS:
        raise Http404
    return KINDS[key]


@login_required_404
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.view_internal")
    current, opened = selectors.current_and_open(district, kept=("overview", "figures"))  # with the two kept below
    version = opened or current
    implementation = selectors.implementation_overview(current) if current else None
    phases = implementation.phases if implementation and version == current else None  # read once
    context = {
        "district": district,
        "version": version,
        "has_version": True if version else None,  # None: the frame's navigation asks (core/manage_base.html)
        "current": current,
        "figures": selectors.key_figures(version, phases=phases) if version else None,
        "can_edit": rules.has_perm("strategy.edit_strategy", request.user, district),
        "can_manage_versions": rules.has_perm("strategy.manage_versions", request.user, district),
        "can_manage_stakeholders": rules.has_perm("actors.manage_stakeholders", request.user, district),
        "kinds": KINDS.values(),
        "recent": selectors.latest_audit_entries(request.user, district, 10),
        "overdue": implementation.overdue if implementation else [],
        "overdue_count": implementation.overdue_count if implementation else 0,
        "by_phase": implementation.by_phase if implementation else [],
        "milestones": selectors.next_milestones(current) if current else [],
        "today": timezone.localdate(),
        "progress": implementation.progress if implementation else None,
        "sections": render_slot("manage.dashboard", request, district=district),
        "participation_sections": render_slot("manage.dashboard.participation", request, district=district),
    }
    return render(request, "strategy/manage/dashboard.html", context)


@login_required_404
@require_http_methods(["GET", "POST"])
def vision_edit(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.edit_strategy")
    version = working_version(district)
    form = VersionForm(request.POST or None, instance=version, initial={"revision": version.revision})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        text = services.VersionText(
            vision_title=data["vision_title"], vision_text=data["vision_text"], change_summary=data["change_summary"]
        )
        saved = attempt(
            request,
            form,
            lambda: services.update_version_text(
                by=request.user, version=version, values=text, expected_revision=data["revision"]
            ),
        )
        if saved is not None:
            messages.success(request, _("Das Leitbild wurde gespeichert."))
            return redirect("manage:dashboard", slug)
    return render(
        request,
        "strategy/manage/form.html",
        {
            "district": district,
            "version": version,
            "form": form,
            "title": _("Leitbild und Änderungszusammenfassung"),
            "obj": version,
        },
    )


@login_required_404
def element_list(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.view_internal")
    k = _kind(kind)
    version = working_version(district)
    rows = k.model._default_manager.filter(version=version)
    if k.model in (Goal, BaselineSection):
        rows = rows.select_related(*(("field", "parent") if k.model is Goal else ("field",)))
    context = {
        "district": district,
        "version": version,
        "kind": k,
        "rows": rows,
        "can_edit": version.is_editable and rules.has_perm("strategy.edit_strategy", request.user, district),
    }
    return render(request, "strategy/manage/element_list.html", context)


@login_required_404
@require_http_methods(["GET", "POST"])
def element_edit(request: HttpRequest, slug: str, kind: str, pk: int | None = None) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.edit_strategy")
    k = _kind(kind)
    version = working_version(district)
    obj = row_in_district(k.model._default_manager.filter(version=version), district, pk) if pk else None
    kwargs: dict[str, Any] = {"instance": obj}
    if k.scoped:
        kwargs["version"] = version
    form = k.form(request.POST or None, initial={"revision": getattr(obj, "revision", None)}, **kwargs)
    if request.method == "POST" and form.is_valid():
        many = {f.name for f in k.model._meta.many_to_many}
        values = {name: form.cleaned_data[name] for name in form.Meta.fields if name not in many}
        m2m = {name: form.cleaned_data[name] for name in form.Meta.fields if name in many}
        existing = obj
        saved = attempt(
            request,
            form,
            lambda: (
                services.create_element(by=request.user, version=version, model=k.model, values=values, m2m=m2m)
                if existing is None
                else services.update_element(
                    by=request.user,
                    obj=existing,
                    values=values,
                    m2m=m2m,
                    expected_revision=form.cleaned_data["revision"],
                )
            ),
        )
        if saved is not None:
            messages.success(request, _("%(obj)s wurde gespeichert.") % {"obj": saved})
            return redirect("manage:elements", slug, kind)
    context = {
        "district": district,
        "version": version,
        "form": form,
        "obj": obj,
        "kind": k,
        "title": (_("%(kind)s bearbeiten") if obj else _("%(kind)s anlegen")) % {"kind": k.label},
        "history": AuditEntry.objects.for_lineage(
            obj._meta.label_lower, str(getattr(obj, "lineage", ""))
        ).select_related("actor")[:50]
        if obj
        else None,
        "delete_url": f"{request.path}loeschen/" if obj else None,
    }
    return render(request, "strategy/manage/form.html", context)


@login_required_404
@require_POST
def element_delete(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.edit_strategy")
    k = _kind(kind)
    version = working_version(district)
    obj = row_in_district(k.model._default_manager.filter(version=version), district, pk)
    try:
        services.delete_element(by=request.user, obj=obj)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(obj)s wurde gelöscht.") % {"obj": obj})
    return redirect("manage:elements", slug, kind)
