"""The legal pages (public) and their editing (platform admins; a district's strategy team)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kreiskurs.accounts.access import district_for, login_required_404
from kreiskurs.accounts.ratelimit import RateLimited
from kreiskurs.core.feedback import attempt
from kreiskurs.net import client_ip
from kreiskurs.territory.models import District

from . import processing, selectors, services
from .forms import ContactForm, FeedbackForm, PageForm
from .models import PageKind

PERMISSION = "legal.edit_page"


def _public_district(slug: str | None) -> District | None:
    if slug is None:
        return None
    district = District.objects.filter(slug=slug).first()
    if district is None:
        raise Http404(_("Nicht gefunden"))
    return district


def _editable_district(request: HttpRequest, slug: str | None) -> District | None:
    """The district whose pages the user may edit, None for the installation's; 404 when not allowed."""
    if slug is not None:
        return district_for(request.user, slug, PERMISSION)
    if not request.user.has_perm(PERMISSION, None):
        raise Http404(_("Nicht gefunden"))
    return None


def _url(name: str, district: District | None, *args: str) -> str:
    """``legal:<name>`` for the installation, ``legal:district_<name>`` for a district."""
    if district is None:
        return reverse(f"legal:{name}", args=list(args))
    return reverse(f"legal:district_{name}", args=[district.slug, *args])


def page_url(kind: str, district: District | None) -> str:
    return _url("page", district, kind)


def _frame(district: District | None, *, manage: bool = False) -> str:
    if district is None:
        return "base.html"
    return "core/manage_base.html" if manage else "portal/district_base.html"


@require_http_methods(["GET", "HEAD", "POST"])
def page(request: HttpRequest, kind: str, slug: str | None = None) -> HttpResponse:
    """One legal page; the accessibility statement also takes reports of barriers (POST)."""
    district = _public_district(slug)
    shown = selectors.page_for(kind, district)
    feedback = None
    if kind == PageKind.ACCESSIBILITY:
        feedback = FeedbackForm(request.POST or None, session=request.session)
        if request.method == "POST" and _send_feedback(request, feedback, district):
            return redirect(page_url(kind, district) + "#rueckmeldung")
    elif request.method == "POST":
        raise Http404(_("Nicht gefunden"))
    context: dict[str, Any] = {
        "frame": _frame(district),
        "district": district,
        "shown": shown,
        "can_edit": request.user.has_perm(PERMISSION, district),
        "edit_url": _url("edit", district, kind),
        "feedback": feedback,
        "feedback_to": selectors.feedback_address(district) if feedback is not None else "",
        "purposes": processing.purposes() if kind == PageKind.PRIVACY else [],
    }
    return render(request, "legal/page.html", context)


def _send_feedback(request: HttpRequest, form: FeedbackForm, district: District | None) -> bool:
    if not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        to = services.send_accessibility_feedback(
            district=district,
            message=data["message"],
            name=data["name"],
            email=data["email"],
            page_address=data["page_address"],
            account=str(request.user.pk) if request.user.is_authenticated else "",
            address=client_ip(request),
        )
    except RateLimited:
        form.add_error(None, _("Sie haben in kurzer Zeit viele Nachrichten geschickt. Bitte versuchen Sie es später."))
        return False
    messages.success(request, _("Danke! Ihre Nachricht ist an %(to)s unterwegs.") % {"to": to})
    return True


@login_required_404
@require_http_methods(["GET", "HEAD"])
def manage(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """The four pages with where their text comes from; the district's feedback address."""
    district = _editable_district(request, slug)
    context = {
        "frame": _frame(district, manage=True),
        "district": district,
        "pages": [(shown, page_url(shown.kind, district)) for shown in selectors.pages_for(district)],
        "contact_form": (
            ContactForm(initial={"email": selectors.district_address(district)}) if district is not None else None
        ),
        "installation_address": selectors.installation_address(),
        "can_edit_installation": district is not None and request.user.has_perm(PERMISSION, None),
    }
    return render(request, "legal/manage/list.html", context)


@login_required_404
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request: HttpRequest, kind: str, slug: str | None = None) -> HttpResponse:
    """Edit a page's own text; it starts from the text the page shows now."""
    district = _editable_district(request, slug)
    shown = selectors.page_for(kind, district)
    initial = {"title": shown.title, "body": shown.body, "revision": shown.revision}
    form = PageForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = attempt(
            request,
            form,
            lambda: services.save_page(
                by=request.user,
                kind=kind,
                district=district,
                title=data["title"],
                body=data["body"],
                expected_revision=data["revision"],
            ),
        )
        if saved is not None:
            messages.success(request, _("%(page)s gespeichert.") % {"page": saved.get_kind_display()})
            return redirect(page_url(kind, district))
    context = {
        "frame": _frame(district, manage=True),
        "district": district,
        "shown": shown,
        "form": form,
        "kind_label": PageKind(kind).label,
        "manage_url": _url("manage", district),
        "page_url": page_url(kind, district),
        "remove_url": _url("remove", district, kind),
    }
    return render(request, "legal/manage/edit.html", context)


@login_required_404
@require_POST
def remove(request: HttpRequest, kind: str, slug: str | None = None) -> HttpResponse:
    """Drop the page's own text: the district falls back to the installation's, the installation to the default."""
    district = _editable_district(request, slug)
    services.remove_page(by=request.user, kind=kind, district=district)
    messages.success(request, _("Eigener Text entfernt; die Seite zeigt wieder den allgemeinen Text."))
    return redirect(page_url(kind, district))


@login_required_404
@require_POST
def contact(request: HttpRequest, slug: str) -> HttpResponse:
    """Set the district's address for feedback on accessibility."""
    district = district_for(request.user, slug, PERMISSION)
    form = ContactForm(request.POST)
    if form.is_valid():
        services.set_contact(by=request.user, district=district, email=form.cleaned_data["email"])
        messages.success(request, _("Kontaktadresse gespeichert."))
    else:
        messages.error(request, _("Bitte geben Sie eine gültige E-Mail-Adresse ein."))
    return redirect(_url("manage", district))
