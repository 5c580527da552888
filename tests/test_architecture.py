"""Structural rules that keep the code base honest."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models

from kreiskurs.territory.models import District

ROOT = Path(__file__).resolve().parents[1] / "kreiskurs"

#: Models that are not owned by one district.
NOT_DISTRICT_OWNED = {
    "territory.District",
    "territory.OutsideArea",
    "accounts.User",
    "accounts.RateWindow",
    "accounts.ProviderIdentity",  # who an account is at the installation's OpenID provider
    "accounts.Session",  # a browser's session, across districts as its account's roles are
    # the installation's legal pages have no district (a district's own pages do)
    "legal.LegalPage",
    "legal.LegalPageVersion",
}


def kreiskurs_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("kreiskurs.") and not m._meta.auto_created]


#: District-owned models whose ``district`` may be empty, and why. Every page of a district filters by
#: its district, so such rows show on no district's page.
DISTRICT_MAY_BE_EMPTY = {
    # installation-wide entries (a registration, the installation's legal pages): platform admins read
    # them in the admin; a district's audit log (``audit_entries_for``) filters by district
    "audit.AuditEntry",
}


@pytest.mark.parametrize("model", kreiskurs_models(), ids=lambda m: m._meta.label)
def test_every_district_owned_model_carries_its_district(model: type[models.Model]) -> None:
    if model._meta.label in NOT_DISTRICT_OWNED:
        return
    field = model._meta.get_field("district")
    assert field.is_relation and field.related_model is District, model._meta.label
    if model._meta.label not in DISTRICT_MAY_BE_EMPTY:
        assert not field.null, f"{model._meta.label}.district must not be nullable"


#: app → the kreiskurs apps it may import (the dependency direction of CONVENTIONS.md)
ALLOWED = {
    "territory": set(),
    "audit": {"territory"},
    "accounts": {"territory", "audit"},
    "core": {"territory", "audit", "accounts"},
    "actors": {"core", "territory", "accounts", "audit"},
    "strategy": {"core", "territory", "accounts", "audit", "actors"},
    "portal": {"core", "territory", "accounts", "actors", "strategy"},
    # directly above the portal (its pages use the portal's frame); nothing imports it, base.html links it by URL name
    "legal": {"core", "territory", "accounts", "audit", "strategy", "portal"},
    # directly above the portal (the home shows where the district stands through the slot portal.home)
    "cycle": {"core", "territory", "accounts", "audit", "actors", "strategy", "portal"},
    # follows and their e-mail: above the strategy (measures, goals), below participation (processes)
    "following": {"core", "territory", "accounts", "audit", "strategy", "portal"},
    "monitoring": {"core", "territory", "accounts", "audit", "strategy", "portal"},
    "evaluation": {"core", "territory", "accounts", "audit", "strategy", "monitoring", "portal", "participation"},
    "participation": {
        "core",
        "territory",
        "accounts",
        "audit",
        "actors",
        "strategy",
        "portal",
        "monitoring",
        "following",
    },
    "initiatives": {"core", "territory", "accounts", "audit", "strategy", "portal"},
    "maturity": {"core", "territory", "accounts", "audit", "strategy", "portal", "monitoring", "initiatives"},
    "geo": {"core", "territory", "accounts", "audit", "strategy", "portal", "monitoring", "maturity", "initiatives"},
    # export, import and the DCAT-AP.de catalogue: after evaluation, before api
    "exchange": {"core", "territory", "accounts", "audit", "strategy", "portal", "monitoring", "participation"},
    # PDF and DOCX of versions, comparisons and reports: reads every context below it; only the URLconf names it
    "documents": {"core", "territory", "accounts", "strategy", "monitoring", "participation", "evaluation"},
    # the district's Atom feed: reads strategy, participation and evaluation; nothing imports it
    "feeds": {"core", "territory", "accounts", "strategy", "portal", "participation", "evaluation"},
    "api": {
        "core",
        "territory",
        "accounts",
        "audit",
        "strategy",
        "monitoring",
        "participation",
        "initiatives",
        "evaluation",
        "maturity",
        "exchange",
    },
    "demo": {
        "territory",
        "cycle",
        "accounts",
        "audit",
        "actors",
        "strategy",
        "monitoring",
        "evaluation",
        "participation",
        "initiatives",
        "maturity",
        "geo",
    },
}


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "kreiskurs" and len(parts) > 1 and parts[1] in ALLOWED:
                found.add(parts[1])
    return found


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_dependencies_point_one_way(app: str) -> None:
    bad = {}
    for path in (ROOT / app).rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        extra = imported_apps(path) - ALLOWED[app] - {app}
        if extra:
            bad[str(path.relative_to(ROOT))] = sorted(extra)
    assert not bad, f"forbidden imports: {bad}"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def application_modules() -> list[Path]:
    return [p for p in ROOT.rglob("*.py") if "tests" not in p.parts and "migrations" not in p.parts]


def test_no_app_imports_another_apps_views() -> None:
    """What views of several apps share lives in the kernel (``kreiskurs.core``), not in one app's views."""
    bad = {}
    for path in application_modules():
        own = path.relative_to(ROOT).parts[0]
        foreign = {
            m for m in imported_modules(path) if m.startswith("kreiskurs.") and ".views" in m and m.split(".")[1] != own
        }
        if foreign:
            bad[str(path.relative_to(ROOT))] = sorted(foreign)
    assert not bad, f"imports of another app's views: {bad}"


#: template tag library → the app that defines it
TAG_LIBRARIES = {
    path.stem: path.parent.parent.name for path in ROOT.glob("*/templatetags/*.py") if path.stem != "__init__"
}
LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")


def test_templates_load_only_tag_libraries_their_app_may_import() -> None:
    """``{% load %}`` obeys the dependency direction of Python imports: a template of an app
    uses only tag libraries of the apps it may import (the view passes everything else)."""
    assert {"measured", "participated", "kreiskurs"} <= set(TAG_LIBRARIES)
    bad = {}
    for template in ROOT.glob("*/templates/**/*.html"):
        app = template.relative_to(ROOT).parts[0]
        allowed = ALLOWED.get(app, set()) | {app}
        for libraries in LOAD.findall(template.read_text(encoding="utf-8")):
            for library in libraries.split():
                owner = TAG_LIBRARIES.get(library)
                if owner is not None and owner not in allowed:
                    bad.setdefault(str(template.relative_to(ROOT)), []).append(library)
    assert not bad, f"templates load tag libraries of apps above them: {bad}"


#: ``{% extends "…" %}`` / ``{% include "…" %}`` with a literal name (``"x.html#name"`` names a partial of x.html);
#: a name in a variable (``{% extends frame %}``) is the view's choice and not checked here
TEMPLATE_REFERENCE = re.compile(r"""{%\s*(extends|include)\s+(?:"([^"]+)"|'([^']+)')""")
PROJECT = "<project>"  # kreiskurs/templates: the frame (base.html, error pages, form rendering)
#: The back-office frame lives in core (the shared kernel, docs/architecture.md) but is chrome like base.html:
#: it extends base.html only and names the apps' pages by URL, so every app's staff pages may extend it
#: (accounts' role page too, though accounts sits below core). It is held to the project templates' rule.
FRAMES = {"core/manage_base.html"}


def template_owners() -> dict[str, str]:
    """Template name → the app whose ``templates/`` holds it (``PROJECT`` for kreiskurs/templates)."""
    owners = {p.relative_to(ROOT / "templates").as_posix(): PROJECT for p in (ROOT / "templates").rglob("*.html")}
    for path in ROOT.glob("*/templates/**/*.html"):
        app = path.relative_to(ROOT).parts[0]
        name = path.relative_to(ROOT / app / "templates").as_posix()
        owners[name] = PROJECT if name in FRAMES else app
    return owners


def forbidden_template_references(app: str, text: str, owners: dict[str, str]) -> list[str]:
    """Names ``text`` (a template of ``app``, or ``PROJECT``) extends or includes against the direction.

    The rule: a template of an app extends and includes templates of its own app, of the
    apps it may import (``ALLOWED``) and of the frame; the frame (the project templates in
    kreiskurs/templates and the back-office frame, ``FRAMES``), which every app builds on,
    uses only the frame: it names no app's template (base.html links the legal pages, the
    back-office frame every app's pages, by URL name). Templates of Django or third
    parties (``admin/…``, ``django/forms/…``) are not ours and not checked.
    """
    allowed = {PROJECT} if app == PROJECT else ALLOWED.get(app, set()) | {app, PROJECT}
    bad = []
    for kind, double, single in TEMPLATE_REFERENCE.findall(text):
        name = (double or single).split("#", 1)[0]
        owner = owners.get(name)
        if owner is not None and owner not in allowed:
            bad.append(f"{kind} {name}")
    return bad


def test_the_template_direction_check_finds_references_upwards() -> None:
    """The check below flags the shapes a lower template would reach up with (so it can fail)."""
    owners = {"portal/_progress.html": "portal", "portal/district_base.html": "portal", "base.html": PROJECT}
    owners |= {"core/_history.html": "core", "strategy/_pagination.html": "strategy"}
    upwards = """{% extends "portal/district_base.html" %}{% include "portal/_progress.html" with value=1 %}
{% include 'portal/_progress.html#bar' %}"""
    assert forbidden_template_references("strategy", upwards, owners) == [
        "extends portal/district_base.html",
        "include portal/_progress.html",
        "include portal/_progress.html",
    ]
    assert forbidden_template_references(PROJECT, '{% include "core/_history.html" %}', owners) == [
        "include core/_history.html"
    ]
    fine = """{% extends "base.html" %}{% include "core/_history.html" %}{% include "strategy/_pagination.html" %}
{% extends frame %}{% include "django/forms/widgets/input.html" %}"""
    assert forbidden_template_references("strategy", fine, owners) == []
    assert forbidden_template_references("portal", upwards, owners) == []


def test_templates_extend_and_include_only_templates_their_app_may_use() -> None:
    """``{% extends %}`` and ``{% include %}`` obey the dependency direction like ``{% load %}``: what a
    lower page shows of a higher app comes through a section slot (``core.sections``)."""
    owners = template_owners()
    assert {"base.html", "core/manage_base.html", "portal/district_base.html"} <= set(owners)
    bad = {}
    for name, app in owners.items():
        if name in FRAMES:
            path = next(ROOT.glob(f"*/templates/{name}"))
        else:
            path = ROOT / "templates" / name if app == PROJECT else ROOT / app / "templates" / name
        found = forbidden_template_references(app, path.read_text(encoding="utf-8"), owners)
        if found:
            bad[str(path.relative_to(ROOT))] = found
    assert not bad, f"templates that extend or include templates of apps above them: {bad}"


def test_views_do_not_write_or_open_transactions() -> None:
    """A view calls one named service; transactions and row writes live in services."""
    bad = {}
    for path in application_modules():
        if "views" not in path.parts and path.stem != "views" and not path.stem.startswith("views"):
            continue
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        problems = ["imports transaction" for m in imported_modules(path) if m == "django.db.transaction"]
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"save", "create", "delete", "bulk_create", "get_or_create", "update_or_create"}
                and not (isinstance(node.func.value, ast.Name) and node.func.value.id in {"messages", "request"})
            ):
                problems.append(f"line {node.lineno}: .{node.func.attr}()")
        if problems:
            bad[str(path.relative_to(ROOT))] = problems
    assert not bad, f"views that write rows themselves: {bad}"


#: modules that are data, not logic (demo content, the shipped maturity model): they may stay long
LONG_DATA_MODULES = {"demo/content.py", "maturity/default_model.py"}
MAX_MODULE_LINES = 400


def test_no_application_module_is_longer_than_400_lines() -> None:
    """Small modules named by noun (CONVENTIONS.md): a module past 400 lines is split into a package."""
    long = {}
    for path in application_modules():
        name = path.relative_to(ROOT).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if name not in LONG_DATA_MODULES and lines > MAX_MODULE_LINES:
            long[name] = lines
    assert not long, f"modules over {MAX_MODULE_LINES} lines, split them by noun: {long}"


#: calls whose keyword arguments are lookups (filters), not field values of a write
LOOKUP_CALLS = {"filter", "exclude", "get", "Q", "When"}
VISIBILITY_HOME = ROOT / "participation" / "models"


def hand_written_visibility_filters(source: str) -> list[str]:
    """Lookups that restate the visibility rule: ``[…__]visibility=Visibility.VISIBLE`` (or ``"visible"``),
    ``[…__]published=True`` (``process__published=True``, ``Process.objects.filter(published=True)``)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name not in LOOKUP_CALLS:
            continue
        for keyword in node.keywords:
            field = (keyword.arg or "").rsplit("__", 1)[-1]
            value = keyword.value
            visible = (isinstance(value, ast.Attribute) and value.attr == "VISIBLE") or (
                isinstance(value, ast.Constant) and value.value == "visible"
            )
            published = isinstance(value, ast.Constant) and value.value is True
            if (field == "visibility" and visible) or (field == "published" and published):
                found.append(f"line {node.lineno}: {keyword.arg}=…")
    return found


def test_the_visibility_guard_recognises_hand_written_filters() -> None:
    """The check below finds the shapes the rule used to be written in (so it can fail)."""
    written_by_hand = """
Idea.objects.filter(district=d, visibility=Visibility.VISIBLE, process__published=True)
Count("comments", filter=Q(comments__visibility=Visibility.VISIBLE))
Process.objects.filter(district=d, published=True)
Event.objects.filter(Q(process__isnull=True) | Q(process__published=True))
Statement.objects.exclude(visibility="visible")
"""
    assert len(hand_written_visibility_filters(written_by_hand)) == 6
    writes = """
Idea(visibility=Visibility.VISIBLE)
set_published(by=u, process=p, published=True)
qs.update(visibility="visible")
"""
    assert hand_written_visibility_filters(writes) == []


def test_visibility_of_contributions_is_decided_by_the_querysets_only() -> None:
    """Who sees which contribution is ``Idea/Comment/Statement.objects.public()`` / ``.visible()`` /
    ``.visible_to(user, participant)`` and ``Process.objects.published()`` / ``.visible_to(user)``:
    outside ``participation/models`` no module writes that rule as a lookup of its own."""
    bad = {}
    for path in application_modules():
        if path.is_relative_to(VISIBILITY_HOME):
            continue
        found = hand_written_visibility_filters(path.read_text(encoding="utf-8"))
        if found:
            bad[str(path.relative_to(ROOT))] = found
    assert not bad, f"visibility written by hand, use the querysets of participation.models: {bad}"


def test_template_tags_call_selectors_and_do_not_query() -> None:
    """A template tag formats or calls a selector; it builds no queryset of its own."""
    bad = {}
    for path in ROOT.glob("*/templatetags/*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        queries = [
            f"line {node.lineno}: .{node.attr}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute)
            and (
                node.attr == "objects"
                or (  # queryset methods; ``@register.filter`` declares a template filter
                    node.attr in {"filter", "exclude", "annotate", "aggregate"}
                    and not (isinstance(node.value, ast.Name) and node.value.id == "register")
                )
            )
        ]
        if queries:
            bad[str(path.relative_to(ROOT))] = queries
    assert not bad, f"template tags that query the database themselves: {bad}"


def test_htmx_requests_are_recognised_by_django_htmx() -> None:
    """``request.htmx`` (``HtmxMiddleware``; views typed with ``kreiskurs.core.http.HtmxHttpRequest``), never
    the ``HX-Request`` header read by hand."""
    from django.conf import settings

    assert "django_htmx.middleware.HtmxMiddleware" in settings.MIDDLEWARE
    bad = [
        str(path.relative_to(ROOT))
        for path in application_modules()
        if re.search(r"HX[-_]REQUEST", path.read_text(encoding="utf-8"), re.IGNORECASE)
    ]
    assert not bad, f"modules reading the HX-Request header by hand: {bad}"
