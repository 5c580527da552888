"""No input answers 500: odd values in every query parameter and path part of every route.

The routes are found by crawling the demo district (links and form targets), as an
anonymous visitor (portal, participation, API) and as the platform admin (back
office), so every route is reached with real path values. For each page, a probe
request records which query parameters the view reads; they then get every odd
value in turn, all of them at once (those a view did not read before it answered,
one by one), and each path part gets odd values of its converter's shape. Anything
but a 5xx passes: 400, 404 and ignoring the value are all fine.

Runs on SQLite and, in ``make test-postgres``, on PostgreSQL (where NUL bytes in
text fail inside the database driver).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.http import QueryDict
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404

from kreiskurs.accounts.models import User
from kreiskurs.api.api import api
from kreiskurs.monitoring.models import Indicator
from kreiskurs.participation.models import Process, Survey
from kreiskurs.territory.models import District
from tests.demo_snapshot import Snapshot, demo_for_module

SOURCE = Path(__file__).resolve().parent.parent / "kreiskurs"

HUGE = "99999999999999999999999"

# Odd query values: NUL (raw and inside text), numbers past every integer type,
# a long string, non-URLs where URLs are expected, and text where numbers are.
ODD_VALUES = (
    "\x00",
    "a\x00b",
    HUGE,
    "-" + HUGE,
    "-1",
    "0",
    "1e999",
    "x" * 5000,
    "null",
    "http://[::1",
    "//example.org/",
    "ä€😀\ufeff",
)

# Odd values per path converter: each must still match the converter's pattern.
ODD_PATH_VALUES: dict[str, tuple[str, ...]] = {
    "str": ("a\x00b", HUGE, "x" * 3000),
    "int": (HUGE,),
    "slug": ("x" * 3000,),
    "path": ("a\x00b", HUGE),
}

# Query parameters the views read (request.GET, GET-bound forms, API query parameters).
# ``test_every_query_parameter_in_the_code_is_fuzzed`` keeps this list complete.
QUERY_PARAMETERS = (
    "next",
    "version",
    "seite",
    "teil",
    "von",
    "bis",
    "field",
    "goal",
    "phase",
    "priority",
    "municipality",
    "layer",
    "runde",
    "gemeinde",
    "verband",
    "groesse",
    "page",
    "page_size",
    # the read API's list filters
    "parent",
    "since",
    "upcoming",
    "process",
    "status",
    "idea",
    "paragraph",
    "kind",
    "results_public",
    "association",
    "state",
    "level",
    "scope",
    # the consideration work list's filter "only without a response"
    "offen",
    # the voting flow: the statement just voted on
    "these",
)

#: pages of one route read for links (a process in another phase links to other pages)
PAGES_PER_ROUTE = 2

# Routes only staff and members reach; fuzzed as the platform admin.
STAFF_ROUTES = ("<slug:slug>/verwaltung/", "verwaltung/", "konto/daten/", "aufgaben/")

# Routes the crawl does not reach through links or form targets, with why.
_NO_DEMO_ROW = "the demo has no such row (or no page links to it), so no real path value exists"
UNREACHED: dict[str, str] = {
    "api/v1/districts/<key>/measures/<lineage>/status-reports/": (
        "API only, named by a measure's identity; schemathesis and api/tests cover it"
    ),
    "<slug:slug>/verwaltung/schnittstelle/<int:pk>/widerrufen/": "POST only; the demo has no API token",
    "<slug:slug>/folgen/<str:kind>/<str:key>/": "POST only (the follow button); bad kinds and keys: following/tests",
    "folgen/abbestellen/<str:token>/": "link only in a mail; bad tokens: following/tests/test_following.py",
    "<slug:slug>/beteiligung/<int:pk>/thesen/<int:statement>/abstimmen/": "POST only; shown to participants",
    "<slug:slug>/beteiligung/<int:pk>/thesen/abstimmen/<int:statement>/": "POST only; shown to participants",
    "<slug:slug>/verwaltung/akteurslandkarte/gremien/<int:body_pk>/": _NO_DEMO_ROW,
    "<slug:slug>/verwaltung/akteurslandkarte/gremien/<int:body_pk>/loeschen/": _NO_DEMO_ROW,
    "<slug:slug>/verwaltung/akteurslandkarte/gremien/<int:body_pk>/mitglieder/": _NO_DEMO_ROW,
    "<slug:slug>/verwaltung/akteurslandkarte/gremien/<int:body_pk>/mitglieder/<int:membership_pk>/entfernen/": (
        _NO_DEMO_ROW
    ),
    "<slug:slug>/verwaltung/beteiligung/<int:pk>/umfragen/<int:survey_pk>/fragen/<int:question_pk>/": _NO_DEMO_ROW,
    "<slug:slug>/verwaltung/beteiligung/<int:pk>/umfragen/<int:survey_pk>/fragen/<int:question_pk>/loeschen/": (
        _NO_DEMO_ROW
    ),
    "<slug:slug>/verwaltung/beteiligung/moderation/meldungen/<int:report_pk>/erledigt/": _NO_DEMO_ROW,
    "<slug:slug>/verwaltung/beteiligung/moderation/dubletten/<int:suggestion_pk>/": (
        "POST only, shown while a duplicate suggestion is open: participation/tests/test_text_analysis.py"
    ),
    "<slug:slug>/verwaltung/beteiligung/moderation/kommentar-dubletten/<int:suggestion_pk>/": (
        "POST only, shown while a comment pair is open: participation/tests/test_comment_duplicates.py"
    ),
    "<slug:slug>/verwaltung/reife/dimensionen/<int:dimension>/fragen/neu/": _NO_DEMO_ROW,
    "<slug:slug>/verwaltung/reife/modell/<int:model>/dimensionen/neu/": _NO_DEMO_ROW,
    "<slug:slug>/verwaltung/reife/runden/<int:pk>/luecken/<slug:code>/massnahme/": _NO_DEMO_ROW,
    "aufgaben/<uuid:pk>/": "background tasks exist only while an import runs",
    "<slug:slug>/strategie/dokumente/<uuid:job_id>/": "a document's job exists only after its POST: documents/tests",
    "<slug:slug>/strategie/dokumente/<uuid:job_id>/datei": "a draft document's file, reached from its job page only",
    "konto/adresse-bestaetigen/<str:token>/": "link only in a mail; bad tokens: accounts/tests/test_addresses.py",
    "konto/einladung/<str:token>/": "link only in a mail; bad tokens: accounts/tests/test_invitations.py",
    "konto/passwort-neu/<uidb64>/<token>/": "link only in a mail; bad tokens: accounts/tests/test_passwords.py",
    "konto/oidc/anmelden/": "404 without an OpenID provider; with one: accounts/tests/test_oidc.py",
    "konto/oidc/callback/": "404 without an OpenID provider; wrong codes: accounts/tests/test_oidc.py",
    "konto/zwei-faktor/einrichten/": "linked from the own account page; wrong codes: accounts/tests/test_twofactor.py",
    "konto/zwei-faktor/bestaetigen/": "reached after login with a second factor: accounts/tests/test_twofactor.py",
    "konto/zwei-faktor/wiederherstellungscodes/": "POST only: accounts/tests/test_twofactor.py",
}


# --- the crawl ----------------------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "action", "hx-get", "hx-post") and value:
                self.urls.append(value)


def _route_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route


def _crawl(client: Client, starts: list[str], prefix: tuple[str, ...], skip: tuple[str, ...]) -> dict[str, str]:
    """One concrete path per route pattern, found by following links from ``starts``.

    Up to ``PAGES_PER_ROUTE`` pages of one route are read for links (a process in
    another phase links to other pages); the first one is the route's example.
    """
    found: dict[str, str] = {}
    seen: set[str] = set()
    read: dict[str, int] = {}
    queue = list(starts)
    while queue:
        path = queue.pop(0)
        route = _route_of(path)
        if route is None or path in seen or route.startswith(skip) or read.get(route, 0) >= PAGES_PER_ROUTE:
            continue
        seen.add(path)
        found.setdefault(route, path)
        read[route] = read.get(route, 0) + 1
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(response.content.decode())
        for url in parser.urls:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path.startswith(prefix):
                continue
            queue.append(parts.path)
    return found


def _all_routes() -> dict[str, str]:
    """Every route pattern with its view name (namespaced), admin excluded."""

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[tuple[str, str]]:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield prefix + str(pattern.pattern), namespace + pattern.name

    return {route: name for route, name in walk(get_resolver(), "", "") if not route.startswith("admin/")}


def _completed(found: dict[str, str], routes: dict[str, str]) -> dict[str, str]:
    """``found`` plus the routes no link leads to (POST targets shown only in some states,
    plain endpoints), built from the path values of a page that was found."""
    known: list[dict[str, Any]] = [resolve(path).kwargs for path in found.values()]
    completed = dict(found)
    for route, name in routes.items():
        if route in completed:
            continue
        wanted = re.findall(r"<(?:\w+:)?(\w+)>", route)
        for kwargs in known:
            if all(k in kwargs for k in wanted):
                try:
                    completed[route] = reverse(name, kwargs={k: kwargs[k] for k in wanted})
                except Exception:
                    continue
                break
    return completed


def _reach(client: Client, demo: District, *, staff: bool) -> dict[str, str]:
    routes = _all_routes()
    if staff:
        client.force_login(User.objects.get(username="admin"))
        prefixes: tuple[str, ...] = ("/verwaltung/", f"/{demo.slug}/verwaltung/", "/konto/daten/", "/aufgaben/")
        starts = ["/verwaltung/", f"/{demo.slug}/verwaltung/", "/konto/daten/", *_survey_management_paths(demo)]
        found = _crawl(client, starts, prefixes, ())
        wanted = {r: n for r, n in routes.items() if r.startswith(STAFF_ROUTES)}
    else:
        found = _crawl(
            client,
            ["/", f"/{demo.slug}/", "/konto/registrieren/", "/konto/anmelden/", *_api_paths(demo)],
            ("/",),
            STAFF_ROUTES,
        )
        wanted = {r: n for r, n in routes.items() if not r.startswith(STAFF_ROUTES)}
    return {r: p for r, p in _completed(found, wanted).items() if r in wanted}


# --- odd requests -------------------------------------------------------------------------------


_ASKED: set[str] = set()


class _RecordingQuery(QueryDict):
    """A QueryDict that notes which keys a view asks for (only the request's own
    instance records: building it and copying it look keys up too)."""

    recording = False

    def _note(self, key: Any) -> None:
        if self.recording:
            _ASKED.add(key)

    def get(self, key: Any, default: Any = None) -> Any:
        self._note(key)
        return super().get(key, default)

    def __getitem__(self, key: Any) -> Any:
        self._note(key)
        return super().__getitem__(key)

    def getlist(self, key: Any, default: Any = None) -> Any:
        self._note(key)
        return super().getlist(key, default)

    def __contains__(self, key: Any) -> bool:
        self._note(key)
        return super().__contains__(key)


class _RecordQueryReads:
    """Test-only middleware: swaps request.GET for a recording copy."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        recording = _RecordingQuery(request.META.get("QUERY_STRING", ""), mutable=True)
        recording._mutable = False
        recording.recording = True
        request.GET = recording
        return self.get_response(request)


def _read_parameters(client: Client, path: str) -> set[str]:
    """The query parameters the view at ``path`` reads, sent all at once with plain values."""
    _ASKED.clear()
    client.get(path, dict.fromkeys(QUERY_PARAMETERS, "1"))
    if path.startswith("/api/"):  # django-ninja looks at every key; it reads those in the OpenAPI document
        return _ASKED & _api_query_parameters()
    return _ASKED & set(QUERY_PARAMETERS)


@functools.cache
def _api_query_parameters() -> frozenset[str]:
    """The query parameters of the OpenAPI document (built once: about a second each time)."""
    schema = api.get_openapi_schema()
    return frozenset(
        parameter["name"]
        for operations in schema["paths"].values()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "query"
    )


def _odd_paths(path: str) -> Iterator[str]:
    """``path`` with each path part in turn replaced by odd values of its converter's shape."""
    match = resolve(path)
    converters = {name: kind or "str" for kind, name in re.findall(r"<(?:(\w+):)?(\w+)>", match.route)}
    for name, kind in converters.items():
        for value in ODD_PATH_VALUES.get(kind, ()):
            kwargs = {**match.kwargs, name: value}
            try:
                yield reverse(match.view_name, args=match.args, kwargs=kwargs)
            except Exception:  # a value the converter refuses cannot be part of a URL
                continue


def _server_errors(client: Client, found: dict[str, str]) -> list[str]:
    errors = []

    def check(path: str, query: dict[str, str] | None = None) -> None:
        response = client.get(path, query or {})
        if response.status_code >= 500:
            shown = f"{path}?{urlencode(query or {})}"[:200]
            exc_info = getattr(response, "exc_info", None)
            cause = repr(exc_info[1])[:120] if exc_info else ""
            errors.append(f"{response.status_code} {shown!r} {cause}")

    for path in sorted(found.values()):
        for odd_path in _odd_paths(path):
            check(odd_path)
        names = _read_parameters(client, path)
        if not names:
            continue
        for value in ODD_VALUES:
            # every parameter the view reads gets the odd value at once; a view that answered
            # before reading all of them (a 400 for the first bad one) gets the others one by one
            _ASKED.clear()
            check(path, dict.fromkeys(sorted(names), value))
            for name in sorted(names - _ASKED):
                check(path, {name: value})
    return errors


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(demo_snapshot: Snapshot | None, django_db_blocker: Any) -> Iterator[District]:
    """The demo district for this module (tests/demo_snapshot.py)."""
    with demo_for_module(demo_snapshot, django_db_blocker) as district:
        yield district


# The crawl runs once per module, before the per-test settings of the root conftest apply.
_CRAWL_SETTINGS = override_settings(
    SECURE_SSL_REDIRECT=False,
    ALLOWED_HOSTS=["testserver"],
    STORAGES={
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
)


@pytest.fixture(scope="module")
def public_routes(demo: District, django_db_blocker: Any) -> dict[str, str]:
    with django_db_blocker.unblock(), _CRAWL_SETTINGS:
        return _reach(Client(), demo, staff=False)


@pytest.fixture(scope="module")
def staff_routes(demo: District, django_db_blocker: Any) -> dict[str, str]:
    with django_db_blocker.unblock(), _CRAWL_SETTINGS:
        return _reach(Client(), demo, staff=True)


@pytest.fixture
def fuzz_client(settings: Any) -> Client:
    """A client that reports a 500 as a response, as a visitor would see it, and notes query reads."""
    settings.MIDDLEWARE = ["tests.test_fuzz._RecordQueryReads", *settings.MIDDLEWARE]
    return Client(raise_request_exception=False)


# --- tests --------------------------------------------------------------------------------------


def _api_paths(district: District) -> list[str]:
    indicator = Indicator.objects.filter(district=district).order_by("code").first()
    process = Process.objects.published().filter(district=district).order_by("pk").first()
    assert indicator is not None and process is not None
    return [
        "/api/v1/",
        "/api/v1/districts/",
        f"/api/v1/districts/{district.key}/",
        f"/api/v1/districts/{district.key}/municipalities/",
        f"/api/v1/districts/{district.key}/strategy/",
        f"/api/v1/districts/{district.key}/strategy/versions/",
        f"/api/v1/districts/{district.key}/indicators/",
        f"/api/v1/districts/{district.key}/indicators/{indicator.code}/measurements/",
        f"/api/v1/districts/{district.key}/processes/",
        f"/api/v1/processes/{process.pk}/statements/",
        f"/api/v1/processes/{process.pk}/",
        f"/api/v1/districts/{district.key}/baseline/",
        f"/api/v1/districts/{district.key}/swot/",
        f"/api/v1/districts/{district.key}/tables/measures.csv",
        f"/api/v1/districts/{district.key}/tables/measurements.xlsx",
        *(
            f"/api/v1/processes/{survey.process_id}/surveys/{survey.pk}/results/"
            for survey in Survey.objects.filter(process__district=district).order_by("pk")[:1]
        ),
        "/api/v1/openapi.json",
        "/api/v1/docs",
    ]


def _survey_management_paths(district: District) -> list[str]:
    """A survey's management page: linked only from the process of a phase with a survey,
    which the bounded crawl need not read."""
    survey = Survey.objects.filter(process__district=district).order_by("pk").first()
    assert survey is not None
    kwargs = {"slug": district.slug, "pk": survey.process_id, "survey_pk": survey.pk}
    return [reverse("surveys_manage:edit", kwargs=kwargs)]


@pytest.mark.django_db
def test_no_query_value_or_path_part_answers_500_on_public_and_api_routes(
    public_routes: dict[str, str], fuzz_client: Client
) -> None:
    errors = _server_errors(fuzz_client, public_routes)
    assert not errors, f"{len(public_routes)} routes, {len(errors)} server errors:\n" + "\n".join(errors)


@pytest.mark.django_db
def test_no_query_value_or_path_part_answers_500_in_the_back_office(
    staff_routes: dict[str, str], fuzz_client: Client
) -> None:
    fuzz_client.force_login(User.objects.get(username="admin"))
    errors = _server_errors(fuzz_client, staff_routes)
    assert not errors, f"{len(staff_routes)} routes, {len(errors)} server errors:\n" + "\n".join(errors)


@pytest.mark.django_db
def test_every_route_is_fuzzed(public_routes: dict[str, str], staff_routes: dict[str, str]) -> None:
    """A new route is fuzzed as soon as a page links to it or shares its path values
    with one that does (or it is listed in UNREACHED, with why)."""
    missing = sorted(set(_all_routes()) - set(public_routes) - set(staff_routes) - set(UNREACHED))
    assert not missing, "\n".join(missing)


def test_every_query_parameter_in_the_code_is_fuzzed() -> None:
    """The list of fuzzed parameters covers every key the code reads from request.GET,
    every field of a form bound to request.GET, and every API query parameter."""
    read: set[str] = set()
    forms: set[str] = set()
    for source in SOURCE.rglob("*.py"):
        if "tests" in source.parts:
            continue
        text = source.read_text()
        read |= set(re.findall(r"\.GET(?:\.get|\.getlist|\.pop)?[\(\[]\s*[\"'](\w+)[\"']", text))
        forms |= set(re.findall(r"(\w+Form)\(\s*request\.GET", text))
    for form_name in forms:
        form_class = _find_form(form_name)
        read |= set(form_class.base_fields) | set(getattr(form_class, "GET_FIELDS", ()))
    read |= _api_query_parameters()
    assert sorted(read - set(QUERY_PARAMETERS)) == []


def _find_form(name: str) -> Any:
    import importlib

    for source in SOURCE.rglob("forms.py"):
        module = importlib.import_module(
            ".".join(source.relative_to(SOURCE.parent).with_suffix("").parts),
        )
        if hasattr(module, name):
            return getattr(module, name)
    raise AssertionError(f"form {name} not found")
