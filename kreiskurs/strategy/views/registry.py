"""Back office: the district's registries that are not versioned.

Existing strategies and their goals (the baseline the digital strategy is
embedded in): one list/edit/delete trio, configured per kind; plus the
alignment matrix editor. Actor groups and stakeholders are the actor
registry's own pages (``kreiskurs/actors/views/registry.py``).
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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from kreiskurs.accounts.access import district_for, login_required_404, row_in_district
from kreiskurs.audit.models import AuditEntry
from kreiskurs.core.feedback import attempt
from kreiskurs.strategy import selectors, services
from kreiskurs.strategy.forms import ExistingGoalForm, ExistingStrategyForm
from kreiskurs.strategy.models import Alignment, ExistingGoal, ExistingStrategy, Goal

from .editing import working_version


@dataclass(frozen=True)
class RegistryKind:
    key: str
    model: type[models.Model]
    form: type[Any]
    label: Any
    label_plural: Any
    columns: tuple[str, ...]
    view_perm: str
    edit_perm: str
    related: tuple[str, ...] = ()


REGISTRY = {
    "bestehende-strategien": RegistryKind(
        "bestehende-strategien",
        ExistingStrategy,
        ExistingStrategyForm,
        gettext_lazy("Bestehende Strategie"),
        gettext_lazy("Bestehende Strategien"),
        ("title", "owner", "year"),
        "strategy.view_internal",
        "strategy.edit_strategy",
    ),
    "strategieziele": RegistryKind(
        "strategieziele",
        ExistingGoal,
        ExistingGoalForm,
        gettext_lazy("Ziel einer bestehenden Strategie"),
        gettext_lazy("Ziele bestehender Strategien"),
        ("strategy", "code", "title"),
        "strategy.view_internal",
        "strategy.edit_strategy",
        ("strategy",),
    ),
}


def _kind(key: str) -> RegistryKind:
    if key not in REGISTRY:
        raise Http404
    return REGISTRY[key]


@login_required_404
def registry_list(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    k = _kind(kind)
    district = district_for(request.user, slug, k.view_perm)
    rows = k.model._default_manager.filter(district=district).select_related(*k.related)
    context = {
        "district": district,
        "kind": k,
        "rows": rows,
        "can_edit": rules.has_perm(k.edit_perm, request.user, district),
        "registry_kinds": [
            (key, other.label_plural)
            for key, other in REGISTRY.items()
            if rules.has_perm(other.view_perm, request.user, district)
        ],
    }
    return render(request, "strategy/manage/registry_list.html", context)


@login_required_404
@require_http_methods(["GET", "POST"])
def registry_edit(request: HttpRequest, slug: str, kind: str, pk: int | None = None) -> HttpResponse:
    k = _kind(kind)
    district = district_for(request.user, slug, k.edit_perm)
    obj = row_in_district(k.model._default_manager.all(), district, pk) if pk else None
    form = k.form(
        request.POST or None, instance=obj, district=district, initial={"revision": getattr(obj, "revision", None)}
    )
    if request.method == "POST" and form.is_valid():
        values = {n: form.cleaned_data[n] for n in form.Meta.fields}
        target = obj or k.model()
        saved = attempt(
            request,
            form,
            lambda: services.save_registry_row(
                by=request.user,
                district=district,
                obj=target,
                values=values,
                expected_revision=form.cleaned_data.get("revision"),
            ),
        )
        if saved is not None:
            messages.success(request, _("%(obj)s wurde gespeichert.") % {"obj": saved})
            return redirect("manage:registry", slug, kind)
    context = {
        "district": district,
        "form": form,
        "obj": obj,
        "kind": k,
        "title": (_("%(kind)s bearbeiten") if obj else _("%(kind)s anlegen")) % {"kind": k.label},
        "history": AuditEntry.objects.for_object(obj).select_related("actor")[:50] if obj else None,
        "delete_url": f"{request.path}loeschen/" if obj else None,
    }
    return render(request, "strategy/manage/form.html", context)


@login_required_404
@require_POST
def registry_delete(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    k = _kind(kind)
    district = district_for(request.user, slug, k.edit_perm)
    obj = row_in_district(k.model._default_manager.all(), district, pk)
    try:
        services.delete_registry_row(by=request.user, district=district, obj=obj)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(obj)s wurde gelöscht.") % {"obj": obj})
    return redirect("manage:registry", slug, kind)


@login_required_404
@require_http_methods(["GET", "POST"])
def alignment_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Edit the whole alignment matrix of the draft in one form."""
    district = district_for(request.user, slug, "strategy.view_internal")
    version = working_version(district)
    matrix = selectors.alignment_matrix(version)
    can_edit = version.is_editable and rules.has_perm("strategy.edit_strategy", request.user, district)
    if request.method == "POST":
        if not can_edit:
            raise Http404
        cells = {
            (goal.pk, column.pk): request.POST.get(f"a-{goal.pk}-{column.pk}", "")
            for goal in matrix.goals
            for column in matrix.columns
        }
        try:
            services.set_alignment_matrix(by=request.user, version=version, cells=cells)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Der Abgleich wurde gespeichert."))
            return redirect("manage:alignment", slug)
    context = {
        "district": district,
        "version": version,
        "matrix": matrix,
        "kinds": Alignment.Kind.choices,
        "can_edit": can_edit,
        "goal_model": Goal,
    }
    return render(request, "strategy/manage/alignment.html", context)
