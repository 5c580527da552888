"""A participant votes on statements, changes the vote; with htmx and without JavaScript; axe-core on the page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from kreiskurs.accounts.models import User
from kreiskurs.participation.models import Process, Statement, StatementVote, Vote
from kreiskurs.participation.services import processes as process_services
from kreiskurs.participation.services import statements as statement_services
from kreiskurs.territory.models import District

from .conftest import DEMO_SLUG, axe_check, login

pytestmark = pytest.mark.browser


TWO = ("Jede Gemeinde braucht einen Digitallotsen.", "Behördengänge sollen online möglich sein.")


def opinion_map(texts: tuple[str, ...] = TWO) -> tuple[Process, list[Statement]]:
    """A running statements process of the demo district with statements by the strategy team."""
    team = User.objects.get(username="cdo")
    district = District.objects.get(slug=DEMO_SLUG)
    process = process_services.create_process(
        by=team,
        district=district,
        template=Process.Template.STATEMENTS,
        title="Meinungsbild zur Digitalstrategie",
        start=timezone.now() - dt.timedelta(days=1),
    )
    process = process_services.set_published(by=team, process=process, published=True)
    statements = [statement_services.add_statement(by=team, process=process, text=text) for text in texts]
    return process, statements


def test_participant_votes_and_changes_the_vote(page: Page, demo: Any) -> None:
    process, (first, second) = opinion_map()
    login(page, "buerger")
    page.goto(f"/{DEMO_SLUG}/beteiligung/{process.pk}/")
    page.get_by_role("link", name="Zu den Thesen und dem Meinungsbild").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thesen")
    axe_check(page)
    row = page.locator(f"#these-{first.pk}")
    row.get_by_role("button", name="Stimme zu", exact=True).click()
    expect(row).to_contain_text("Ihre Stimme: stimme zu")
    expect(row).to_contain_text("1 stimmen zu · 0 stimmen nicht zu · 0 überspringen")
    expect(row.get_by_role("button", name="Stimme zu", exact=True)).to_have_attribute("aria-pressed", "true")
    row.get_by_role("button", name="Stimme nicht zu", exact=True).click()
    expect(row).to_contain_text("Ihre Stimme: stimme nicht zu")
    expect(row).to_contain_text("0 stimmen zu · 1 stimmen nicht zu · 0 überspringen")
    expect(page.locator(f"#these-{second.pk}")).not_to_contain_text("Ihre Stimme")
    assert "seite=" not in page.url  # htmx swapped the row; no reload
    axe_check(page)
    assert list(StatementVote.objects.filter(statement__process=process).values_list("statement", "vote")) == [
        (first.pk, Vote.DISAGREE)
    ]


def test_voting_works_without_javascript(browser: Browser, live_server: Any, demo: Any) -> None:
    process, (first, _second) = opinion_map()
    context = browser.new_context(base_url=live_server.url, locale="de-DE", java_script_enabled=False)
    try:
        page = context.new_page()
        login(page, "buerger")
        page.goto(f"/{DEMO_SLUG}/beteiligung/{process.pk}/thesen/")
        row = page.locator(f"#these-{first.pk}")
        row.get_by_role("button", name="Überspringen", exact=True).click()
        row = page.locator(f"#these-{first.pk}")
        expect(row).to_contain_text("Ihre Stimme: weiß nicht / überspringen")
        row.get_by_role("button", name="Stimme zu", exact=True).click()
        expect(page.locator(f"#these-{first.pk}")).to_contain_text("Ihre Stimme: stimme zu")
    finally:
        context.close()
    assert list(StatementVote.objects.filter(statement__process=process).values_list("vote", flat=True)) == [Vote.AGREE]


def test_voting_one_statement_at_a_time_shows_progress_and_counts_after_the_vote(page: Page, demo: Any) -> None:
    """The flow as in Polis: three statements one after another; counts appear only once one has voted."""
    process, statements = opinion_map((*TWO, "Der Kreis veröffentlicht seine Daten offen."))
    login(page, "buerger")
    page.goto(f"/{DEMO_SLUG}/beteiligung/{process.pk}/thesen/")
    expect(page.locator(f"#these-{statements[0].pk}")).to_contain_text("sehen Sie nach Ihrer eigenen Stimme")
    page.get_by_role("link", name="Thesen einzeln bewerten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thesen bewerten")
    axe_check(page)
    progress = page.locator("label[for=flow-progress]")
    met: list[str] = []
    for n in range(3):
        expect(progress).to_have_text(f"{n} von 3 Thesen bewertet")
        expect(page.locator("#flow-progress")).to_have_attribute("value", str(n))
        statement = page.locator("article[id^=these-]")
        expect(statement).not_to_contain_text("stimmen zu ·")
        text = statement.locator("p.kern-body--large").inner_text()
        assert text in {s.text for s in statements} and text not in met
        met.append(text)
        statement.get_by_role("button", name="Stimme zu", exact=True).click()
        expect(progress).to_have_text(f"{n + 1} von 3 Thesen bewertet")
        statement = page.locator("article[id^=these-]")
        expect(statement).to_contain_text(text)
        expect(statement).to_contain_text("1 stimmen zu · 0 stimmen nicht zu · 0 überspringen")
        expect(statement).to_contain_text("Ihre Stimme: stimme zu")
        if n == 0:
            axe_check(page)  # the statement with its counts, the pressed button and "Weiter"
        page.get_by_role("link", name="Weiter", exact=True).click()
    expect(page.get_by_role("heading", name="Sie haben alle Thesen bewertet")).to_be_visible()
    axe_check(page)
    assert (
        sorted(StatementVote.objects.filter(statement__process=process).values_list("vote", flat=True))
        == [Vote.AGREE] * 3
    )
