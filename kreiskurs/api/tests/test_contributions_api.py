"""Ideas and comments of a published process in the API: released only, with counts; bounded queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kreiskurs.participation.models import Comment, Idea, Participant, Process, Support, Visibility
from tests import factories

pytestmark = pytest.mark.django_db


def _idea(process: Process, title: str, visibility: str = Visibility.VISIBLE) -> Idea:
    author = Participant.objects.create(district=process.district, display_name="Anna")
    return Idea.objects.create(
        district=process.district, process=process, author=author, title=title, text="Text", visibility=visibility
    )


def _comment(idea: Idea, text: str, visibility: str = Visibility.VISIBLE) -> Comment:
    author = Participant.objects.create(district=idea.district, display_name="Ben")
    return Comment.objects.create(
        district=idea.district, process=idea.process, author=author, idea=idea, text=text, visibility=visibility
    )


def test_released_ideas_with_support_and_comment_counts_and_their_comments() -> None:
    process: Any = factories.running_process()
    shown = _idea(process, "Freies WLAN")
    hidden = _idea(process, "Verborgen", Visibility.HIDDEN)
    _idea(process, "Wartet", Visibility.PENDING)
    for n in range(2):
        Support.objects.create(
            district=process.district,
            idea=shown,
            participant=Participant.objects.create(district=process.district, display_name=f"S{n}"),
        )
    _comment(shown, "Gute Idee")
    _comment(shown, "noch nicht frei", Visibility.PENDING)
    _comment(hidden, "an verborgener Idee")
    client = Client()
    ideas = client.get(f"/api/v1/processes/{process.pk}/ideas/").json()["results"]
    assert [(i["title"], i["supports"], i["comments"]) for i in ideas] == [("Freies WLAN", 2, 1)]
    comments = client.get(f"/api/v1/processes/{process.pk}/comments/").json()["results"]
    assert [c["text"] for c in comments] == ["Gute Idee"]
    assert client.get(f"/api/v1/processes/{process.pk}/comments/?idea={hidden.pk}").json()["count"] == 0
    unpublished: Any = factories.running_process(process.district, published=False)
    assert client.get(f"/api/v1/processes/{unpublished.pk}/ideas/").status_code == 404


@pytest.mark.parametrize("path", ["ideas/", "comments/"])
def test_query_count_does_not_grow_with_rows(path: str) -> None:
    process: Any = factories.running_process()
    idea = _idea(process, "eins")
    _comment(idea, "eins")
    client = Client()
    with CaptureQueriesContext(connection) as few:
        client.get(f"/api/v1/processes/{process.pk}/{path}")
    for n in range(5):
        _comment(_idea(process, f"Idee {n}"), f"Kommentar {n}")
    with CaptureQueriesContext(connection) as many:
        assert client.get(f"/api/v1/processes/{process.pk}/{path}").json()["count"] == 6
    assert len(many.captured_queries) == len(few.captured_queries)
