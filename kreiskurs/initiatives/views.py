"""Back office: a municipality's page for staff and its contact, local initiatives, the bundling view,
the participation matrix and join requests."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kreiskurs.accounts.access import district_for, login_required_404, row_in_district
from kreiskurs.collation import natural
from kreiskurs.core.sections import render_slot
from kreiskurs.strategy import selectors as strategy_selectors
from kreiskurs.strategy import services as strategy_services
from kreiskurs.strategy.models import Enrolment, FieldOfAction, Goal, Measure, StrategyVersion
from kreiskurs.territory.models import District, Municipality

from . import selectors, services
from .forms import EnrolForm, InitiativeForm
from .models import LocalInitiative


def _municipality(request: HttpRequest, slug: str, municipality_slug: str) -> tuple[District, Municipality]:
    district = district_for(request.user, slug, "strategy.view_internal")
    municipality = get_object_or_404(Municipality, district=district, slug=municipality_slug)
    return district, municipality


def _version(district: District) -> StrategyVersion | None:
    return strategy_selectors.open_version(district) or strategy_selectors.current_version(district)


@login_required_404
def municipality(request: HttpRequest, slug: str, municipality_slug: str) -> HttpResponse:
    """Everything about one municipality for staff and its contact: initiatives, measures, joining and leaving."""
    district, row = _municipality(request, slug, municipality_slug)
    current = strategy_selectors.current_version(district)
    measures = strategy_selectors.measures_of_municipality(current, row) if current else []
    taking_part = {m.pk for m, _p in measures}
    others = (
        [m for m in Measure.objects.filter(version=current).order_by(natural("code")) if m.pk not in taking_part]
        if current
        else []
    )
    context = {
        "district": district,
        "municipality": row,
        "initiatives": selectors.initiatives_of(row),
        "measures": selectors.with_open_requests(current, row, measures) if current else [],
        "others": others,
        "can_edit": rules.has_perm("initiatives.manage_initiatives", request.user, row),
        "can_enrol": rules.has_perm("strategy.enrol_municipality", request.user, row),
        "form": InitiativeForm(version=_version(district)),
        "enrol_form": EnrolForm(),
        "sections": render_slot("manage.municipality", request, municipality=row),
    }
    return render(request, "initiatives/municipality.html", context)


@login_required_404
@require_http_methods(["GET", "POST"])
def initiative_edit(request: HttpRequest, slug: str, municipality_slug: str, pk: int | None = None) -> HttpResponse:
    district, row = _municipality(request, slug, municipality_slug)
    if not rules.has_perm("initiatives.manage_initiatives", request.user, row):
        raise Http404
    initiative = get_object_or_404(LocalInitiative, municipality=row, pk=pk) if pk else None
    version = _version(district)
    initial = {}
    if initiative is not None:
        lineages = {link.lineage for link in initiative.links.all()}
        initial = {
            "goals": Goal.objects.filter(version=version, lineage__in=lineages),
            "fields_of_action": FieldOfAction.objects.filter(version=version, lineage__in=lineages),
        }
    form = InitiativeForm(request.POST or None, instance=initiative, version=version, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.save_initiative(
                by=request.user,
                municipality=row,
                initiative=LocalInitiative.objects.get(pk=initiative.pk) if initiative else None,
                title=data["title"],
                description=data["description"],
                status=data["status"],
                contact=data["contact"],
                link=data["link"],
                goals=data["goals"],
                fields=data["fields_of_action"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Der Ansatz „%(t)s“ ist gespeichert.") % {"t": saved.title})
            return redirect("initiatives_manage:municipality", slug, municipality_slug)
    context = {"district": district, "municipality": row, "initiative": initiative, "form": form}
    return render(request, "initiatives/initiative_form.html", context)


@login_required_404
@require_POST
def initiative_delete(request: HttpRequest, slug: str, municipality_slug: str, pk: int) -> HttpResponse:
    _district, row = _municipality(request, slug, municipality_slug)
    if not rules.has_perm("initiatives.manage_initiatives", request.user, row):
        raise Http404
    services.delete_initiative(by=request.user, initiative=get_object_or_404(LocalInitiative, municipality=row, pk=pk))
    messages.success(request, _("Der Ansatz ist gelöscht."))
    return redirect("initiatives_manage:municipality", slug, municipality_slug)


@login_required_404
@require_POST
def propose(request: HttpRequest, slug: str, municipality_slug: str, pk: int) -> HttpResponse:
    _district, row = _municipality(request, slug, municipality_slug)
    if not rules.has_perm("initiatives.manage_initiatives", request.user, row):
        raise Http404
    initiative = get_object_or_404(LocalInitiative, municipality=row, pk=pk)
    try:
        measure = services.propose_as_measure(by=request.user, initiative=initiative)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Als Maßnahme %(m)s im Entwurf vorgeschlagen; %(g)s ist federführend.") % {"m": measure, "g": row.name},
        )
    return redirect("initiatives_manage:municipality", slug, municipality_slug)


@login_required_404
@require_POST
def enrol(request: HttpRequest, slug: str, municipality_slug: str, measure_pk: int, kind: str) -> HttpResponse:
    district, row = _municipality(request, slug, municipality_slug)
    if not rules.has_perm("strategy.enrol_municipality", request.user, row) or kind not in Enrolment.Kind.values:
        raise Http404
    current = strategy_selectors.current_version(district)
    measure = get_object_or_404(Measure.objects.select_related("version"), version=current, pk=measure_pk)
    form = EnrolForm(request.POST)
    form.is_valid()
    try:
        enrolment = strategy_services.request_enrolment(
            by=request.user,
            measure=measure,
            municipality=row,
            kind=kind,
            role=form.cleaned_data.get("role") or "rollout",
            note=form.cleaned_data.get("note", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if enrolment.state == Enrolment.State.REQUESTED:
            messages.success(
                request, _("Der Beitritt zu %(m)s ist angefragt; der Kreis bestätigt ihn.") % {"m": measure}
            )
        elif kind == Enrolment.Kind.LEAVE:
            messages.success(request, _("%(g)s ist aus %(m)s ausgetreten.") % {"g": row.name, "m": measure})
        else:
            messages.success(request, _("%(g)s ist %(m)s beigetreten.") % {"g": row.name, "m": measure})
    return redirect("initiatives_manage:municipality", slug, municipality_slug)


@login_required_404
@require_POST
def withdraw(request: HttpRequest, slug: str, municipality_slug: str, pk: int) -> HttpResponse:
    """The municipality takes back its open join request (its contact or the team; others get 404)."""
    district, row = _municipality(request, slug, municipality_slug)
    enrolment = get_object_or_404(Enrolment, district=district, municipality=row, pk=pk)
    try:
        strategy_services.withdraw_enrolment_request(by=request.user, request=enrolment)
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Die Beitrittsanfrage ist zurückgezogen."))
    return redirect("initiatives_manage:municipality", slug, municipality_slug)


@login_required_404
def bundling(request: HttpRequest, slug: str) -> HttpResponse:
    """Per field of action and goal: what already exists across the municipalities."""
    district = district_for(request.user, slug, "strategy.view_internal")
    version = _version(district)
    if version is None:
        raise Http404
    chosen = request.GET.get("gemeinde")
    municipality = Municipality.objects.filter(district=district, slug=chosen).first() if chosen else None
    fields, unlinked = selectors.bundles(version, municipality)
    context = {
        "district": district,
        "bundles": fields,
        "unlinked": unlinked,
        "municipalities": Municipality.objects.filter(district=district).order_by(natural("name")),
        "chosen": municipality,
        "total": LocalInitiative.objects.filter(district=district).count(),
    }
    return render(request, "initiatives/bundling.html", context)


@login_required_404
def matrix(request: HttpRequest, slug: str) -> HttpResponse:
    """Municipalities × measures of the current version, with roles and open join requests."""
    district = district_for(request.user, slug, "strategy.view_internal")
    current = strategy_selectors.current_version(district)
    if current is None:
        raise Http404
    measures = list(Measure.objects.filter(version=current).select_related("version").order_by(natural("code")))
    rows = strategy_selectors.participations_of(measures)
    municipalities = list(Municipality.objects.filter(district=district).order_by(natural("name")))
    cells = {(m.pk, p.municipality.pk): p for m in measures for p in rows[m.pk]}
    table = [(mu, [(m, cells.get((m.pk, mu.pk))) for m in measures]) for mu in municipalities]
    requests = Enrolment.objects.filter(
        district=district, version=current, state=Enrolment.State.REQUESTED
    ).select_related("municipality")
    lineage_to_measure = {m.lineage: m for m in measures}
    context = {
        "district": district,
        "measures": measures,
        "table": table,
        "requests": [(r, lineage_to_measure.get(r.measure_lineage)) for r in requests],
        "can_decide": rules.has_perm("strategy.edit_strategy", request.user, district),
    }
    return render(request, "initiatives/matrix.html", context)


@login_required_404
@require_POST
def decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.edit_strategy")
    enrolment = row_in_district(Enrolment.objects.select_related("municipality"), district, pk)
    try:
        strategy_services.decide_enrolment(
            by=request.user, enrolment=enrolment, confirm=request.POST.get("confirm") == "1"
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Entschieden."))
    return redirect("initiatives_manage:matrix", slug)
