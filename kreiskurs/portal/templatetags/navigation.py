"""The district navigation of every portal page, built once per process and input (issue 12).

The navigation depends on nothing stored: the district's slug, the language, the version the page
shows (``version_query``), which entry is the current page and whether the visitor may open the
back office. Rendered by the template it cost about 1 ms per page (13 ``{% url %}``, 13
``{% translate %}``, 13 comparisons with the path). The entries' addresses and labels are now kept
per (URL configuration, language, slug, version query) in a bounded memo, and each request only marks the current
entry — the same markup as the template gave.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import template
from django.template.context import Context
from django.urls import get_resolver, get_script_prefix, get_urlconf
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kreiskurs.reversing import reverse_cached

register = template.Library()

#: (URL name, label, whether the link keeps the version shown), in the order of the navigation
ENTRIES = (
    ("portal:district", _("Strategie"), True),
    ("cycle:time_plan", _("Zeitplan"), False),
    ("portal:baseline", _("Ausgangslage"), True),
    ("portal:measures", _("Maßnahmen"), True),
    ("portal:municipalities", _("Gemeinden"), False),
    ("geo:map", _("Karte"), False),
    ("maturity:summary", _("Digitale Reife"), False),
    ("monitoring:indicators", _("Indikatoren"), False),
    ("participation:processes", _("Beteiligung"), False),
    ("evaluation:reports", _("Evaluation"), False),
    ("portal:alignment", _("Einbettung"), True),
    ("portal:versions", _("Versionen und Beschlüsse"), False),
)
LINK = '<li><a class="kern-link kern-link--no-visited-state" href="{href}"{current}>{label}</a></li>'
SEPARATOR = "\n      "


@lru_cache(maxsize=1024)
def _entries(
    urls: tuple[Any, str], language: str | None, slug: str, version_query: str
) -> tuple[tuple[str, str, str], ...]:
    """Per entry: its path (compared with the request's), the link as the current page and as another.
    ``urls`` (the resolver and script prefix) and ``language`` key the paths and labels (built with
    the active ones when this runs)."""
    built = []
    for name, label, keeps_version in ENTRIES:
        path = reverse_cached(name, [slug])
        href = conditional_escape(path + (version_query if keeps_version else ""))
        text = conditional_escape(label)
        built.append(
            (
                path,
                LINK.format(href=href, current=' aria-current="page"', label=text),
                LINK.format(href=href, current="", label=text),
            )
        )
    return tuple(built)


@lru_cache(maxsize=256)
def _internal(urls: tuple[Any, str], language: str | None, slug: str) -> str:
    href = conditional_escape(reverse_cached("manage:dashboard", [slug]))
    return LINK.format(href=href, current="", label=conditional_escape(_("Verwaltung dieses Kreises")))


@register.simple_tag(takes_context=True)
def district_navigation(context: Context) -> SafeString:
    """The entries of the district navigation (``<li>``s), the current page marked with ``aria-current``."""
    district: Any = context["district"]
    request: Any = context.get("request")
    here = request.path if request is not None else None
    language, urls = get_language(), (get_resolver(get_urlconf()), get_script_prefix())
    version_query = str(context.get("version_query") or "")
    links = [
        current if path == here else other
        for path, current, other in _entries(urls, language, district.slug, version_query)
    ]
    if context.get("can_view_internal"):
        links.append(_internal(urls, language, district.slug))
    return mark_safe(SEPARATOR.join(links))
