"""Whole-version pages: the version document (print view) in parts, and the comparison of two versions.

What is rendered from a frozen (adopted or superseded) version is read from
``strategy.renderings`` (rendered once per language and part, kept in the
database); the frame around it — adoption records, the list of versions — is
rendered per request. Drafts and consultations are rendered live.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from kreiskurs.strategy import selectors
from kreiskurs.strategy.comparison import compare_versions
from kreiskurs.strategy.models import StrategyVersion
from kreiskurs.strategy.renderings import is_frozen, stored
from kreiskurs.strategy.selectors.document import MEASURES_PER_PART, adoptions_of, document_measures, document_parts
from kreiskurs.territory.models import District

from .caching import cache_public_page
from .facts import with_district
from .views import _context

#: raise when the stored HTML of the document or the comparison changes (stored rows are then rebuilt)
DOCUMENT_FORMAT = 2  # 2: the baseline (Ausgangslage) in part 1
COMPARISON_FORMAT = 2  # 2: baseline sections, SWOT findings and goals' findings compared


def _part(value: str | None, parts: int) -> int:
    if not value:
        return 1
    try:
        part = int(value)
    except ValueError:
        raise Http404 from None
    if not 1 <= part <= parts:
        raise Http404
    return part


def _document_part(district: District, version: StrategyVersion, part: int, parts: int, version_query: str) -> str:
    measures = document_measures(version, part)
    context: dict[str, object] = {
        "district": district,
        "version": version,
        "version_query": version_query,
        "part": part,
        "parts": parts,
        "measures": measures,
        "first": (part - 1) * MEASURES_PER_PART + 1,
        "last": (part - 1) * MEASURES_PER_PART + len(measures),
        # labels looked up once per part, not once per measure
        "label_fields": _("Handlungsfelder"),
        "label_goals": _("Ziele"),
        "label_state": _("Priorität / Phase"),
        "label_lead": _("Federführung"),
        "label_municipalities": _("Beteiligte Gemeinden"),
    }
    if part == 1:
        goals = list(selectors.goals_of(version))
        context.update(
            values=list(selectors.values_of(version)),
            fields=list(selectors.fields_of(version)),
            goal_tree=selectors.goal_tree(goals),
            baseline=selectors.baseline_of(version),
        )
    return render_to_string("portal/_version_document_part.html", context)


@require_safe
@cache_public_page
def version_document(request: HttpRequest, district: District, number: int) -> HttpResponse:
    """The whole strategy of one version, print-friendly, in parts of ``MEASURES_PER_PART`` measures."""
    version = selectors.version_for(district, request.user, number)
    parts = document_parts(version)
    part = _part(request.GET.get("teil"), parts)
    context = _context(request, district, version)
    body = stored(
        version,
        kind="document",
        fmt=DOCUMENT_FORMAT,
        part=part,
        build=lambda: _document_part(district, version, part, parts, str(context["version_query"])),
    )
    context.update(
        body=mark_safe(body),  # rendered by Django's template engine (escaped) when it was stored
        part=part,
        parts=parts,
        part_numbers=range(1, parts + 1),
        adoptions=adoptions_of(version),
    )
    return render(request, "portal/version_document.html", context)


@require_safe
@cache_public_page
def version_compare(request: HttpRequest, district: District) -> HttpResponse:
    versions = list(selectors.versions_visible_to(district, request.user))
    if len(versions) < 2:
        raise Http404(_("Nichts zu vergleichen"))
    numbers = {v.number: v for v in versions}
    try:
        old = numbers[int(request.GET.get("von") or versions[1].number)]
        new = numbers[int(request.GET.get("bis") or versions[0].number)]
    except (KeyError, ValueError):
        raise Http404(_("Version nicht gefunden")) from None

    def build() -> str:
        return render_to_string("portal/_version_compare_diff.html", {"diff": compare_versions(old, new)})

    # a comparison of two frozen versions never changes (the newer one is frozen when the older one is)
    with_district(new, district)  # its stamp names the district's Gebietsstand: no query for the row
    body = stored(new, kind=f"compare:{old.pk}", fmt=COMPARISON_FORMAT, build=build) if is_frozen(old) else build()
    context = _context(request, district, selectors.current_version(district), versions=versions, old=old, new=new)
    context["body"] = mark_safe(body)  # rendered (escaped) by Django's template engine
    return render(request, "portal/version_compare.html", context)
