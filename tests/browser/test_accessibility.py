"""axe-core (WCAG 2.1 A/AA) on every page type of the portal and the main back-office pages."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from kreiskurs.strategy.models import FieldOfAction, Goal, Measure
from kreiskurs.territory.models import Municipality

from .conftest import DEMO_SLUG, PageProblems, assert_styled, axe_check, demo_back_into_draft, login

pytestmark = pytest.mark.browser

S = DEMO_SLUG


def _lineage(model: Any, code: str, version: int = 1) -> str:
    return str(model.objects.get(district__slug=S, version__number=version, code=code).lineage)


def _measure_pk(code: str, version: int = 2) -> int:
    return Measure.objects.get(district__slug=S, version__number=version, code=code).pk


def _round_pk() -> int:
    from kreiskurs.evaluation.models import EvaluationRound

    return EvaluationRound.objects.get(district__slug=S).pk


def _process_pk(title: str) -> int:
    from kreiskurs.participation.models import Process

    return Process.objects.get(district__slug=S, title=title).pk


def _ideas_pk() -> int:
    from kreiskurs.demo import content

    return _process_pk(content.IDEAS_PROCESS[0])


def _idea_pk() -> int:
    from kreiskurs.participation.models import Idea

    return Idea.objects.get(district__slug=S, title="Video-Sprechstunde im Bürgerbüro").pk


def _survey_args() -> list[object]:
    from kreiskurs.participation.models import Survey

    survey = Survey.objects.get(district__slug=S)
    return [S, survey.process_id, survey.pk]


def _municipality_slug() -> str:
    # Coesfeld itself: lead partner in several measures, so its page lists many.
    return Municipality.objects.get(ags="05558012").slug


# name -> (path resolved once the demo is loaded, log in as the strategy team first?)
PAGES: dict[str, tuple[Callable[[], str], bool]] = {
    "index": (lambda: reverse("portal:index"), False),
    "district-home": (lambda: reverse("portal:district", args=[S]), False),
    "goal": (lambda: reverse("portal:goal", args=[S, _lineage(Goal, "Z1")]), False),
    "field-of-action": (lambda: reverse("portal:field", args=[S, _lineage(FieldOfAction, "HF1")]), False),
    "measure-list": (lambda: reverse("portal:measures", args=[S]), False),
    "measure-list-filtered": (lambda: reverse("portal:measures", args=[S]) + "?phase=rollout&priority=high", False),
    "measure-list-page-2": (lambda: reverse("portal:measures", args=[S]) + "?seite=2", False),
    "measure-profile": (lambda: reverse("portal:measure", args=[S, _lineage(Measure, "M1")]), False),
    "municipality-list": (lambda: reverse("portal:municipalities", args=[S]), False),
    "municipality": (lambda: reverse("portal:municipality", args=[S, _municipality_slug()]), False),
    "alignment": (lambda: reverse("portal:alignment", args=[S]), False),
    "time-plan": (lambda: reverse("cycle:time_plan", args=[S]), False),
    "baseline": (lambda: reverse("portal:baseline", args=[S]), False),
    "baseline-consultation": (lambda: reverse("portal:baseline", args=[S]) + "?version=2", False),
    "version-list": (lambda: reverse("portal:versions", args=[S]), False),
    "version-document": (lambda: reverse("portal:document", args=[S, 1]), False),
    "version-compare": (lambda: reverse("portal:compare", args=[S]) + "?von=1&bis=2", True),
    "draft-preview": (lambda: reverse("portal:district", args=[S]) + "?version=2", True),
    "map": (lambda: reverse("geo:map", args=[S]), False),
    "map-indicator": (lambda: reverse("geo:map", args=[S]) + "?layer=indicator:I2", False),
    "indicator-list": (lambda: reverse("monitoring:indicators", args=[S]), False),
    "indicator-trend": (lambda: reverse("monitoring:indicator", args=[S, "I1"]), False),
    "indicator-municipal": (lambda: reverse("monitoring:indicator", args=[S, "I2"]), False),
    "evaluation-list": (lambda: reverse("evaluation:reports", args=[S]), False),
    "evaluation-report": (lambda: reverse("evaluation:report", args=[S, _round_pk()]), False),
    "evaluation-print": (lambda: reverse("evaluation:print", args=[S, _round_pk()]), False),
    "participation-list": (lambda: reverse("participation:processes", args=[S]), False),
    "participation-process": (lambda: reverse("participation:process", args=[S, _ideas_pk()]), False),
    "participation-idea": (lambda: reverse("participation:idea", args=[S, _ideas_pk(), _idea_pk()]), False),
    "participation-join": (lambda: reverse("participation:join", args=[S, _ideas_pk()]), False),
    "participation-draft": (
        lambda: reverse("participation:draft", args=[S, _process_pk("Entwurf der Fortschreibung 2026 kommentieren")]),
        False,
    ),
    "participation-statements": (
        lambda: reverse(
            "statements:list", args=[S, _process_pk("Meinungsbild: Künstliche Intelligenz in der Verwaltung")]
        ),
        False,
    ),
    "participation-survey": (lambda: reverse("surveys:detail", args=_survey_args()), False),
    "participation-priorities": (
        lambda: reverse("participation:priorities", args=[S, _process_pk("Welche Maßnahmen zuerst?")]),
        True,
    ),
    "participation-survey-results": (lambda: reverse("surveys:results", args=_survey_args()), True),
    "participation-events": (lambda: reverse("events:list", args=[S]), False),
    "register": (lambda: reverse("accounts:register"), False),
    "my-data": (lambda: reverse("my_data:overview"), True),
    "login": (lambda: reverse("accounts:login"), False),
    "legal-imprint": (lambda: reverse("legal:page", args=["impressum"]), False),
    "legal-privacy": (lambda: reverse("legal:page", args=["datenschutz"]), False),
    "legal-accessibility-installation": (lambda: reverse("legal:page", args=["barrierefreiheit"]), False),
    "legal-easy-language-installation": (lambda: reverse("legal:page", args=["leichte-sprache"]), False),
    "legal-imprint-district": (lambda: reverse("legal:district_page", args=[S, "impressum"]), False),
    "legal-privacy-district": (lambda: reverse("legal:district_page", args=[S, "datenschutz"]), False),
    "legal-accessibility": (lambda: reverse("legal:district_page", args=[S, "barrierefreiheit"]), False),
    "legal-easy-language": (lambda: reverse("legal:district_page", args=[S, "leichte-sprache"]), False),
    "manage-legal": (lambda: reverse("legal:district_manage", args=[S]), True),
    "manage-legal-edit": (lambda: reverse("legal:district_edit", args=[S, "barrierefreiheit"]), True),
    "manage-dashboard": (lambda: reverse("manage:dashboard", args=[S]), True),
    "manage-measure-create": (lambda: reverse("manage:measure_create", args=[S]), True),
    "manage-measure-edit": (lambda: reverse("manage:measure_edit", args=[S, _measure_pk("M1")]), True),
    "manage-versions": (lambda: reverse("manage:versions", args=[S]), True),
    "manage-time-plan": (lambda: reverse("cycle_manage:overview", args=[S]), True),
    "manage-stage": (lambda: reverse("cycle_manage:stage", args=[S, "update"]), True),
    "manage-mandate": (lambda: reverse("cycle_manage:mandate", args=[S]), True),
    "manage-swot": (lambda: reverse("manage:elements", args=[S, "swot"]), True),
    "manage-alignment": (lambda: reverse("manage:alignment", args=[S]), True),
    "manage-roles": (lambda: reverse("roles:memberships", args=[S]), True),
    "manage-indicators": (lambda: reverse("monitoring_manage:list", args=[S]), True),
    "manage-measurement-import": (lambda: reverse("monitoring_manage:import", args=[S, "messwerte"]), True),
    "manage-evaluation": (lambda: reverse("evaluation_manage:list", args=[S]), True),
    "manage-participation": (lambda: reverse("participation_manage:processes", args=[S]), True),
    "manage-participation-process": (lambda: reverse("participation_manage:process", args=[S, _ideas_pk()]), True),
    "manage-moderation": (lambda: reverse("participation_manage:queue", args=[S]), True),
    "manage-idea": (lambda: reverse("participation_manage:idea", args=[S, _ideas_pk(), _idea_pk()]), True),
    "manage-events": (lambda: reverse("events_manage:list", args=[S]), True),
    "manage-actor-map": (lambda: reverse("actors:map", args=[S]), True),
    "manage-bodies": (lambda: reverse("actors:bodies", args=[S]), True),
    "manage-stakeholders": (lambda: reverse("actors:stakeholders", args=[S]), True),
    "manage-actor-groups": (lambda: reverse("actors:groups", args=[S]), True),
    "manage-initiatives": (lambda: reverse("initiatives_manage:bundling", args=[S]), True),
    "manage-municipality": (
        lambda: reverse("initiatives_manage:municipality", args=[S, _municipality_slug()]),
        True,
    ),
    "manage-matrix": (lambda: reverse("initiatives_manage:matrix", args=[S]), True),
    "manage-evaluation-round": (lambda: reverse("evaluation_manage:round", args=[S, _round_pk()]), True),
    "manage-status-report": (
        lambda: reverse("manage:status_report", args=[S, _lineage(Measure, "M1")]),
        True,
    ),
}


#: editing forms exist only while version 2 is a draft (the demo releases it for consultation)
EDITING_PAGES = {"manage-measure-create", "manage-alignment"}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_axe_violations(page: Page, demo: Any, name: str) -> None:
    resolve, needs_login = PAGES[name]
    if name in EDITING_PAGES:
        demo_back_into_draft()
    if needs_login:
        login(page, land=False)
    response = page.goto(resolve())
    assert response is not None and response.status == 200, f"{name}: HTTP {response and response.status}"
    expect(page.locator("h1")).to_have_count(1)
    axe_check(page)


def test_static_files_are_served_and_applied(page: Page, demo: Any) -> None:
    """The live server delivers KERN, its fonts and site.css; the page is styled with them."""
    page.goto(reverse("portal:district", args=[S]))
    for href in page.eval_on_selector_all('link[rel="stylesheet"]', "links => links.map(l => l.href)"):
        response = page.request.get(href)
        assert response.status == 200, href
        assert response.headers["content-type"].startswith("text/css"), href
    assert_styled(page)
    body_font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Fira Sans" in body_font
    # KERN styles the headline class (not a browser default of 2em/bold serif).
    assert "Fira Sans" in page.locator("h1").evaluate("h => getComputedStyle(h).fontFamily")


def test_forms_with_errors_have_no_axe_violations(page: Page, demo: Any) -> None:
    """Error states: a failed login and a measure form sent empty."""
    page.goto(reverse("accounts:login"))
    page.get_by_label("Benutzername").fill("cdo")
    page.get_by_label("Passwort").fill("falsch")
    page.get_by_role("button", name="Anmelden", exact=True).click()
    expect(page.get_by_role("alert")).to_have_text("Benutzername oder Passwort sind falsch.")
    axe_check(page)

    demo_back_into_draft()
    login(page)
    page.goto(reverse("manage:measure_create", args=[S]))
    page.get_by_role("button", name="Speichern").click()
    code = page.get_by_label("Kürzel")
    expect(code).to_have_attribute("aria-invalid", "true")
    expect(code).to_have_accessible_description("Dieses Feld ist zwingend erforderlich.")
    axe_check(page)


def test_barrier_report_with_error_then_sent_has_no_axe_violations(page: Page, demo: Any) -> None:
    """The feedback form of the accessibility statement: sent empty, then filled in and sent."""
    page.goto(reverse("legal:district_page", args=[S, "barrierefreiheit"]))
    page.get_by_role("button", name="Nachricht senden").click()
    message = page.get_by_label("Ihre Nachricht")
    expect(message).to_have_attribute("aria-invalid", "true")
    axe_check(page)
    message.fill("Die Karte lässt sich mit der Tastatur nicht bedienen.")
    page.get_by_role("button", name="Nachricht senden").click()
    expect(page.get_by_role("status")).to_contain_text("Danke! Ihre Nachricht ist an")
    axe_check(page)


def test_axe_check_reports_violations(page: Page, demo: Any) -> None:
    """The check is not vacuous: an unlabelled input on a real page fails it, naming the rule."""
    page.goto(reverse("accounts:login"))
    page.locator("label[for=id_username]").evaluate("label => label.remove()")
    with pytest.raises(pytest.fail.Exception, match=r"(?s)- label \(critical\).*#id_username"):
        axe_check(page)


def test_live_filter_keeps_ids_unique(page: Page, demo: Any) -> None:
    page.goto(reverse("portal:measures", args=[S]))
    page.locator("details.kk-disclosure > summary").click()
    page.get_by_label("Phase", exact=True).select_option("rollout")
    expect(page).to_have_url(re.compile(r"[?&]phase=rollout\b"))
    expect(page.locator("#results-heading")).not_to_have_text(re.compile(r"^30 "))
    duplicates = page.evaluate(
        """() => { const seen = {}; document.querySelectorAll('[id]').forEach(e => seen[e.id] = (seen[e.id] || 0) + 1);
                   return Object.keys(seen).filter(id => seen[id] > 1); }"""
    )
    assert duplicates == []


def test_csp_violations_are_caught(browser: Any, live_server: Any, demo: Any) -> None:
    """The page watcher of the `new_context` fixture notices what the CSP blocks."""
    watcher = PageProblems()
    context = browser.new_context(base_url=live_server.url)
    try:
        page = watcher.watch(context.new_page())
        page.goto(reverse("portal:index"))
        with (
            page.expect_console_message(lambda m: "Content Security Policy" in m.text),
            pytest.raises(PlaywrightError, match="Content Security Policy"),
        ):
            page.add_script_tag(content="window.inline = true")
        assert page.evaluate("window.inline") is None
    finally:
        context.close()
    assert any("Content Security Policy" in p for p in watcher.problems), watcher.problems


def test_checkbox_groups_look_like_checkboxes(page: Page, demo: Any) -> None:
    demo_back_into_draft()
    login(page)
    page.goto(reverse("manage:measure_create", args=[S]))
    box = page.get_by_role("group", name="Handlungsfelder").get_by_role("checkbox").first
    expect(box).to_be_visible()
    classes = (box.get_attribute("class") or "").split()  # read once the page is there: no waiting
    assert "kern-form-check__checkbox" in classes and "kern-form-check__radio" not in classes, classes


def test_opinion_map_with_groups_and_own_position_has_no_axe_violations(page: Page, demo: Any) -> None:
    """The opinion map page with two groups, their tables and the signed-in voter's own position."""
    from kreiskurs.accounts.models import User
    from kreiskurs.participation.models import Participant, StatementVote
    from kreiskurs.participation.services.opinion import store_opinion_map
    from kreiskurs.participation.tests.test_opinion_stored import two_camps
    from kreiskurs.territory.models import District

    process, persons, _rows = two_camps(people=12, district=District.objects.get(slug=S))
    bea = Participant.objects.get(district__slug=S, user=User.objects.get(username="buerger"))
    StatementVote.objects.filter(participant=persons[0]).update(participant=bea)  # Bea voted in camp A
    store_opinion_map(process=process)
    login(page, "buerger")
    page.goto(reverse("participation:process", args=[S, process.pk]))
    page.get_by_role("link", name="Meinungsbild: welche Gruppen sich zeigen und wo Sie stehen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meinungsbild")
    expect(page.get_by_role("img", name="Meinungsbild mit 2 Gruppen")).to_be_visible()
    expect(page.locator("#opinion-own")).to_have_count(1)
    expect(page.get_by_role("heading", name="Gruppe A (6 Personen)")).to_be_visible()
    axe_check(page)
