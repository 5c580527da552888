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


def opinion_map() -> tuple[Process, list[Statement]]:
    """A running statements process of the demo district with two statements by the strategy team."""
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
    statements = [
        statement_services.add_statement(by=team, process=process, text=text)
        for text in ("Jede Gemeinde braucht einen Digitallotsen.", "Behördengänge sollen online möglich sein.")
    ]
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
