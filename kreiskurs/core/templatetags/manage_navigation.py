"""The back office's navigation, built once per process and input (issue 12).

Every back-office page shows it: six groups, 28 links, each a ``{% url %}`` and a translation in the
template (~1 ms per page). It depends on nothing stored but the district's slug and three answers of
the rules (a version exists, the user may edit the strategy, may manage actors), so its markup is kept
per (URL configuration, language, slug, answers) in a bounded memo, like the district navigation of
the portal (``portal/templatetags/navigation.py``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import rules
from django import template
from django.template.context import Context
from django.urls import get_resolver, get_script_prefix, get_urlconf
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kreiskurs.fragments import fill, joined
from kreiskurs.reversing import reverse_cached

register = template.Library()

#: when an entry shows: always, with a version, with a version to who may edit, to who may manage actors
ALWAYS, VERSION, EDIT, ACTORS = "always", "version", "edit", "actors"

#: (group id, group label, entries: (URL name, arguments after the slug, label, when shown))
GROUPS: tuple[tuple[str, Any, tuple[tuple[str, tuple[str, ...], Any, str], ...]], ...] = (
    (
        "nav-overview",
        _("Überblick"),
        (
            ("manage:tasks", (), _("Meine Aufgaben"), ALWAYS),
            ("manage:dashboard", (), _("Übersicht"), ALWAYS),
            ("portal:district", (), _("Zum Portal"), ALWAYS),
        ),
    ),
    (
        "nav-strategy",
        _("Strategie"),
        (
            ("cycle_manage:overview", (), _("Auftrag und Zeitplan"), ALWAYS),
            ("manage:vision", (), _("Leitbild"), EDIT),
            ("manage:elements", ("ausgangslage",), _("Ausgangslage"), VERSION),
            ("manage:elements", ("swot",), _("SWOT"), VERSION),
            ("manage:elements", ("werte",), _("Werte"), VERSION),
            ("manage:elements", ("handlungsfelder",), _("Handlungsfelder"), VERSION),
            ("manage:elements", ("ziele",), _("Ziele"), VERSION),
            ("manage:elements", ("kriterien",), _("Kriterien"), VERSION),
            ("manage:measures", (), _("Maßnahmen"), VERSION),
            ("manage:registry", ("bestehende-strategien",), _("Bestehende Strategien"), ALWAYS),
            ("manage:alignment", (), _("Abgleich"), VERSION),
            ("manage:versions", (), _("Versionen"), ALWAYS),
        ),
    ),
    (
        "nav-implementation",
        _("Umsetzen und prüfen"),
        (
            ("manage:my_measures", (), _("Umsetzung"), VERSION),
            ("monitoring_manage:list", (), _("Indikatoren"), ALWAYS),
            ("evaluation_manage:list", (), _("Evaluation"), ALWAYS),
        ),
    ),
    (
        "nav-municipalities",
        _("Gemeinden und Akteure"),
        (
            ("initiatives_manage:bundling", (), _("Gemeinden"), VERSION),
            ("maturity_manage:overview", (), _("Digitale Reife"), ALWAYS),
            ("actors:stakeholders", (), _("Akteure"), ACTORS),
            ("actors:map", (), _("Akteurslandkarte"), ALWAYS),
        ),
    ),
    (
        "nav-participation",
        _("Mitwirkung"),
        (
            ("participation_manage:processes", (), _("Beteiligung"), ALWAYS),
            ("events_manage:list", (), _("Termine"), ALWAYS),
        ),
    ),
    (
        "nav-administration",
        _("Verwaltung des Kreises"),
        (
            ("roles:memberships", (), _("Rollen"), ALWAYS),
            ("manage:audit_log", (), _("Protokoll"), ALWAYS),
            ("api_manage:tokens", (), _("Schnittstelle"), ALWAYS),
        ),
    ),
)
GROUP = """
    <div class="kk-nav__group"><p class="kk-nav__label" id="{id}">{label}</p>
      <ul class="kern-list kern-list--horizontal" aria-labelledby="{id}">{links}
      </ul></div>"""
LINK = '\n        <li><a class="kern-link kern-link--no-visited-state" href="{href}">{label}</a></li>'


@lru_cache(maxsize=1024)
def _groups(urls: tuple[Any, str], language: str | None, slug: str, shown: frozenset[str]) -> SafeString:
    """The groups' markup; ``urls`` (the resolver and script prefix) and ``language`` key the addresses
    and labels (built with the active ones when this runs)."""
    return joined(
        fill(
            GROUP,
            id=group,
            label=label,
            links=joined(
                fill(LINK, href=reverse_cached(name, (slug, *args)), label=text)
                for name, args, text, when in entries
                if when in shown
            ),
        )
        for group, label, entries in GROUPS
    )


@register.simple_tag(takes_context=True)
def manage_navigation(context: Context) -> SafeString:
    """The groups of the back office's navigation for the page's district and user."""
    district: Any = context["district"]
    user = context["request"].user
    has_version = context.get("has_version")
    if has_version is None:
        has_version = rules.test_rule("strategy.has_version", user, district)
    shown = {ALWAYS}
    if has_version:
        shown.add(VERSION)
        if rules.has_perm("strategy.edit_strategy", user, district):
            shown.add(EDIT)
    if rules.has_perm("actors.manage_stakeholders", user, district):
        shown.add(ACTORS)
    urls = (get_resolver(get_urlconf()), get_script_prefix())
    return _groups(urls, get_language(), district.slug, frozenset(shown))
