"""The actor map (back office): stakeholders on an influence × interest grid, the bodies they sit in,
and per actor group which processes and events reached it and how much came from it.

Reading needs ``strategy.view_internal``; managing bodies ``actors.manage_stakeholders``
(services in ``kreiskurs/actors/services.py``). Private persons are named only to those
who manage the registry; everyone else sees "Privatperson" (``Stakeholder.public_label``).

The reads are in ``selectors/actor_map.py``.
"""

from __future__ import annotations

from typing import Any

import rules
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from kreiskurs.accounts.access import district_for, login_required_404, row_in_district
from kreiskurs.actors import services as actor_services
from kreiskurs.actors.models import Body, BodyMembership, Stakeholder
from kreiskurs.audit.models import AuditEntry
from kreiskurs.core.feedback import attempt
from kreiskurs.forms import KernForm
from kreiskurs.territory.models import District

from ..selectors.actor_map import LEVELS, reach_by_group, stakeholder_grid

# --- forms -----------------------------------------------------------------------------------------


class BodyForm(KernForm):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Aufgabe"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)


class MemberForm(KernForm):
    prefix = "member"  # shares the page with the body form
    stakeholder = forms.ModelChoiceField(queryset=Stakeholder.objects.none(), label=gettext_lazy("Akteur"))
    role = forms.CharField(label=gettext_lazy("Rolle"), max_length=100, initial=gettext_lazy("Mitglied"))

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stakeholder"].queryset = Stakeholder.objects.filter(district=district)  # type: ignore[attr-defined]


# --- views -----------------------------------------------------------------------------------------


@login_required_404
def actor_map(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.view_internal")
    can_manage = rules.has_perm("actors.manage_stakeholders", request.user, district)
    stakeholders = list(Stakeholder.objects.filter(district=district).select_related("group"))
    for s in stakeholders:
        s.label = s.name if can_manage else s.public_label  # type: ignore[attr-defined]
    bodies = Body.objects.filter(district=district).prefetch_related(
        Prefetch("memberships", queryset=BodyMembership.objects.select_related("stakeholder"))
    )
    context = {
        "district": district,
        "grid": stakeholder_grid(stakeholders),
        "interest_levels": [LEVELS[1], LEVELS[2], LEVELS[3]],
        "bodies": bodies,
        "reach": reach_by_group(district),
        "can_manage": can_manage,
    }
    return render(request, "participation/actor_map/map.html", context)


@login_required_404
@require_http_methods(["GET", "POST"])
def body_list(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, "actors.manage_stakeholders")
    form = BodyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            body = actor_services.create_body(
                by=request.user,
                district=district,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Das Gremium „%(b)s“ ist angelegt.") % {"b": body})
            return redirect("actor_map:body", slug, body.pk)
    bodies = Body.objects.filter(district=district).annotate(member_count=Count("memberships"))
    return render(
        request, "participation/actor_map/bodies.html", {"district": district, "form": form, "bodies": bodies}
    )


def _render_body(
    request: HttpRequest, district: District, body: Body, form: BodyForm | None = None, member_form: Any = None
) -> HttpResponse:
    context = {
        "district": district,
        "body": body,
        "form": form
        or BodyForm(initial={"name": body.name, "description": body.description, "revision": body.revision}),
        "member_form": member_form or MemberForm(district=district),
        "memberships": body.memberships.select_related("stakeholder", "stakeholder__group"),
        "history": AuditEntry.objects.for_object(body).select_related("actor")[:50],
    }
    return render(request, "participation/actor_map/body.html", context)


@login_required_404
@require_http_methods(["GET", "POST"])
def body_detail(request: HttpRequest, slug: str, body_pk: int) -> HttpResponse:
    """Rename a body or change its task; its members with their roles."""
    district = district_for(request.user, slug, "actors.manage_stakeholders")
    body = row_in_district(Body.objects.all(), district, body_pk)
    if request.method != "POST":
        return _render_body(request, district, body)
    form = BodyForm(request.POST)
    if form.is_valid():
        saved = attempt(
            request,
            form,
            lambda: actor_services.update_body(
                by=request.user,
                body=body,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                expected_revision=form.cleaned_data["revision"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Das Gremium ist gespeichert."))
            return redirect("actor_map:body", slug, body.pk)
    return _render_body(request, district, body, form=form)


@login_required_404
@require_POST
def body_delete(request: HttpRequest, slug: str, body_pk: int) -> HttpResponse:
    district = district_for(request.user, slug, "actors.manage_stakeholders")
    body = row_in_district(Body.objects.all(), district, body_pk)
    actor_services.delete_body(by=request.user, body=body)
    messages.success(request, _("Das Gremium „%(b)s“ ist gelöscht.") % {"b": body})
    return redirect("actor_map:bodies", slug)


@login_required_404
@require_POST
def member_add(request: HttpRequest, slug: str, body_pk: int) -> HttpResponse:
    district = district_for(request.user, slug, "actors.manage_stakeholders")
    body = row_in_district(Body.objects.all(), district, body_pk)
    member_form = MemberForm(request.POST, district=district)
    if member_form.is_valid():
        try:
            membership = actor_services.add_member(by=request.user, body=body, **member_form.cleaned_data)
        except ValidationError as exc:
            member_form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(s)s sitzt jetzt im Gremium (%(r)s).") % {"s": membership.stakeholder, "r": membership.role},
            )
            return redirect("actor_map:body", slug, body.pk)
    return _render_body(request, district, body, member_form=member_form)


@login_required_404
@require_POST
def member_remove(request: HttpRequest, slug: str, body_pk: int, membership_pk: int) -> HttpResponse:
    district = district_for(request.user, slug, "actors.manage_stakeholders")
    body = row_in_district(Body.objects.all(), district, body_pk)
    membership = row_in_district(
        BodyMembership.objects.filter(body=body).select_related("stakeholder"), district, membership_pk
    )
    actor_services.remove_member(by=request.user, membership=membership)
    messages.success(request, _("%(s)s ist nicht mehr im Gremium.") % {"s": membership.stakeholder})
    return redirect("actor_map:body", slug, body.pk)
