"""The page frame's fixed parts, built once per process and input (issue 12): the style sheets and
scripts every page links, and the footer's links.

In ``base.html`` they were five ``{% static %}`` and eight ``{% url %}`` with their translations on
every page (~0.3 ms, 5–6 % of a list page). They depend on nothing stored: the static files'
addresses (fixed per process by the manifest), the URL configuration, the language and the
district's slug. Kept in small bounded memos, like the district navigation
(``portal/templatetags/navigation.py``). The template library ``frame`` (settings,
``TEMPLATES`` ``libraries``) gives ``base.html`` the two tags.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import template
from django.templatetags.static import static
from django.urls import get_resolver, get_script_prefix, get_urlconf
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kreiskurs.fragments import fill, joined
from kreiskurs.reversing import reverse_cached

register = template.Library()

STYLES = ("vendor/kern/fonts/fira-sans.css", "vendor/kern/kern.min.css", "kreiskurs/site.css")
ASSETS = """<link rel="stylesheet" href="{fonts}">
  <link rel="stylesheet" href="{kern}">
  <link rel="stylesheet" href="{site}">
  <link rel="icon" href="{icon}" type="image/svg+xml">
  <script src="{htmx}" defer></script>"""

FOOTER = """<ul class="kern-list kern-list--horizontal kern-list--small">
        <li><a class="kern-link kern-link--small" href="{index}">{l_index}</a></li>
        <li><a class="kern-link kern-link--small" href="/api/v1/docs">{l_api}</a></li>
        <li><span class="kern-body kern-body--small">{l_data}</span></li>
      </ul>
      <nav aria-label="{l_legal}">
        <ul class="kern-list kern-list--horizontal kern-list--small">{legal}
        </ul>
      </nav>"""
LEGAL = '\n          <li><a class="kern-link kern-link--small" href="{href}">{label}</a></li>'
#: the legal pages every frame links, by their slugs in the URLs
LEGAL_PAGES = ("impressum", "datenschutz", "barrierefreiheit", "leichte-sprache")


@register.simple_tag
def frame_assets() -> SafeString:
    """The ``<link>``s and the ``<script>`` of the page's ``<head>``."""
    return _assets(get_script_prefix())


@lru_cache(maxsize=8)
def _assets(prefix: str) -> SafeString:
    fonts, kern, site = (static(path) for path in STYLES)
    icon, htmx = static("kreiskurs/favicon.svg"), static("vendor/htmx/htmx.min.js")
    return fill(ASSETS, fonts=fonts, kern=kern, site=site, icon=icon, htmx=htmx)


@register.simple_tag
def frame_footer(district: Any = None) -> SafeString:
    """The footer's links: all districts, the API, the territory data's licence and the legal pages —
    the district's own on a district's pages (``district`` with a slug), else the installation's."""
    slug = getattr(district, "slug", "") or ""
    return _footer((get_resolver(get_urlconf()), get_script_prefix()), get_language(), slug)


@lru_cache(maxsize=1024)
def _footer(urls: tuple[Any, str], language: str | None, slug: str) -> SafeString:
    """``urls`` (the resolver and script prefix) and ``language`` key the addresses and labels (built
    with the active ones when this runs)."""
    labels = {
        "impressum": _("Impressum"),
        "datenschutz": _("Datenschutz"),
        "barrierefreiheit": _("Barrierefreiheit"),
        "leichte-sprache": _("Leichte Sprache"),
    }
    legal = joined(
        fill(
            LEGAL,
            href=reverse_cached("legal:district_page", (slug, kind)) if slug else reverse_cached("legal:page", (kind,)),
            label=labels[kind],
        )
        for kind in LEGAL_PAGES
    )
    return fill(
        FOOTER,
        index=reverse_cached("portal:index"),
        l_index=_("Alle Kreise"),
        l_api=_("Offene Schnittstelle (API)"),
        l_data=_("Gebietsdaten: © Statistisches Bundesamt (Destatis), dl-de/by-2-0"),
        l_legal=_("Rechtliches"),
        legal=legal,
    )
