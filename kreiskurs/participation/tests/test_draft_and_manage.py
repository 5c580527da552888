"""Commenting a draft paragraph by paragraph; staff create a process from a template and adjust its phases."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kreiskurs.accounts.models import Role
from kreiskurs.participation.models import Comment, Process
from kreiskurs.strategy import services as strategy_services
from kreiskurs.strategy.models import Goal
from tests import factories

from .test_consultation import consultation

pytestmark = pytest.mark.django_db


def test_each_paragraph_of_the_draft_can_be_commented() -> None:
    version = factories.adopted_strategy(measures=2)
    draft = strategy_services.start_revision(by=None, strategy=version.strategy)
    strategy_services.update_version_text(
        by=None, version=draft, values={"vision_text": "Erster Absatz.\n\nZweiter Absatz."}, expected_revision=None
    )
    strategy_services.set_version_state(by=None, version=draft, state="consultation")
    process = factories.running_process(version.district, kind="commenting", version=draft)
    slug = version.district.slug
    user = factories.UserFactory()
    factories.participant(version.district, user)
    client = Client()
    client.force_login(user)
    url = f"/{slug}/beteiligung/{process.pk}/entwurf/"
    page = client.get(url).content.decode()
    assert "Zweiter Absatz." in page and "M2" in page
    goal = Goal.objects.get(version=draft)
    for key in ("vision:2", f"goal:{goal.lineage}"):
        assert client.post(url, factories.human_form_data(paragraph=key, text=f"Zu {key}")).status_code == 302
    assert client.post(url, factories.human_form_data(paragraph="vision:99", text="x")).status_code == 404
    top = Comment.objects.get(paragraph="vision:2")
    assert client.post(url, factories.human_form_data(parent=top.pk, text="Antwort")).status_code == 302
    assert Comment.objects.get(parent=top).paragraph == "vision:2"
    staff = Client()
    staff.force_login(factories.member(version.district, Role.STRATEGY_TEAM))
    page = staff.get(url).content.decode()
    second = page.index("Zweiter Absatz.")
    assert page.index("Zu vision:2") > second and "Antwort" in page
    ideas_only = factories.running_process(version.district, kind="ideas", version=draft)
    response = client.post(
        f"/{slug}/beteiligung/{ideas_only.pk}/entwurf/", factories.human_form_data(paragraph="vision:1", text="x")
    )
    assert response.status_code == 404 and Comment.objects.filter(process=ideas_only).count() == 0
    # the text is readable here only through a process that comments it, once that phase began
    assert Client().get(f"/{slug}/beteiligung/{ideas_only.pk}/entwurf/").status_code == 404
    assert Client().get(f"/{slug}/beteiligung/{ideas_only.pk}/prioritaeten/").status_code == 404
    assert Client().get(url).status_code == 200


def test_draft_page_queries_do_not_grow_with_comments() -> None:
    _adopted, version = consultation()
    process = factories.running_process(version.district, kind="commenting", version=version)
    goal = Goal.objects.get(version=version)
    from kreiskurs.participation.services import ideas as idea_services

    def count(extra: int) -> int:
        for n in range(extra):
            user = factories.UserFactory()
            p = factories.participant(version.district, user, name=f"P{n}")
            idea_services.comment(by=user, process=process, participant=p, text="x", paragraph=f"goal:{goal.lineage}")
        with CaptureQueriesContext(connection) as ctx:
            Client().get(f"/{version.district.slug}/beteiligung/{process.pk}/entwurf/")
        return len(ctx.captured_queries)

    assert count(1) == count(8)


def test_staff_create_a_process_from_a_template_and_publish_it() -> None:
    _adopted, version = consultation()  # commenting attaches only to a version in consultation
    district = version.district
    team = Client()
    team.force_login(factories.member(district, Role.STRATEGY_TEAM))
    base = f"/{district.slug}/verwaltung/beteiligung/"
    response = team.post(
        base,
        {
            "template": "draft",
            "title": "Entwurf 2026",
            "summary": "",
            "version": version.pk,
            "start": "2026-01-05",
            "moderation": "pre",
        },
    )
    process = Process.objects.get()
    assert response.status_code == 302 and [p.kind for p in process.phases.all()] == [
        "information",
        "commenting",
        "feedback",
    ]
    assert Client().get(f"/{district.slug}/beteiligung/{process.pk}/").status_code == 404  # not published
    phase = process.phases.get(kind="commenting")
    team.post(
        f"{base}{process.pk}/phasen/{phase.pk}/",
        {
            f"ph{phase.pk}-kind": "commenting",
            f"ph{phase.pk}-title": "Kommentieren",
            f"ph{phase.pk}-start": "2026-01-12T00:00",
            f"ph{phase.pk}-end": "2026-02-01T00:00",
        },
    )
    phase.refresh_from_db()
    assert phase.title == "Kommentieren"
    listing = team.get(base).content.decode()
    assert "Entwurf 2026" in listing and "05.01.2026 – " in listing
    team.post(f"{base}{process.pk}/veroeffentlichen/")
    assert Client().get(f"/{district.slug}/beteiligung/{process.pk}/").status_code == 200
    moderator = Client()
    moderator.force_login(factories.member(district, Role.MODERATOR))
    assert moderator.post(base, {"template": "ideas", "title": "x", "start": "2026-01-01"}).status_code == 404
    other = Client()
    other.force_login(factories.member(factories.DistrictFactory(), Role.STRATEGY_TEAM))
    assert other.get(f"{base}{process.pk}/").status_code == 404
