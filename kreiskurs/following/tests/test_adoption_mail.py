"""An adoption tells the followers of each goal and measure it changed or removed."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from kreiskurs.following import services
from kreiskurs.strategy.models import Measure
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_adoption_tells_the_followers_of_what_it_changed_or_removed(
    django_capture_on_commit_callbacks: Any,
) -> None:
    from kreiskurs.strategy import services as strategy
    from kreiskurs.strategy.models import Goal

    version = factories.adopted_strategy(factories.DistrictFactory(slug="kreis"), measures=2)
    goal = Goal.objects.get(version=version)
    first, second = Measure.objects.filter(version=version).order_by("code")
    follower = factories.UserFactory(email="f@example.org")
    for kind, key in (("goal", goal.lineage), ("measure", first.lineage), ("measure", second.lineage)):
        services.follow(user=follower, district=version.district, kind=kind, key=str(key), title="x")
    draft = strategy.start_revision(by=None, strategy=version.strategy)
    new_goal = Goal.objects.get(version=draft, lineage=goal.lineage)
    strategy.update_element(by=None, obj=new_goal, values={"title": "Schnelles Netz überall"}, expected_revision=1)
    strategy.delete_element(by=None, obj=Measure.objects.get(version=draft, lineage=second.lineage))
    with django_capture_on_commit_callbacks(execute=True):
        strategy.adopt_version(by=None, version=draft, body="kreistag", date=timezone.localdate(), reference="SV-2")
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == sorted(
        [
            f"Neue Fassung beschlossen: „{new_goal.code} Schnelles Netz überall“",
            f"„{second.code} {second.title}“ ist nicht mehr Teil der Strategie",
        ]
    )  # the unchanged measure M1: no mail
