"""A citizen follows a measure from its page and ends the follow through the link in the mail;
"Jetzt mitmachen" on the district home invites to the running processes (axe-core clean)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from kreiskurs.following.models import Follow
from kreiskurs.strategy.models import Measure, StrategyVersion, VersionState
from kreiskurs.strategy.services import record_status_report
from tests import factories

from .conftest import DEMO_SLUG, axe_check, login

pytestmark = pytest.mark.browser

S = DEMO_SLUG


def test_the_home_invites_to_take_part_and_a_citizen_follows_a_measure(page: Page, demo: Any) -> None:
    page.goto(f"/{S}/")
    invitation = page.get_by_role("region", name="Jetzt mitmachen")
    expect(invitation.get_by_role("link", name=re.compile("^Jetzt mitmachen")).first).to_be_visible()
    expect(page.get_by_role("link", name="Atom-Feed")).to_be_visible()
    axe_check(page)

    user = factories.UserFactory(username="folgt", email="folgt@example.org")
    login(page, "folgt")
    adopted = StrategyVersion.objects.get(district__slug=S, state=VersionState.ADOPTED)
    measure = Measure.objects.get(version=adopted, code="M1")
    page.goto(f"/{S}/massnahmen/{measure.lineage}/")
    page.get_by_role("button", name="Folgen", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="Sie folgen jetzt")).to_be_visible()
    expect(page.get_by_role("button", name="Nicht mehr folgen")).to_be_visible()
    axe_check(page)
    assert Follow.objects.filter(user=user, key=str(measure.lineage)).exists()

    mail.outbox.clear()
    record_status_report(by=None, measure=measure, date=timezone.localdate(), phase="pilot", progress=50, text="Neu")
    [message] = [m for m in mail.outbox if m.to == ["folgt@example.org"]]
    link = re.search(r"https?://[^/\s]+(/folgen/abbestellen/\S+/)", message.body)
    assert link is not None
    page.context.clear_cookies()  # no login needed
    page.goto(link.group(1))
    axe_check(page)
    page.get_by_role("button", name="Nicht mehr folgen").click()
    expect(page.get_by_role("status").filter(has_text="nicht mehr")).to_be_visible()
    assert not Follow.objects.filter(user=user).exists()
