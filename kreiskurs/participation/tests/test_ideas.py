"""Ideas, support, comments with replies, reports; moderation; accountability — through services and HTTP."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from kreiskurs.accounts.models import Role
from kreiskurs.audit.models import AuditEntry
from kreiskurs.participation.models import AbuseReport, Comment, Idea, Support, Visibility
from kreiskurs.participation.services import ideas as idea_services
from kreiskurs.participation.services import moderation
from kreiskurs.participation.services.base import NotAllowedNow
from kreiskurs.strategy import services as strategy_services
from kreiskurs.strategy.models import FieldOfAction
from tests import factories

pytestmark = pytest.mark.django_db


def submit(process, participant, user, title="Idee", text="Text"):  # type: ignore[no-untyped-def]
    return idea_services.submit_idea(by=user, process=process, participant=participant, title=title, text=text)


def test_idea_support_comments_and_replies() -> None:
    process = factories.running_process(kind="ideas")
    user = factories.UserFactory()
    anna = factories.participant(process.district, user)
    idea = submit(
        process, anna, user, title="  Bürgerbüro\u202e online  ", text="Mehr <b>Termine</b>\r\n\r\n\r\n\r\nbitte"
    )
    assert idea.title == "Bürgerbüro online"  # bidi override removed, spaces collapsed
    assert idea.text == "Mehr <b>Termine</b>\n\nbitte"  # kept as text; templates escape it
    ben_user = factories.UserFactory()
    ben = factories.participant(process.district, ben_user, name="Ben")
    assert idea_services.toggle_support(by=ben_user, idea=idea, participant=ben) is True
    assert idea_services.toggle_support(by=ben_user, idea=idea, participant=ben) is False
    assert idea_services.toggle_support(by=ben_user, idea=idea, participant=ben) is True
    assert Support.objects.filter(idea=idea).count() == 1
    top = idea_services.comment(by=user, process=process, participant=anna, text="Gute Idee", idea=idea)
    reply = idea_services.comment(by=user, process=process, participant=anna, text="Danke", parent=top)
    assert reply.idea == idea
    with pytest.raises(ValidationError, match="Antworten"):
        idea_services.comment(by=user, process=process, participant=anna, text="tiefer", parent=reply)
    body = Client().get(f"/{process.district.slug}/beteiligung/{process.pk}/ideen/{idea.pk}/").content.decode()
    assert "Mehr &lt;b&gt;Termine&lt;/b&gt;" in body and "<b>Termine</b>" not in body
    assert "1 Unterstützung" in body and "Danke" in body


def test_an_author_cannot_support_their_own_idea() -> None:
    """The service refuses with a German reason; the page offers no button to the author, but does to others."""
    process = factories.running_process(kind="ideas")
    user = factories.UserFactory()
    anna = factories.participant(process.district, user)
    idea = submit(process, anna, user, title="Eigene Idee")
    with pytest.raises(ValidationError, match="eigene Idee"):
        idea_services.toggle_support(by=user, idea=idea, participant=anna)
    assert not Support.objects.exists()
    url = f"/{process.district.slug}/beteiligung/{process.pk}/ideen/{idea.pk}/"
    author = Client()
    author.force_login(user)
    assert "Idee unterstützen" not in author.get(url).content.decode()
    body = author.post(f"{url}unterstuetzen/", follow=True).content.decode()
    assert "Die eigene Idee können Sie nicht unterstützen." in body
    assert not Support.objects.exists()
    other_user = factories.UserFactory()
    factories.participant(process.district, other_user, name="Ben")
    other = Client()
    other.force_login(other_user)
    assert "Idee unterstützen" in other.get(url).content.decode()


def test_outside_the_ideas_phase_nothing_is_submitted() -> None:
    process = factories.running_process(kind="information")
    user = factories.UserFactory()
    anna = factories.participant(process.district, user)
    with pytest.raises(NotAllowedNow):
        submit(process, anna, user)
    with pytest.raises(NotAllowedNow, match="teil"):
        submit(factories.running_process(process.district, kind="ideas"), None, user)
    assert not Idea.objects.exists()


def test_pre_moderation_holds_until_released_and_hiding_shows_the_reason() -> None:
    process = factories.running_process(kind="ideas", moderation="pre")
    user = factories.UserFactory()
    anna = factories.participant(process.district, user)
    idea = submit(process, anna, user, title="Wartet")
    assert idea.visibility == Visibility.PENDING
    url = f"/{process.district.slug}/beteiligung/{process.pk}/"
    assert "Wartet" not in Client().get(url).content.decode()
    own = Client()
    own.force_login(user)
    assert "Wartet" in own.get(url).content.decode()  # the author sees it, marked as waiting
    moderator = factories.member(process.district, Role.MODERATOR)
    moderation.moderate(by=moderator, obj=idea, visibility=Visibility.VISIBLE)
    assert "Wartet" in Client().get(url).content.decode()
    with pytest.raises(ValidationError, match="Grund"):
        moderation.moderate(by=moderator, obj=idea, visibility=Visibility.HIDDEN)
    moderation.moderate(by=moderator, obj=idea, visibility=Visibility.HIDDEN, reason="Werbung")
    body = Client().get(f"{url}ideen/{idea.pk}/").content.decode()
    assert "Grund: Werbung" in body and "Text" not in body.split("Was aus der Idee wurde")[0].split("Werbung")[1]
    assert AuditEntry.objects.filter(action="moderate", object_id=str(idea.pk)).count() == 2


def test_reports_reach_the_queue_and_moderation_resolves_them() -> None:
    process = factories.running_process(kind="ideas")
    user = factories.UserFactory()
    anna = factories.participant(process.district, user)
    idea = submit(process, anna, user)
    slug = process.district.slug
    response = Client().post(
        f"/{slug}/beteiligung/{process.pk}/melden/idea/{idea.pk}/",
        factories.human_form_data(reason="Beleidigend", back=f"/{slug}/beteiligung/{process.pk}/"),
    )
    assert response.status_code == 302
    assert AbuseReport.objects.get().reason == "Beleidigend"
    moderator = Client()
    moderator.force_login(factories.member(process.district, Role.MODERATOR))
    queue = moderator.get(f"/{slug}/verwaltung/beteiligung/moderation/").content.decode()
    assert "Beleidigend" in queue
    response = moderator.post(
        f"/{slug}/verwaltung/beteiligung/moderation/idea/{idea.pk}/", {"decision": "hidden", "reason": "Beleidigung"}
    )
    assert response.status_code == 302
    assert Idea.objects.get(pk=idea.pk).hidden_reason == "Beleidigung"
    assert AbuseReport.objects.get().resolved_at is not None
    participant_client = Client()
    participant_client.force_login(user)
    assert participant_client.get(f"/{slug}/verwaltung/beteiligung/moderation/").status_code == 404
    with pytest.raises(ValidationError):
        idea_services.report_abuse(by=None, process=process, kind="idea", object_id=999999, reason="x", reporter=None)


def test_forms_refuse_bots_and_rate_limits_apply() -> None:
    process = factories.running_process(kind="ideas")
    user = factories.UserFactory()
    anna = factories.participant(process.district, user)
    client = Client()
    client.force_login(user)
    url = f"/{process.district.slug}/beteiligung/{process.pk}/ideen/neu/"
    fresh = client.post(
        url, {"title": "Bot", "text": "x", "form_stamp": client.get(url).context["form"]["form_stamp"].value()}
    )
    assert fresh.status_code == 200 and "zu schnell" in fresh.content.decode()
    trap = client.post(url, factories.human_form_data(title="Bot", text="x", website="http://spam"))
    assert trap.status_code == 200
    assert not Idea.objects.exists()
    ok = client.post(url, factories.human_form_data(title="Mensch", text="x"))
    assert ok.status_code == 302 and Idea.objects.get().title == "Mensch"
    for n in range(9):
        submit(process, anna, user, title=f"n{n}")
    with pytest.raises(ValidationError, match="Zu viele"):
        submit(process, anna, user, title="eine zu viel")
    assert Idea.objects.count() == 10


def test_idea_becomes_a_draft_measure_in_one_step_and_the_measure_shows_it(
    django_capture_on_commit_callbacks: Any,
) -> None:
    version = factories.adopted_strategy(measures=1)
    draft = strategy_services.start_revision(by=None, strategy=version.strategy)
    # participants pick a field of the released version; the measure lands in the open draft (by lineage)
    process = factories.running_process(version.district, kind="ideas", version=version)
    user = factories.UserFactory(email="anna@example.org")
    anna = factories.participant(process.district, user)
    field = FieldOfAction.objects.get(version=version)
    idea = idea_services.submit_idea(
        by=user, process=process, participant=anna, title="Video-Sprechstunde", text="Per Video", field=field
    )
    team = factories.member(version.district, Role.STRATEGY_TEAM)
    with django_capture_on_commit_callbacks(execute=True):
        measure = moderation.idea_to_measure(by=team, idea=idea)
    assert (measure.version, measure.origin, measure.summary) == (draft, "participation", "Per Video")
    assert [f.code for f in measure.fields_of_action.all()] == ["HF1"]
    idea.refresh_from_db()
    assert (idea.status, idea.measure_lineage) == ("taken", measure.lineage)
    assert mail.outbox and "in Maßnahme aufgenommen" in mail.outbox[0].subject
    staff = Client()
    staff.force_login(team)
    page = staff.get(f"/{version.district.slug}/massnahmen/{measure.lineage}/?version={draft.number}").content.decode()
    assert "Aus der Beteiligung" in page and "Video-Sprechstunde" in page
    process_page = Client().get(f"/{version.district.slug}/beteiligung/{process.pk}/").content.decode()
    assert "in Maßnahmen aufgenommen" in process_page


def test_idea_status_needs_a_public_reason() -> None:
    process = factories.running_process(kind="ideas")
    user = factories.UserFactory()
    idea = submit(process, factories.participant(process.district, user), user)
    with pytest.raises(ValidationError, match="begründen"):
        moderation.set_idea_status(by=None, idea=idea, status="declined", reason="")
    other = submit(process, Idea.objects.get().author, user, title="Zweite")
    merged = moderation.set_idea_status(
        by=None, idea=idea, status="merged", reason="Gleiches Anliegen", merged_into=other
    )
    assert merged.merged_into == other
    body = Client().get(f"/{process.district.slug}/beteiligung/{process.pk}/ideen/{idea.pk}/").content.decode()
    assert "Gleiches Anliegen" in body and "Zweite" in body


def test_comments_need_the_phase_and_a_participant_over_http() -> None:
    process = factories.running_process(kind="ideas", pseudonymous=True)
    slug = process.district.slug
    user = factories.UserFactory()
    idea = submit(process, factories.participant(process.district, user), user)
    guest = Client()
    url = f"/{slug}/beteiligung/{process.pk}/ideen/{idea.pk}/kommentieren/"
    response = guest.post(url, factories.human_form_data(text="Hallo"))
    assert response.status_code == 302 and "/teilnehmen/" in response["Location"]
    join = guest.post(
        f"/{slug}/beteiligung/{process.pk}/teilnehmen/",
        factories.session_form_data(
            guest, display_name="Gast 7", consent="on", next=f"/{slug}/beteiligung/{process.pk}/"
        ),
    )
    assert join.status_code == 302
    assert guest.post(url, factories.human_form_data(text="Hallo")).status_code == 302
    assert Comment.objects.get().author.display_name == "Gast 7"
    assert Comment.objects.get().author.user is None


def test_hidden_ideas_lose_their_title_in_public_and_unpublished_ones_stay_off_measure_pages() -> None:
    process = factories.running_process(kind="ideas")
    user = factories.UserFactory()
    idea = submit(process, factories.participant(process.district, user), user, title="Beleidigung im Titel")
    moderation.moderate(by=None, obj=idea, visibility=Visibility.HIDDEN, reason="Beleidigung")
    slug = process.district.slug
    for url in (f"/{slug}/beteiligung/{process.pk}/", f"/{slug}/beteiligung/{process.pk}/ideen/{idea.pk}/"):
        body = Client().get(url).content.decode()
        assert "Beleidigung im Titel" not in body and "Ausgeblendeter Beitrag" in body


def test_reports_do_not_redirect_elsewhere_and_bad_ids_are_404() -> None:
    process = factories.running_process(kind="ideas")
    user = factories.UserFactory()
    anna = factories.participant(process.district, user)
    idea = submit(process, anna, user)
    slug = process.district.slug
    response = Client().post(
        f"/{slug}/beteiligung/{process.pk}/melden/idea/{idea.pk}/",
        factories.human_form_data(reason="x", back="//evil.example/phish"),
    )
    assert response["Location"] == f"/{slug}/beteiligung/{process.pk}/"
    client = Client()
    client.force_login(user)
    url = f"/{slug}/beteiligung/{process.pk}/ideen/{idea.pk}/kommentieren/"
    assert client.post(url, factories.human_form_data(text="x", parent="abc")).status_code == 404
    with pytest.raises(ValidationError, match="bereits"):
        version = factories.adopted_strategy(process.district, measures=1)
        strategy_services.start_revision(by=None, strategy=version.strategy)
        moderation.idea_to_measure(by=None, idea=idea)
        moderation.idea_to_measure(by=None, idea=idea)


def test_measure_pages_name_only_ideas_of_published_processes() -> None:
    version = factories.adopted_strategy(measures=1)
    measure = FieldOfAction.objects.get(version=version).measures.get()
    process = factories.running_process(version.district, kind="ideas", published=False)
    user = factories.UserFactory()
    from kreiskurs.participation.models import Process

    Process.objects.filter(pk=process.pk).update(published=True)
    process.refresh_from_db()
    idea = submit(process, factories.participant(version.district, user), user, title="Noch intern")
    moderation.set_idea_status(by=None, idea=idea, status="taken", reason="Aufgenommen", measure=measure)
    url = f"/{version.district.slug}/massnahmen/{measure.lineage}/"
    assert "Noch intern" in Client().get(url).content.decode()
    Process.objects.filter(pk=process.pk).update(published=False)
    version.district.bump_generation()
    assert "Noch intern" not in Client().get(url).content.decode()
