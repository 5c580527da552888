"""Public portal: everything a district has published, without login.

Views are thin: they pick the district and version through selectors (which
answer 404 for anything not visible) and render.
"""

from __future__ import annotations

import uuid
from typing import TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from kreiskurs.core.http import HtmxHttpRequest
from kreiskurs.core.sections import render_slot
from kreiskurs.reversing import reverse_cached
from kreiskurs.strategy import selectors
from kreiskurs.strategy.models import Measure, StrategyVersion, VersionState
from kreiskurs.strategy.models.measures import Phase, Priority
from kreiskurs.strategy.renderings import preload
from kreiskurs.territory.models import District, Municipality
from kreiskurs.territory.selectors import (
    municipality_by_slug,
    unincorporated_areas_of,
    without_unincorporated,
)

from .caching import cache_public_page
from .facts import goal_tree, measure_facts

MEASURES_PER_PAGE = 25
TIMELINE_LATEST = 12  # status reports on a measure's profile; the rest on its report pages
REPORTS_PER_PAGE = 50


def _context(
    request: HttpRequest, district: District, version: StrategyVersion | None, **extra: object
) -> dict[str, object]:
    # Adoption supersedes the previous version, so the one adopted version is the current one.
    is_current = version is not None and version.state == VersionState.ADOPTED
    return {
        "district": district,
        "version": version,
        "is_current": is_current,
        "version_query": _version_link(version),
        "can_view_internal": selectors.can_view_internal(request.user, district),
        **extra,
    }


def _version_link(version: StrategyVersion | None) -> str:
    """What a link to a page of ``version`` appends: nothing for the current version."""
    return "" if version is None or version.state == VersionState.ADOPTED else f"?version={version.number}"


def _linked(page: Page[Measure], district: District, version: StrategyVersion) -> Page[Measure]:
    """The page's measures with their address (``href``), reversed once per row: the table and the
    cards of ``portal/_measure_table.html`` both link it."""
    suffix = _version_link(version)
    for m in page.object_list:
        m.href = reverse_cached("portal:measure", (district.slug, m.lineage)) + suffix  # type: ignore[attr-defined]
    return page


def _version_query(request: HttpRequest) -> str:
    """What a page link keeps besides the page number: the version shown (a filter-less list)."""
    return urlencode({"version": request.GET["version"]}) if request.GET.get("version") else ""


#: the current version ``_without_strategy`` found, kept on the request for ``_page_version`` (one query, not two)
_FOUND = "_kreiskurs_current_version"


def _page_version(request: HttpRequest, district: District) -> StrategyVersion:
    number = request.GET.get("version")
    found: StrategyVersion | None = getattr(request, _FOUND, None)
    if found is not None and not number:
        return found
    return selectors.version_for(district, request.user, number)


def _without_strategy(request: HttpRequest, district: District, heading: str) -> HttpResponse | None:
    """The empty state of a strategy page when the district has adopted nothing yet
    (its navigation links here too), or ``None`` when there is a version to show."""
    if request.GET.get("version"):
        return None
    current = selectors.current_version(district)
    if current is not None:
        setattr(request, _FOUND, current)
        return None
    return render(request, "portal/no_strategy.html", _context(request, district, None, heading=heading))


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness probe for load balancers; also the trivial baseline in benchmarks."""
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def switch_language(request: HttpRequest, language: str) -> HttpResponse:
    """Language switch as a plain link (no form, no CSRF token on public pages,
    so they stay cacheable). Changing the language is harmless cross-site."""
    target = request.GET.get("next", "/")
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    # Not redirect(): it would try a bare word such as "null" as a URL name (NoReverseMatch).
    response = HttpResponseRedirect(target)
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
    return response


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    districts = selectors.districts_with_published_strategy()
    return render(
        request, "portal/index.html", {"districts": districts, "sections": render_slot("portal.index", request)}
    )


#: what the district home shows of its version's kept rows (``strategy.renderings``)
_HOME_KEPT = ("rollup", "outline", "figures", "goal-tree", "territory-counts")


@require_safe
@cache_public_page
def district_home(request: HttpRequest, district: District) -> HttpResponse:
    version: StrategyVersion | None
    if request.GET.get("version"):
        version = _page_version(request, district)
        preload(version, _HOME_KEPT)  # one query for all
    else:  # the current version with its kept rows: one statement
        version = selectors.current_version_kept(district, _HOME_KEPT)
    context = _context(request, district, version)
    context["sections"] = render_slot("portal.home", request, district=district)
    if version is not None:
        district.territory_counts = selectors.territory_counts(version)  # what the home shows of it, kept
        progress = selectors.progress_overview(version)
        values, fields = selectors.outline(version)
        context.update(
            values=values,
            fields=fields,
            goal_tree=goal_tree(district, version, str(context["version_query"])),
            figures=selectors.key_figures(version, phases=progress.phases),
            progress=progress,
            strategy=version.strategy,
        )
    return render(request, "portal/district_home.html", context)


T = TypeVar("T")


def _found(row: T | None) -> T:
    """``row``, or 404 when the lookup found none."""
    if row is None:
        raise Http404
    return row


def _lineage(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise Http404 from None


@require_safe
@cache_public_page
def goal_detail(request: HttpRequest, district: District, lineage: str) -> HttpResponse:
    version = _page_version(request, district)
    goal = _found(selectors.goal_of(version, _lineage(lineage)))
    preload(version, ("rollup",))  # the kept roll-up with the stamp it is kept under: one query
    context = _context(
        request,
        district,
        version,
        goal=goal,
        children=selectors.sub_goals(goal),
        page=_linked(
            selectors.measure_page(version, {"goal": str(goal.lineage)}, request.GET.get("seite"), MEASURES_PER_PAGE),
            district,
            version,
        ),
        query=_version_query(request),
        alignments=selectors.alignments_of(goal),
        progress=selectors.progress_overview(version).goals.get(goal.pk),
        sections=render_slot("portal.goal", request, district=district, lineage=goal.lineage),
    )
    return render(request, "portal/goal_detail.html", context)


@require_safe
@cache_public_page
def field_detail(request: HttpRequest, district: District, lineage: str) -> HttpResponse:
    version = _page_version(request, district)
    field = get_object_or_404(selectors.fields_of(version), lineage=_lineage(lineage))
    goals = list(selectors.goals_of(version).filter(field=field))
    preload(version, ("rollup",))  # the kept roll-up with the stamp it is kept under: one query
    context = _context(
        request,
        district,
        version,
        field=field,
        goals=goals,
        page=_linked(
            selectors.measure_page(version, {"field": str(field.lineage)}, request.GET.get("seite"), MEASURES_PER_PAGE),
            district,
            version,
        ),
        query=_version_query(request),
        progress=selectors.progress_overview(version).fields.get(field.pk),
        sections=render_slot("portal.field", request, district=district, lineage=field.lineage),
    )
    return render(request, "portal/field_detail.html", context)


@require_safe
@cache_public_page
def measure_list(request: HtmxHttpRequest, district: District) -> HttpResponse:
    if (empty := _without_strategy(request, district, _("Maßnahmen"))) is not None:
        return empty
    version = _page_version(request, district)
    preload(version, ("measure-count", "filter-choices"))  # one query for the two kept below
    filters = {k: request.GET.get(k, "") for k in selectors.MEASURE_FILTERS}
    page = _linked(
        selectors.measure_page(version, filters, request.GET.get("seite"), MEASURES_PER_PAGE), district, version
    )
    # the page links keep the filters and the version (only the names this view reads: see caching.py)
    kept = {**filters, "version": request.GET.get("version", "")}
    choices = selectors.filter_choices(version)
    context = _context(
        request,
        district,
        version,
        page=page,
        filters=filters,
        query=urlencode({k: v for k, v in kept.items() if v}),
        fields=choices.fields,
        goals=choices.goals,
        phases=Phase.choices,
        priorities=Priority.choices,
        municipalities=choices.municipalities,
    )
    # htmx filter changes swap only the results (template partial); without JS the form submits normally.
    template = "portal/measure_list.html#results" if request.htmx else "portal/measure_list.html"
    return render(request, template, context)


@require_safe
@cache_public_page
def measure_detail(request: HttpRequest, district: District, lineage: str) -> HttpResponse:
    version = _page_version(request, district)
    measure: Measure = selectors.measure_detail(version, _lineage(lineage), relations=False)
    latest = selectors.latest_reports(measure, TIMELINE_LATEST + 1)  # one more: are there older ones?
    context = _context(request, district, version)
    context.update(
        measure=measure,
        facts=measure_facts(district, version, measure, str(context["version_query"])),  # kept if frozen
        public_partners=selectors.partner_organisations(measure),  # persons are personal data: not named
        milestones=selectors.milestones_of(measure),
        history=selectors.measure_history(district, request.user, measure.lineage),
        timeline=latest[:TIMELINE_LATEST],
        more_reports=len(latest) > TIMELINE_LATEST,
        participations=selectors.participations_of([measure])[measure.pk],
        sections=render_slot("portal.measure", request, district=district, lineage=measure.lineage),
    )
    return render(request, "portal/measure_detail.html", context)


@require_safe
@cache_public_page
def measure_reports(request: HttpRequest, district: District, lineage: str) -> HttpResponse:
    """All status reports of a measure, newest first, a page at a time (the profile shows the latest)."""
    version = _page_version(request, district)
    measure = get_object_or_404(Measure, version=version, lineage=_lineage(lineage))
    page = Paginator(selectors.timeline(measure), REPORTS_PER_PAGE).get_page(request.GET.get("seite"))
    context = _context(request, district, version, measure=measure, page=page, query=_version_query(request))
    return render(request, "portal/measure_reports.html", context)


@require_safe
@cache_public_page
def municipality_list(request: HttpRequest, district: District) -> HttpResponse:
    version = selectors.current_version(district)
    context = _context(
        request,
        district,
        version,
        municipalities=without_unincorporated(selectors.municipalities_with_counts(district, version)),
        unincorporated=unincorporated_areas_of(district),
    )
    return render(request, "portal/municipality_list.html", context)


@require_safe
@cache_public_page
def municipality_detail(request: HttpRequest, district: District, municipality_slug: str) -> HttpResponse:
    municipality = _found(municipality_by_slug(district, municipality_slug))
    Municipality.district.field.set_cached_value(municipality, district)  # type: ignore[attr-defined]  # sections read it
    version = selectors.current_version(district)
    number = request.GET.get("seite")
    page = selectors.municipality_measure_page(version, municipality, number, MEASURES_PER_PAGE) if version else None
    context = _context(
        request,
        district,
        version,
        municipality=municipality,
        page=page,
        query="",
        sections=render_slot("portal.municipality", request, municipality=municipality),
    )
    return render(request, "portal/municipality_detail.html", context)


@require_safe
@cache_public_page
def alignment(request: HttpRequest, district: District) -> HttpResponse:
    if (empty := _without_strategy(request, district, _("Einbettung"))) is not None:
        return empty
    version = _page_version(request, district)
    context = _context(request, district, version, matrix=selectors.alignment_matrix(version))
    return render(request, "portal/alignment.html", context)


@require_safe
@cache_public_page
def version_list(request: HttpRequest, district: District) -> HttpResponse:
    versions = list(selectors.versions_visible_to(district, request.user))
    if not versions:
        return render(
            request, "portal/no_strategy.html", _context(request, district, None, heading=_("Versionen und Beschlüsse"))
        )
    context = _context(request, district, selectors.current_version(district), versions=versions)
    return render(request, "portal/version_list.html", context)
