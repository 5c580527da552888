"""Repeated comments: found by the text analysis run, decided in the moderation queue (hide or "Keine Dublette")."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kreiskurs.accounts.models import Role
from kreiskurs.participation.models import (
    Comment,
    CommentDuplicate,
    CommentDuplicateState,
    Idea,
    TextAnalysis,
    Visibility,
)
from kreiskurs.participation.services import ideas as idea_services
from tests import factories

pytestmark = pytest.mark.django_db

LIGHT = "Der Radweg nach Neustadt ist abends völlig unbeleuchtet und für Schulkinder gefährlich."
LIGHT_EXACT = "der Radweg nach Neustadt ist abends völlig unbeleuchtet und für Schulkinder gefährlich!!"
LIGHT_NEAR = "Der Radweg nach Neustadt ist abends ganz unbeleuchtet und für die Schulkinder sehr gefährlich."
OTHER = "Termine im Bürgerbüro sollten online buchbar sein, gerne auch samstags und abends."
SHORT = "Radweg Neustadt unbeleuchtet, gefährlich!"  # four content words: not compared


def commented(process: Any, idea: Idea, texts: list[str], capture: Any) -> list[Comment]:
    """Comments by different people in one burst; the analysis their commit queues runs."""
    made = []
    with capture(execute=True):
        for i, text in enumerate(texts):
            user = factories.UserFactory()
            who = factories.participant(process.district, user, name=f"P{i}")
            made.append(idea_services.comment(by=user, process=process, participant=who, text=text, idea=idea))
    return made


def idea_of(process: Any) -> Idea:
    user = factories.UserFactory()
    who = factories.participant(process.district, user, name="Autorin")
    return idea_services.submit_idea(by=user, process=process, participant=who, title="Radweg", text="Licht bitte")


def test_exact_and_near_verbatim_repetitions_are_suggested_short_and_unrelated_ones_not(
    django_capture_on_commit_callbacks: Any,
) -> None:
    process = factories.running_process(kind="ideas")
    idea = idea_of(process)
    first, exact, near, other, short = commented(
        process, idea, [LIGHT, LIGHT_EXACT, LIGHT_NEAR, OTHER, SHORT], django_capture_on_commit_callbacks
    )
    pairs = {(s.first_id, s.second_id) for s in CommentDuplicate.objects.all()}
    assert {(first.pk, exact.pk), (first.pk, near.pk)} <= pairs
    assert not {other.pk, short.pk} & {pk for pair in pairs for pk in pair}
    analysis = TextAnalysis.objects.get(process=process)
    assert analysis.comments_indexed.keys() == {str(c.pk) for c in (first, exact, near, other)}
    assert all(s.state == CommentDuplicateState.OPEN for s in CommentDuplicate.objects.all())


def test_hide_names_the_earlier_comment_dismiss_is_kept_and_other_districts_get_404(
    django_capture_on_commit_callbacks: Any,
) -> None:
    process = factories.running_process(kind="ideas")
    idea = idea_of(process)
    first, exact = commented(process, idea, [LIGHT, LIGHT_EXACT], django_capture_on_commit_callbacks)
    (near,) = commented(process, idea, [LIGHT_NEAR], django_capture_on_commit_callbacks)
    slug = process.district.slug
    queue = f"/{slug}/verwaltung/beteiligung/moderation/"
    hide = CommentDuplicate.objects.get(first=first, second=exact)
    dismiss = CommentDuplicate.objects.get(first=first, second=near)
    stranger = Client()
    stranger.force_login(factories.member(factories.DistrictFactory(), Role.MODERATOR))
    url = f"/{slug}/verwaltung/beteiligung/moderation/kommentar-dubletten/{hide.pk}/"
    assert stranger.post(url, {"decision": "hide"}).status_code == 404
    moderator = Client()
    moderator.force_login(factories.member(process.district, Role.MODERATOR))
    assert "Wiederholung ausblenden" in moderator.get(queue).content.decode()
    tasks = moderator.get(f"/{slug}/verwaltung/aufgaben/").content.decode()
    assert f"{CommentDuplicate.objects.count()} mögliche Dubletten" in tasks  # at least the two pairs above
    assert moderator.post(url, {"decision": "hide"}).status_code == 302
    exact.refresh_from_db()
    assert exact.visibility == Visibility.HIDDEN and "Radweg nach Neustadt" in exact.hidden_reason
    assert "P0" in exact.hidden_reason  # the earlier comment's author
    dismiss_url = f"/{slug}/verwaltung/beteiligung/moderation/kommentar-dubletten/{dismiss.pk}/"
    assert moderator.post(dismiss_url, {"decision": "dismiss"}).status_code == 302
    states = dict(CommentDuplicate.objects.values_list("pk", "state"))
    assert states[hide.pk] == CommentDuplicateState.HIDDEN and states[dismiss.pk] == CommentDuplicateState.DISMISSED
    # a later comment runs the analysis again: the dismissed pair stays dismissed, nothing is open
    commented(process, idea, [OTHER], django_capture_on_commit_callbacks)
    assert CommentDuplicate.objects.get(pk=dismiss.pk).state == CommentDuplicateState.DISMISSED
    assert "Wiederholung ausblenden" not in moderator.get(queue).content.decode()


def test_the_queue_reads_the_same_queries_for_one_and_three_comment_suggestions() -> None:
    process = factories.running_process(kind="ideas")
    idea = idea_of(process)
    made = []
    for i in range(6):
        user = factories.UserFactory()
        who = factories.participant(process.district, user, name=f"P{i}")
        made.append(idea_services.comment(by=user, process=process, participant=who, text=f"Text {i}", idea=idea))
    client = Client()
    client.force_login(factories.member(process.district, Role.MODERATOR))
    url = f"/{process.district.slug}/verwaltung/beteiligung/moderation/"

    def suggest(a: Comment, b: Comment) -> None:
        CommentDuplicate.objects.create(district=process.district, process=process, first=a, second=b, score=0.7)

    suggest(made[0], made[1])
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    suggest(made[2], made[3])
    suggest(made[4], made[5])
    with CaptureQueriesContext(connection) as three:
        assert client.get(url).content.decode().count('value="hide"') == 3
    assert len(three) == len(one)
