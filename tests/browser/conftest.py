"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Run with ``pytest tests/browser`` (all tests here carry the ``browser`` marker).
Nothing is downloaded: ``playwright install`` is never needed, the browser is Debian's
``/usr/bin/chromium-headless-shell`` (``apt-get install chromium-headless-shell``): the same
Chromium build without the desktop browser around it, the shell Playwright itself uses for
headless runs; it needs about half the CPU of ``chromium --headless`` here
(docs/decisions/0020-fast-test-run.md). ``KREISKURS_TEST_CHROMIUM`` names another binary.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import RequestFactory, override_settings
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Route, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from kreiskurs.demo.loader import DISTRICT_KEY
from tests.demo_snapshot import Snapshot, restore_database

# Playwright's sync API keeps an asyncio event loop running in this thread, so
# Django would refuse ORM calls made from the test itself (SynchronousOnlyOperation).
# The calls are still synchronous and sequential; tell Django so.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("KREISKURS_TEST_CHROMIUM", "/usr/bin/chromium-headless-shell"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js"
# Same-origin address under which the tests (not the app) serve axe-core; see axe_check().
AXE_PATH = "/__browser-tests__/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

DEMO_SLUG = "coesfeld"

# Default time Playwright's auto-waiting and expect() may take (ms). Generous for a
# 2-core machine; a passing run never waits for it.
TIMEOUT_MS = 15_000


# --- browser -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's Chromium headless shell; "
            "install it: apt-get install chromium-headless-shell",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        expect.set_options(timeout=TIMEOUT_MS)
        yield browser
        browser.close()


#: the live server's address once it runs (``login`` gives the browser a cookie for it)
LIVE_SERVER_URL: list[str] = []


# --- server ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def _plain_http_server() -> Iterator[None]:
    """Plain HTTP for the live server, in force *before* it starts.

    The root conftest turns SECURE_SSL_REDIRECT off per test, but the live server
    builds its middleware once per session and SecurityMiddleware reads the setting
    in ``__init__``: without this, every page answers 301 → https:// and Chromium
    fails with ERR_SSL_PROTOCOL_ERROR. Secure-only cookies would not be sent
    over http either.
    """
    with override_settings(SECURE_SSL_REDIRECT=False, SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False):
        yield


@pytest.fixture(scope="session")
def live_server(_plain_http_server: None, live_server: Any) -> Any:
    """pytest-django's live server (serves static files via staticfiles), over plain HTTP."""
    LIVE_SERVER_URL.append(live_server.url)
    return live_server


@pytest.fixture(autouse=True)
def _forms_filled_by_a_robot(settings: Any) -> None:
    """The browser fills forms in milliseconds; the bot timing rule is tested in the unit tests."""
    settings.KREISKURS_FORM_MIN_SECONDS = 0


@pytest.fixture(scope="session", autouse=True)
def _emptied_by_copy(demo_snapshot: Snapshot | None) -> Iterator[None]:
    """After each browser test the SQLite database is put back by copying its empty state.

    A transactional test ends with Django's ``flush``: it deletes every table and
    then re-creates the content types and about 1,200 permissions through the
    ``post_migrate`` signal, about 0.3 s CPU per test. Copying the snapshot of the
    migrated, empty database back (SQLite's online backup) leaves exactly the
    state the session started from, in milliseconds. On other databases, and for
    any other test case, Django's own teardown runs.
    """
    from django.db import connection
    from django.test import TransactionTestCase

    if demo_snapshot is None:
        yield
        return
    flush = TransactionTestCase._fixture_teardown
    empty = demo_snapshot.empty

    def teardown(case: TransactionTestCase) -> None:
        if connection.vendor == "sqlite" and list(case._databases_names(include_mirrors=False)) == ["default"]:
            restore_database(empty)
        else:
            flush(case)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TransactionTestCase, "_fixture_teardown", teardown)
        yield


@pytest.fixture
def demo(demo_snapshot: Snapshot | None, transactional_db: None) -> Any:
    """The demo district Kreis Coesfeld: version 1 adopted, version 2 in consultation (public, frozen).

    On SQLite it is restored from the session's snapshot (the same rows load_demo()
    writes; tests/demo_snapshot.py); the test's teardown empties the database as for
    any transactional test (``_emptied_by_copy``).
    """
    from kreiskurs.demo.loader import load_demo
    from kreiskurs.territory.models import District

    if demo_snapshot is None:
        return load_demo()
    restore_database(demo_snapshot.loaded)
    return District.objects.get(key=DISTRICT_KEY)


def demo_back_into_draft() -> None:
    """Take the demo's version 2 back into draft, as the team does before editing it (through the service)."""
    from kreiskurs.strategy import services
    from kreiskurs.strategy.models import StrategyVersion

    version = StrategyVersion.objects.get(district__slug=DEMO_SLUG, number=2)
    services.set_version_state(by=None, version=version, state="draft")


# --- contexts and pages ------------------------------------------------------------------------


class PageProblems:
    """Collects what a page must never do: CSP violations and uncaught script errors."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def watch(self, page: Page) -> Page:
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"{page.url}: uncaught error: {exc}"))
        return page

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.problems.append(f"{message.location.get('url', '?')}: {message.text}")


@pytest.fixture
def new_context(browser: Browser, live_server: Any) -> Iterator[Callable[[], BrowserContext]]:
    """Factory for isolated browser contexts (own cookies), closed after the test.

    Every page opened in them is watched; a CSP violation or uncaught script error
    anywhere fails the test at teardown.
    """
    contexts: list[BrowserContext] = []
    watcher = PageProblems()

    def make() -> BrowserContext:
        context = browser.new_context(base_url=live_server.url, locale="de-DE", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        context.on("page", watcher.watch)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    assert not watcher.problems, "Pages broke their Content-Security-Policy or threw:\n" + "\n".join(watcher.problems)


@pytest.fixture
def context(new_context: Callable[[], BrowserContext]) -> BrowserContext:
    return new_context()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


# --- helpers -----------------------------------------------------------------------------------


def login(page: Page, username: str = "cdo", *, land: bool = True) -> None:
    """Signed in as ``username`` (a session made by Django's test client, its cookie given to the
    browser), on the page the login form leads to unless ``land`` is false.

    The form itself is driven by the tests about signing in (test_accounts.py, the error state in
    test_accessibility.py); every other test only needs to be signed in and skips the form's
    three page loads.
    """
    from django.conf import settings
    from django.test import Client

    from kreiskurs.accounts.models import User
    from kreiskurs.accounts.views_account import LoginView

    user = User.objects.get(username=username)
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": LIVE_SERVER_URL[-1]}])
    if land:
        view = LoginView(request=RequestFactory().get("/konto/anmelden/"))
        view.request.user = user
        page.goto(view.get_success_url())
        expect(page.get_by_role("button", name="Abmelden")).to_be_visible()


STYLESHEETS_JS = """() => [...document.querySelectorAll('link[rel="stylesheet"]')].map(l => ({
    href: l.href, rules: (() => { try { return l.sheet ? l.sheet.cssRules.length : 0 } catch (e) { return 0 } })()}))"""


def assert_styled(page: Page) -> None:
    """Every stylesheet of the page loaded and applies (KERN and site.css).

    On a busy machine a page reached by a click may still be loading its CSS:
    wait for the condition (up to Playwright's timeout), then assert it.
    """
    page.wait_for_load_state("load")
    with contextlib.suppress(PlaywrightTimeoutError):  # the assertions below say what is missing
        page.wait_for_function(
            f"""() => {{ const s = ({STYLESHEETS_JS})(); return s.length >= 3 && s.every(x => x.rules > 0)
                && getComputedStyle(document.body).marginTop === "0px"; }}"""
        )
    sheets = page.evaluate(STYLESHEETS_JS)
    assert len(sheets) >= 3, f"expected KERN fonts, KERN and site CSS on {page.url}, got {sheets}"
    empty = [s["href"] for s in sheets if not s["rules"]]
    assert not empty, f"stylesheets not loaded on {page.url}: {empty}"
    # site.css: `body.kk-body { margin: 0 }` (browsers default to 8px).
    assert page.evaluate("getComputedStyle(document.body).marginTop") == "0px"


def _serve_axe(route: Route) -> None:
    route.fulfill(status=200, path=AXE_JS, content_type="text/javascript; charset=utf-8")


def axe_check(page: Page) -> None:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the current page; fail on any violation.

    The app's CSP (``script-src 'self'``) blocks ``add_script_tag(path=…)``, which
    injects the file as an *inline* script. Instead of switching the CSP off
    (``bypass_csp=True``) we keep testing the page under its real policy and let
    Playwright answer one same-origin URL with the vendored file; the page then
    loads axe like any of its own scripts. The app never serves this URL.
    """
    assert_styled(page)
    page.route(f"**{AXE_PATH}", _serve_axe)
    try:
        page.add_script_tag(url=AXE_PATH)
    finally:
        page.unroute(f"**{AXE_PATH}", _serve_axe)
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    violations = results["violations"]
    if violations:
        pytest.fail(
            f"axe-core found {len(violations)} violation(s) on {page.url}:\n" + format_violations(violations),
            pytrace=False,
        )


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} element(s)] {v['helpUrl']}")
        for node in v["nodes"][:3]:
            lines.append(f"    target: {' '.join(node['target'])}")
            lines.append(f"      html: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " / ")
            if summary:
                lines.append(f"      why:  {summary[:300]}")
    return "\n".join(lines)
