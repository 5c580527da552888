"""Following a measure or goal: the button, the e-mail on changes, and the one-click unsubscribe link."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kreiskurs.following import services
from kreiskurs.following.models import Follow
from kreiskurs.strategy.models import Measure
from kreiskurs.strategy.services import record_status_report
from tests import factories

pytestmark = pytest.mark.django_db


def _measure() -> Measure:
    version = factories.adopted_strategy(factories.DistrictFactory(slug="kreis"), measures=2)
    return Measure.objects.filter(version=version).order_by("code").first()  # type: ignore[return-value]


def _report(measure: Measure, *, phase: str = "pilot", text: str = "Pilot in drei Gemeinden") -> Any:
    return record_status_report(
        by=None, measure=measure, date=timezone.localdate(), phase=phase, progress=40, text=text
    )


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_signed_in_user_follows_a_measure_from_its_page_and_sees_the_confirmation() -> None:
    measure = _measure()
    user = factories.UserFactory(email="anna@example.org")
    client = _signed_in(user)
    page = f"/kreis/massnahmen/{measure.lineage}/"
    assert "Folgen</span></button>" in client.get(page).content.decode()
    response = client.post(f"/kreis/folgen/measure/{measure.lineage}/", {"action": "follow"}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == page
    assert "Sie folgen jetzt „M1" in html and "anna@example.org" in html
    assert "Nicht mehr folgen" in html
    assert Follow.objects.get(user=user).key == str(measure.lineage)
    client.post(f"/kreis/folgen/measure/{measure.lineage}/", {"action": "unfollow"})
    assert not Follow.objects.exists()


def test_a_follow_of_something_unknown_answers_404_and_stores_nothing() -> None:
    measure = _measure()
    client = _signed_in(factories.UserFactory(email="anna@example.org"))
    huge = "9" * 30
    for kind, key, status in (
        ("process", str(measure.lineage), 404),  # processes are followed on their own page
        ("measure", huge, 404),
        ("goal", "a\x00b", 400),  # NUL in a path: refused before any view
        ("measure", "x" * 3000, 404),
        ("measure", "00000000-0000-0000-0000-000000000000", 404),
    ):
        assert client.post(f"/kreis/folgen/{kind}/{key}/", {"action": "follow"}).status_code == status, key
    assert client.get(f"/kreis/folgen/measure/{measure.lineage}/").status_code == 405
    assert not Follow.objects.exists()


def test_following_needs_a_confirmed_address() -> None:
    measure = _measure()
    user = factories.UserFactory(email="offen@example.org", email_confirmed_at=None)
    with pytest.raises(ValidationError):
        services.follow(user=user, district=measure.district, kind="measure", key=str(measure.lineage), title="M1")
    html = _signed_in(user).get(f"/kreis/massnahmen/{measure.lineage}/").content.decode()
    assert "bestätigen Sie bitte zuerst Ihre E-Mail-Adresse" in html
    assert "Anmelden, um zu folgen" in Client().get(f"/kreis/massnahmen/{measure.lineage}/").content.decode()


def test_nobody_follows_a_measure_that_exists_only_in_a_draft() -> None:
    version = factories.strategy_with_draft(factories.DistrictFactory(slug="entwurf"))
    measure = factories.add_measure(version, "M9")
    member = factories.member(version.district, "strategy_team")
    member.email, member.email_confirmed_at = "team@example.org", timezone.now()
    member.save()
    client = _signed_in(member)
    response = client.post(f"/entwurf/folgen/measure/{measure.lineage}/", {"action": "follow"})
    assert response.status_code == 404 and not Follow.objects.exists()
    preview = client.get(f"/entwurf/massnahmen/{measure.lineage}/?version=1")
    assert preview.status_code == 200 and "Auf dem Laufenden bleiben" not in preview.content.decode()


def test_followers_get_a_mail_with_the_report_a_link_and_a_one_click_unsubscribe(
    django_capture_on_commit_callbacks: Any,
) -> None:
    measure = _measure()
    follower = factories.UserFactory(email="f@example.org")
    services.follow(user=follower, district=measure.district, kind="measure", key=str(measure.lineage), title="M1")
    with django_capture_on_commit_callbacks(execute=True):
        _report(measure)
    [message] = mail.outbox
    assert message.to == ["f@example.org"]
    assert "„M1" in message.subject and "Pilot in drei Gemeinden" in message.body
    assert f"/kreis/massnahmen/{measure.lineage}/" in message.body
    unsubscribe = re.search(r"http://[^\s]+/folgen/abbestellen/[^\s]+/", message.body)
    assert unsubscribe is not None
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe.group(0)}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_phase_change_is_named_in_the_subject(django_capture_on_commit_callbacks: Any) -> None:
    measure = _measure()
    follower = factories.UserFactory(email="f@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        _report(measure, phase="pilot")
        services.follow(user=follower, district=measure.district, kind="measure", key=str(measure.lineage), title="x")
        _report(measure, phase="pilot", text="weiter")
        _report(measure, phase="rollout", text="los")
    name = f"{measure.code} {measure.title}"
    assert [m.subject for m in mail.outbox] == [
        f"Neuer Statusbericht zu „{name}“",
        f"„{name}“ ist jetzt in der Phase „Ausrollen“",
    ]


def test_no_mail_without_a_confirmed_address_and_none_to_followers_of_something_else(
    django_capture_on_commit_callbacks: Any,
) -> None:
    measure = _measure()
    other = Measure.objects.filter(version=measure.version).exclude(pk=measure.pk).get()
    unconfirmed = factories.UserFactory(email="u@example.org")
    services.follow(user=unconfirmed, district=measure.district, kind="measure", key=str(measure.lineage), title="M")
    unconfirmed.email_confirmed_at = None  # changed the address, not confirmed yet
    unconfirmed.save()
    services.follow(
        user=factories.UserFactory(email="o@example.org"),
        district=measure.district,
        kind="measure",
        key=str(other.lineage),
        title="M2",
    )
    with django_capture_on_commit_callbacks(execute=True):
        _report(measure)
    assert mail.outbox == []


def test_the_unsubscribe_link_ends_the_follow_with_one_click_and_no_login(
    django_capture_on_commit_callbacks: Any,
) -> None:
    measure = _measure()
    follower = factories.UserFactory(email="f@example.org")
    services.follow(user=follower, district=measure.district, kind="measure", key=str(measure.lineage), title="M1")
    with django_capture_on_commit_callbacks(execute=True):
        _report(measure)
    link = re.search(r"http://[^/]+(/folgen/abbestellen/[^\s]+/)", mail.outbox[0].body).group(1)  # type: ignore[union-attr]
    anonymous = Client(enforce_csrf_checks=True)  # a mail client's RFC 8058 post carries no CSRF token
    page = anonymous.get(link)
    assert page.status_code == 200 and "Nicht mehr folgen" in page.content.decode()
    assert Follow.objects.filter(user=follower).exists()  # opening the link (a mail scanner) changes nothing
    done = anonymous.post(link, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "Sie folgen „M1“ nicht mehr" in done.content.decode()
    assert not Follow.objects.filter(user=follower).exists()


def test_a_forged_or_altered_unsubscribe_link_is_refused() -> None:
    measure = _measure()
    victim = factories.UserFactory(email="v@example.org")
    row = services.follow(user=victim, district=measure.district, kind="measure", key=str(measure.lineage), title="M")
    from kreiskurs.following.tokens import unsubscribe_token

    token = unsubscribe_token(row)
    for bad in ("nonsense", token[:-2] + ("AA" if not token.endswith("AA") else "BB")):
        assert Client().post(f"/folgen/abbestellen/{bad}/").status_code == 404
    assert Follow.objects.filter(user=victim).exists()


def test_deleting_the_account_removes_its_follows() -> None:
    measure = _measure()
    user = factories.UserFactory(email="f@example.org")
    services.follow(user=user, district=measure.district, kind="measure", key=str(measure.lineage), title="M1")
    from kreiskurs.participation.services.participants import forget

    forget(participants=[], keep_contributions=False, user=user)
    assert not Follow.objects.exists()


def test_finding_the_followers_takes_one_query_however_many_there_are(
    django_capture_on_commit_callbacks: Any,
) -> None:
    measure = _measure()

    def selects_for_one_report() -> int:
        with CaptureQueriesContext(connection) as ctx:
            _report(measure, text=str(dt.datetime.now()))
        return sum(1 for q in ctx.captured_queries if q["sql"].startswith("SELECT"))

    services.follow(
        user=factories.UserFactory(email="a@example.org"),
        district=measure.district,
        kind="measure",
        key=str(measure.lineage),
        title="M1",
    )
    few = selects_for_one_report()
    for n in range(5):
        services.follow(
            user=factories.UserFactory(email=f"u{n}@example.org"),
            district=measure.district,
            kind="measure",
            key=str(measure.lineage),
            title="M1",
        )
    assert selects_for_one_report() == few


def test_the_export_of_ones_data_names_what_one_follows() -> None:
    measure = _measure()
    user = factories.UserFactory(email="f@example.org")
    services.follow(user=user, district=measure.district, kind="measure", key=str(measure.lineage), title="M1 X")
    from kreiskurs.participation.services.participants import export_data

    [row] = export_data([], user=user)["following_by_mail"]
    assert row["kind"] == "Maßnahme" and row["title"] == "M1 X" and row["district"] == "kreis"


def test_process_followers_hear_of_a_phase_with_the_unsubscribe_link_and_the_digest_still_applies(
    django_capture_on_commit_callbacks: Any,
) -> None:
    from kreiskurs.participation.models import Participant, PendingMail
    from kreiskurs.participation.services import notifications

    process = factories.running_process(kind="ideas")
    single = factories.UserFactory(email="s@example.org")
    digest = factories.UserFactory(email="d@example.org")
    Participant.objects.filter(pk=factories.participant(process.district, digest).pk).update(daily_digest=True)
    for user in (single, digest):
        assert notifications.toggle_follow(user=user, process=process) is True
    assert Follow.objects.filter(kind="process", key=str(process.pk)).count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.send_phase_notices() == 2
    [message] = mail.outbox
    assert message.to == ["s@example.org"] and "hat begonnen" in message.subject
    assert "/folgen/abbestellen/" in message.body and "List-Unsubscribe" in message.extra_headers
    assert "/folgen/abbestellen/" in PendingMail.objects.get(user=digest).body
    client = Client()
    client.force_login(single)
    page = client.get(f"/{process.district.slug}/beteiligung/{process.pk}/").content.decode()
    assert "Nicht mehr folgen" in page
