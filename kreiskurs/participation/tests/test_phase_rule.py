"""The phase rule, role × phase: outside the phase that allows it, nothing can be submitted."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from kreiskurs.accounts.models import Role
from kreiskurs.participation.models import PHASE_ACTIONS, Action, Phase, PhaseKind, Process
from kreiskurs.participation.services import processes as process_services
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", PhaseKind.values)
def test_each_phase_kind_allows_exactly_its_actions(kind: str) -> None:
    process = factories.running_process(kind=kind)
    registered = factories.UserFactory()
    for action in Action.values:
        expected = action in PHASE_ACTIONS[kind]
        assert rules.has_perm(f"participation.{action}", registered, process) is expected, (kind, action)


@pytest.mark.parametrize("pseudonymous", [False, True])
def test_without_an_account_only_where_the_process_allows_pseudonyms(pseudonymous: bool) -> None:
    process = factories.running_process(kind=PhaseKind.IDEAS, pseudonymous=pseudonymous)
    assert rules.has_perm("participation.submit_idea", AnonymousUser(), process) is pseudonymous
    assert rules.has_perm("participation.submit_idea", factories.UserFactory(), process)


def test_nothing_outside_the_phases_or_before_publication() -> None:
    process = factories.running_process(kind=PhaseKind.IDEAS)
    user = factories.UserFactory()
    phase = process.phases.get()
    later = timezone.now() + dt.timedelta(days=30)
    assert not process.allows(Action.SUBMIT_IDEA, later)
    assert process.state(later) == "closed"
    assert process.state(phase.start - dt.timedelta(seconds=1)) == "upcoming"
    Process.objects.filter(pk=process.pk).update(published=False)
    process.refresh_from_db()
    assert not rules.has_perm("participation.submit_idea", user, process)


def test_staff_roles() -> None:
    district = factories.DistrictFactory()
    team = factories.member(district, Role.STRATEGY_TEAM)
    moderator = factories.member(district, Role.MODERATOR)
    steering = factories.member(district, Role.STEERING)
    other = factories.member(factories.DistrictFactory(), Role.STRATEGY_TEAM)
    assert rules.has_perm("participation.manage_processes", team, district)
    assert not rules.has_perm("participation.manage_processes", moderator, district)
    assert rules.has_perm("participation.moderate", moderator, district)
    assert not rules.has_perm("participation.moderate", steering, district)
    assert not rules.has_perm("participation.moderate", other, district)
    assert rules.has_perm("participation.view_internal", steering, district)


@pytest.mark.parametrize("template", Process.Template.values)
def test_templates_give_consecutive_phases(template: str) -> None:
    district = factories.DistrictFactory()
    start = timezone.make_aware(dt.datetime(2026, 3, 1))
    process = process_services.create_process(by=None, district=district, template=template, title="T", start=start)
    phases = list(process.phases.all())
    assert phases and phases[0].start == start and not process.published
    assert all(a.end == b.start for a, b in itertools.pairwise(phases))


def test_phases_do_not_overlap_and_publication_needs_phases() -> None:
    from django.core.exceptions import ValidationError

    process = factories.running_process(published=False)
    phase = process.phases.get()
    with pytest.raises(ValidationError, match="überschneidet"):
        process_services.save_phase(
            by=None, process=process, phase=None, kind="survey", title="Umfrage", start=phase.start, end=phase.end
        )
    with pytest.raises(ValidationError, match="nicht nach"):
        process_services.save_phase(
            by=None, process=process, phase=phase, kind="ideas", title="x", start=phase.end, end=phase.start
        )
    empty = Process.objects.create(district=process.district, title="leer")
    with pytest.raises(ValidationError, match="ohne Phasen"):
        process_services.set_published(by=None, process=empty, published=True)
    assert Phase.objects.filter(process=process).count() == 1
