"""Stakeholders and actor groups: list, create, edit (with their history) and delete.

Both need ``actors.manage_stakeholders``: stakeholders' contact data is
personal data. The URLs are the back office's ``register/akteure/`` and
``register/akteursgruppen/`` (they began in the strategy's registry).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kreiskurs.accounts.access import district_for, login_required_404, row_in_district
from kreiskurs.audit.models import AuditEntry
from kreiskurs.core.feedback import attempt
from kreiskurs.territory.models import District

from .. import services
from ..forms import ActorGroupForm, StakeholderForm
from ..models import ActorGroup, Stakeholder

PERM = "actors.manage_stakeholders"


def _form_page(
    request: HttpRequest, district: District, form: Any, obj: Any, title: str, delete_url: str | None
) -> HttpResponse:
    context = {
        "district": district,
        "form": form,
        "obj": obj,
        "title": title,
        "history": AuditEntry.objects.for_object(obj).select_related("actor")[:50] if obj else None,
        "delete_url": delete_url,
    }
    return render(request, "actors/manage/form.html", context)


def _deleted_or_refused(request: HttpRequest, obj: Any, delete: Any) -> None:
    try:
        delete()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(obj)s wurde gelöscht.") % {"obj": obj})


# --- stakeholders -------------------------------------------------------------------------------


@login_required_404
def stakeholder_list(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, PERM)
    rows = Stakeholder.objects.filter(district=district).select_related("group")
    return render(request, "actors/manage/stakeholder_list.html", {"district": district, "rows": rows})


@login_required_404
@require_http_methods(["GET", "POST"])
def stakeholder_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    district = district_for(request.user, slug, PERM)
    obj = row_in_district(Stakeholder.objects.all(), district, pk) if pk else None
    form = StakeholderForm(
        request.POST or None, instance=obj, district=district, initial={"revision": obj.revision if obj else None}
    )
    if request.method == "POST" and form.is_valid():
        values = {n: form.cleaned_data[n] for n in StakeholderForm.Meta.fields}
        saved = attempt(
            request,
            form,
            lambda: services.save_stakeholder(
                by=request.user,
                district=district,
                stakeholder=obj,
                values=values,
                expected_revision=form.cleaned_data.get("revision"),
            ),
        )
        if saved is not None:
            messages.success(request, _("%(obj)s wurde gespeichert.") % {"obj": saved})
            return redirect("actors:stakeholders", slug)
    title = _("Akteur bearbeiten") if obj else _("Akteur anlegen")
    delete_url = reverse("actors:stakeholder_delete", args=[slug, obj.pk]) if obj else None
    return _form_page(request, district, form, obj, title, delete_url)


@login_required_404
@require_POST
def stakeholder_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    district = district_for(request.user, slug, PERM)
    obj = row_in_district(Stakeholder.objects.all(), district, pk)
    _deleted_or_refused(
        request, obj, lambda: services.delete_stakeholder(by=request.user, district=district, stakeholder=obj)
    )
    return redirect("actors:stakeholders", slug)


# --- actor groups -------------------------------------------------------------------------------


@login_required_404
def group_list(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, PERM)
    rows = ActorGroup.objects.filter(district=district)
    return render(request, "actors/manage/group_list.html", {"district": district, "rows": rows})


@login_required_404
@require_http_methods(["GET", "POST"])
def group_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    district = district_for(request.user, slug, PERM)
    obj = row_in_district(ActorGroup.objects.all(), district, pk) if pk else None
    form = ActorGroupForm(request.POST or None, instance=obj, initial={"revision": obj.revision if obj else None})
    if request.method == "POST" and form.is_valid():
        values = {n: form.cleaned_data[n] for n in ActorGroupForm.Meta.fields}
        saved = attempt(
            request,
            form,
            lambda: services.save_actor_group(
                by=request.user,
                district=district,
                group=obj,
                values=values,
                expected_revision=form.cleaned_data.get("revision"),
            ),
        )
        if saved is not None:
            messages.success(request, _("%(obj)s wurde gespeichert.") % {"obj": saved})
            return redirect("actors:groups", slug)
    title = _("Akteursgruppe bearbeiten") if obj else _("Akteursgruppe anlegen")
    delete_url = reverse("actors:group_delete", args=[slug, obj.pk]) if obj else None
    return _form_page(request, district, form, obj, title, delete_url)


@login_required_404
@require_POST
def group_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    district = district_for(request.user, slug, PERM)
    obj = row_in_district(ActorGroup.objects.all(), district, pk)
    _deleted_or_refused(
        request, obj, lambda: services.delete_actor_group(by=request.user, district=district, group=obj)
    )
    return redirect("actors:groups", slug)
