"""The querysets that state who sees which contribution and when a process runs (one rule for SQL and Python)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.utils import timezone

from kreiskurs.accounts.models import Role
from kreiskurs.participation.models import Comment, Idea, Phase, Process, Statement, Visibility
from tests import factories

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
SECOND = dt.timedelta(seconds=1)

#: phase layouts in days from a base moment: none, one, two with a gap, two back to back, past, future
LAYOUTS: dict[str, list[tuple[int, int]]] = {
    "none": [],
    "one": [(0, 10)],
    "gap": [(0, 2), (5, 8)],
    "adjacent": [(0, 3), (3, 6)],
    "past": [(-10, -5)],
    "future": [(20, 30)],
}


def _processes(base: dt.datetime) -> dict[str, Process]:
    district = factories.DistrictFactory()
    processes = {}
    for name, layout in LAYOUTS.items():
        process = Process.objects.create(district=district, title=name, published=True)
        for start, end in layout:
            Phase.objects.create(
                district=district,
                process=process,
                kind="ideas",
                title=name,
                start=base + start * DAY,
                end=base + end * DAY,
            )
        processes[name] = process
    return processes


def _moments(base: dt.datetime) -> list[dt.datetime]:
    """Every phase boundary, a second either side of it, and moments well before, between and after."""
    days = sorted({d for layout in LAYOUTS.values() for phase in layout for d in phase} | {-20, 1, 4, 40})
    return [base + d * DAY + offset for d in days for offset in (-SECOND, dt.timedelta(0), SECOND)]


def test_state_from_prefetched_phases_equals_the_sql_filters_at_every_moment() -> None:
    base = timezone.now().replace(microsecond=0)
    _processes(base)
    for moment in _moments(base):
        everything = list(Process.objects.prefetch_related("phases"))
        by_state = {
            state: {p.title for p in everything if p.state(moment) == state}
            for state in ("upcoming", "running", "closed")
        }
        assert {p.title for p in Process.objects.upcoming(moment)} == by_state["upcoming"], moment
        assert {p.title for p in Process.objects.running(moment)} == by_state["running"], moment
        assert {p.title for p in Process.objects.closed(moment)} == by_state["closed"], moment
        in_phase = {p.title for p in everything if p.phase_at(moment) is not None}
        assert {p.title for p in Process.objects.in_phase(moment)} == in_phase, moment
        for p in everything:
            assert p.phase_at(moment) == Phase.objects.filter(process=p).running_at(moment).first(), (p, moment)


def test_the_states_of_the_layouts_at_chosen_moments() -> None:
    """The rule itself: upcoming until a phase starts, running in the gaps too, closed when the last one ends."""
    base = timezone.now().replace(microsecond=0)
    processes = _processes(base)

    def states(moment: dt.datetime) -> dict[str, str]:
        phases = Prefetch("phases", queryset=Phase.objects.order_by("start", "id"))
        return {
            p.title: p.state(moment)
            for p in Process.objects.filter(pk__in=[p.pk for p in processes.values()]).prefetch_related(phases)
        }

    assert states(base - SECOND) == {
        "none": "upcoming", "one": "upcoming", "gap": "upcoming", "adjacent": "upcoming", "past": "closed",
        "future": "upcoming",
    }  # fmt: skip
    assert states(base + 3 * DAY) == {
        "none": "upcoming", "one": "running", "gap": "running", "adjacent": "running", "past": "closed",
        "future": "upcoming",
    }  # fmt: skip
    assert processes["gap"].phase_at(base + 3 * DAY) is None  # running, but between its phases
    assert states(base + 8 * DAY)["gap"] == "closed" and states(base + 8 * DAY - SECOND)["gap"] == "running"
    assert states(base + 6 * DAY)["adjacent"] == "closed"
    assert set(Process.objects.running(base + 3 * DAY).values_list("title", flat=True)) == {"one", "gap", "adjacent"}


def _idea(process: Process, visibility: str, author: Any = None, title: str = "") -> Idea:
    return Idea.objects.create(
        district=process.district, process=process, author=author, visibility=visibility, title=title, text="x"
    )


def test_public_means_visible_in_a_published_process() -> None:
    published = factories.running_process()
    unpublished = factories.running_process(published.district, published=False)
    shown = _idea(published, Visibility.VISIBLE, title="shown")
    for visibility in (Visibility.HIDDEN, Visibility.PENDING):
        _idea(published, visibility, title=visibility)
    _idea(unpublished, Visibility.VISIBLE, title="unpublished")
    assert list(Idea.objects.public()) == [shown]
    assert {i.title for i in Idea.objects.visible()} == {"shown", "unpublished"}
    assert {i.title for i in Idea.objects.pending()} == {Visibility.PENDING}


@pytest.mark.parametrize("model", [Idea, Comment, Statement])
def test_every_contribution_kind_shares_the_rule(model: Any) -> None:
    published = factories.running_process()
    unpublished = factories.running_process(published.district, published=False)
    extra = {Idea: {"title": "Titel"}, Comment: {"paragraph": "vision:1"}, Statement: {}}[model]
    rows = {
        (process.published, visibility): model.objects.create(
            district=process.district, process=process, visibility=visibility, text="x", **extra
        )
        for process in (published, unpublished)
        for visibility in Visibility.values
    }
    assert list(model.objects.public()) == [rows[(True, Visibility.VISIBLE)]]
    assert set(model.objects.visible_to(AnonymousUser())) == {
        rows[(True, Visibility.VISIBLE)],
        rows[(True, Visibility.HIDDEN)],
    }


def test_visible_to_lists_what_the_process_pages_show() -> None:
    """Visible and hidden contributions of processes the user may see, and the participant's own pending ones.

    Others' pending contributions are for the moderation queue, not for the pages, even for moderators.
    """
    process = factories.running_process(moderation="pre")
    district = process.district
    draft = factories.running_process(district, published=False)
    anna, ben = factories.participant(district, name="Anna"), factories.participant(district, name="Ben")
    _idea(process, Visibility.VISIBLE, title="visible")
    _idea(process, Visibility.HIDDEN, title="hidden")
    _idea(process, Visibility.PENDING, author=anna, title="anna pending")
    _idea(process, Visibility.PENDING, author=ben, title="ben pending")
    _idea(draft, Visibility.VISIBLE, title="draft visible")
    _idea(draft, Visibility.PENDING, author=anna, title="draft pending")

    def titles(user: Any, participant: Any = None) -> set[str]:
        return set(Idea.objects.visible_to(user, participant).values_list("title", flat=True))

    assert titles(AnonymousUser()) == {"visible", "hidden"}
    assert titles(AnonymousUser(), anna) == {"visible", "hidden", "anna pending"}
    outsider = factories.member(factories.DistrictFactory(), Role.STRATEGY_TEAM)
    assert titles(outsider) == {"visible", "hidden"}
    moderator = factories.member(district, Role.MODERATOR)
    assert titles(moderator) == {"visible", "hidden", "draft visible"}
    superuser = factories.UserFactory(is_superuser=True)
    assert titles(superuser, anna) == {"visible", "hidden", "anna pending", "draft visible", "draft pending"}
    assert set(Process.objects.visible_to(AnonymousUser())) == {process}
    assert set(Process.objects.visible_to(moderator)) == {process, draft}
