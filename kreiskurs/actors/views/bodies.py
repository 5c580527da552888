"""Bodies (Gremien: Lenkungskreis, Digitalbeirat, working groups) and who sits in them, with which role.

Managing them needs ``actors.manage_stakeholders``; the services are in
``kreiskurs/actors/services.py``. The URLs are under the actor map
(``akteurslandkarte/gremien/``), where the bodies are shown.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kreiskurs.accounts.access import district_for, login_required_404, row_in_district
from kreiskurs.audit.models import AuditEntry
from kreiskurs.core.feedback import attempt
from kreiskurs.territory.models import District

from .. import services
from ..forms import BodyForm, MemberForm
from ..models import Body, BodyMembership
from ..selectors import bodies_with_member_counts

PERM = "actors.manage_stakeholders"


@login_required_404
@require_http_methods(["GET", "POST"])
def body_list(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, PERM)
    form = BodyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            body = services.create_body(
                by=request.user,
                district=district,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Das Gremium „%(b)s“ ist angelegt.") % {"b": body})
            return redirect("actors:body", slug, body.pk)
    context = {"district": district, "form": form, "bodies": bodies_with_member_counts(district)}
    return render(request, "actors/manage/bodies.html", context)


def _render_body(
    request: HttpRequest,
    district: District,
    body: Body,
    form: BodyForm | None = None,
    member_form: MemberForm | None = None,
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
    return render(request, "actors/manage/body.html", context)


@login_required_404
@require_http_methods(["GET", "POST"])
def body_detail(request: HttpRequest, slug: str, body_pk: int) -> HttpResponse:
    """Rename a body or change its task; its members with their roles."""
    district = district_for(request.user, slug, PERM)
    body = row_in_district(Body.objects.all(), district, body_pk)
    if request.method != "POST":
        return _render_body(request, district, body)
    form = BodyForm(request.POST)
    if form.is_valid():
        saved = attempt(
            request,
            form,
            lambda: services.update_body(
                by=request.user,
                body=body,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                expected_revision=form.cleaned_data["revision"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Das Gremium ist gespeichert."))
            return redirect("actors:body", slug, body.pk)
    return _render_body(request, district, body, form=form)


@login_required_404
@require_POST
def body_delete(request: HttpRequest, slug: str, body_pk: int) -> HttpResponse:
    district = district_for(request.user, slug, PERM)
    body = row_in_district(Body.objects.all(), district, body_pk)
    services.delete_body(by=request.user, body=body)
    messages.success(request, _("Das Gremium „%(b)s“ ist gelöscht.") % {"b": body})
    return redirect("actors:bodies", slug)


@login_required_404
@require_POST
def member_add(request: HttpRequest, slug: str, body_pk: int) -> HttpResponse:
    district = district_for(request.user, slug, PERM)
    body = row_in_district(Body.objects.all(), district, body_pk)
    member_form = MemberForm(request.POST, district=district)
    if member_form.is_valid():
        try:
            membership = services.add_member(by=request.user, body=body, **member_form.cleaned_data)
        except ValidationError as exc:
            member_form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(s)s sitzt jetzt im Gremium (%(r)s).") % {"s": membership.stakeholder, "r": membership.role},
            )
            return redirect("actors:body", slug, body.pk)
    return _render_body(request, district, body, member_form=member_form)


@login_required_404
@require_POST
def member_remove(request: HttpRequest, slug: str, body_pk: int, membership_pk: int) -> HttpResponse:
    district = district_for(request.user, slug, PERM)
    body = row_in_district(Body.objects.all(), district, body_pk)
    membership = row_in_district(
        BodyMembership.objects.filter(body=body).select_related("stakeholder"), district, membership_pk
    )
    services.remove_member(by=request.user, membership=membership)
    messages.success(request, _("%(s)s ist nicht mehr im Gremium.") % {"s": membership.stakeholder})
    return redirect("actors:body", slug, body.pk)
