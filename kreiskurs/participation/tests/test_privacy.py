"""Minimal data, consent, one's own data as JSON, deletion with the choice what happens to contributions."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from kreiskurs.accounts.models import User
from kreiskurs.actors.models import ActorGroup
from kreiskurs.participation.models import Comment, Consent, Idea, Participant, Statement, StatementVote, Support
from kreiskurs.participation.services import ideas as idea_services
from kreiskurs.participation.services import participants as participant_services
from tests import factories

pytestmark = pytest.mark.django_db


def test_joining_needs_only_a_name_and_consent_and_records_it() -> None:
    district = factories.DistrictFactory()
    with pytest.raises(ValidationError, match="Einwilligung"):
        participant_services.join(district=district, user=None, display_name="Kim", consent=False)
    group = ActorGroup.objects.create(district=district, name="Vereine")
    kim = participant_services.join(district=district, user=None, display_name="Kim", consent=True, actor_group=group)
    consent = Consent.objects.get(participant=kim)
    assert "Anzeigenamen" in consent.text and consent.purpose == "participation"
    foreign = ActorGroup.objects.create(district=factories.DistrictFactory(), name="Fremd")
    with pytest.raises(ValidationError):
        participant_services.join(district=district, user=None, display_name="X", consent=True, actor_group=foreign)


def test_joining_asks_municipality_and_age_band_optionally_naming_their_purpose() -> None:
    """Both self-declarations are optional, default to "keine Angabe" and say what they are for (decision 0029)."""
    process = factories.running_process(kind="ideas", pseudonymous=True)
    home = factories.MunicipalityFactory(district=process.district, name="Heimatdorf")
    factories.MunicipalityFactory(name="Anderswo")  # of another district: not offered
    url = reverse("participation:join", args=[process.district.slug, process.pk])
    guest = Client()
    text = guest.get(url).content.decode()
    assert "Wohnort (Gemeinde, freiwillig)" in text and "Altersgruppe (freiwillig)" in text
    assert "Heimatdorf" in text and "Anderswo" not in text and "keine Angabe" in text
    assert "wie repräsentativ die Beteiligung ist" in text and "nie unter 5 Personen" in text  # consent and help
    response = guest.post(
        url, factories.session_form_data(guest, display_name="Fuchs", consent="on", municipality="", age_band="")
    )
    assert response.status_code == 302
    fuchs = Participant.objects.get(display_name="Fuchs")
    assert fuchs.municipality is None and fuchs.age_band == ""
    assert "wie repräsentativ" in Consent.objects.get(participant=fuchs).text

    other = Client()
    data = factories.session_form_data(other, display_name="Eule", consent="on", municipality=home.pk, age_band="65+")
    assert other.post(url, data).status_code == 302
    eule = Participant.objects.get(display_name="Eule")
    assert (eule.municipality, eule.age_band) == (home, "65+")


def test_a_municipality_of_another_district_is_refused() -> None:
    district = factories.DistrictFactory()
    foreign = factories.MunicipalityFactory(name="Fremdgemeinde")
    with pytest.raises(ValidationError, match="Gemeinde gehört nicht"):
        participant_services.join(district=district, user=None, display_name="X", consent=True, municipality=foreign)
    process = factories.running_process(district, kind="ideas", pseudonymous=True)
    guest = Client()
    url = reverse("participation:join", args=[district.slug, process.pk])
    data = factories.session_form_data(guest, display_name="Y", consent="on", municipality=foreign.pk)
    assert guest.post(url, data).status_code == 200 and not Participant.objects.filter(display_name="Y").exists()
    kim = factories.participant(district, name="Kim")
    with pytest.raises(ValidationError, match="Gemeinde gehört nicht"):
        participant_services.update_profile(participant=kim, values={"municipality": foreign})


def test_my_data_changes_and_removes_the_declarations() -> None:
    district = factories.DistrictFactory()
    home = factories.MunicipalityFactory(district=district, name="Heimatdorf")
    user = factories.UserFactory(username="kim")
    kim = participant_services.join(
        district=district, user=user, display_name="Kim", consent=True, municipality=home, age_band="18-29"
    )
    client = Client()
    client.force_login(user)
    page = client.get("/konto/daten/").content.decode()
    assert "Heimatdorf" in page and "18–29" in page
    data = json.loads(client.get("/konto/daten/export.json").content)["participations"][0]
    assert (data["municipality"], data["age_band"]) == ("Heimatdorf", "18–29")
    prefix = f"p{kim.pk}"
    form = {f"{prefix}-display_name": "Kim", f"{prefix}-municipality": home.pk, f"{prefix}-age_band": "30-44"}
    assert client.post("/konto/daten/", form).status_code == 302
    kim.refresh_from_db()
    assert (kim.municipality, kim.age_band) == (home, "30-44")
    form = {f"{prefix}-display_name": "Kim", f"{prefix}-municipality": "", f"{prefix}-age_band": ""}
    client.post("/konto/daten/", form)
    kim.refresh_from_db()
    assert (kim.municipality, kim.age_band) == (None, "")
    data = json.loads(client.get("/konto/daten/export.json").content)["participations"][0]
    assert (data["municipality"], data["age_band"]) == (None, None)


def setup_person() -> tuple[User, Participant, Idea]:
    process = factories.running_process(kind="ideas")
    user = factories.UserFactory(username="kim", email="kim@example.org")
    kim = factories.participant(process.district, user, name="Kim")
    idea = idea_services.submit_idea(by=user, process=process, participant=kim, title="Meine Idee", text="Text")
    lu_user = factories.UserFactory(username="lu")
    lu = factories.participant(process.district, lu_user, name="Lu")
    other = idea_services.submit_idea(by=lu_user, process=process, participant=lu, title="Lus Idee", text="Text")
    idea_services.toggle_support(by=user, idea=other, participant=kim)  # one's own idea cannot be supported
    idea_services.comment(by=user, process=process, participant=kim, text="Mein Kommentar", idea=idea)
    statement = Statement.objects.create(district=process.district, process=process, text="These", by_staff=True)
    StatementVote.objects.create(
        district=process.district, statement=statement, participant=kim, vote=1, voted_at=idea.created_at
    )
    return user, kim, idea


def test_export_contains_everything_about_the_person() -> None:
    user, _kim, _idea = setup_person()
    client = Client()
    client.force_login(user)
    response = client.get("/konto/daten/export.json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["username"] == "kim"
    part = data["participations"][0]
    assert part["display_name"] == "Kim" and part["consents"][0]["purpose"] == "participation"
    assert part["ideas"][0]["title"] == "Meine Idee" and part["comments"][0]["text"] == "Mein Kommentar"
    assert part["votes"][0]["vote"] == "stimme zu" and part["supported_ideas"] == ["Lus Idee"]


def test_deleting_removes_contributions_when_asked() -> None:
    user, _kim, _idea = setup_person()
    client = Client()
    client.force_login(user)
    response = client.post("/konto/daten/loeschen/", {"keep": "0", "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(username="kim").exists()
    assert list(Idea.objects.values_list("title", flat=True)) == ["Lus Idee"] and not Comment.objects.exists()
    assert not StatementVote.objects.exists() and not Participant.objects.filter(display_name="Kim").exists()


def test_deleting_can_keep_contributions_anonymously() -> None:
    user, _kim, idea = setup_person()
    client = Client()
    client.force_login(user)
    client.post("/konto/daten/loeschen/", {"keep": "1", "confirm": "on"})
    assert not User.objects.filter(username="kim").exists()
    idea.refresh_from_db()
    assert idea.author is None and Comment.objects.get().author is None
    vote = StatementVote.objects.get()
    assert vote.participant.display_name == "–" and vote.participant.user is None  # counted, linked to nobody
    assert Support.objects.count() == 1
    body = Client().get(f"/{idea.district.slug}/beteiligung/{idea.process_id}/ideen/{idea.pk}/").content.decode()
    assert "gelöschte Person" in body and "Kim" not in body


def test_deletion_needs_confirmation_and_staff_accounts_are_kept() -> None:
    user, _kim, _idea = setup_person()
    client = Client()
    client.force_login(user)
    client.post("/konto/daten/loeschen/", {"keep": "0"})
    assert User.objects.filter(username="kim").exists()
    from kreiskurs.accounts.models import Role

    staff = factories.member(factories.DistrictFactory(), Role.MODERATOR)
    other = Client()
    other.force_login(staff)
    other.post("/konto/daten/loeschen/", {"keep": "0", "confirm": "on"})
    assert User.objects.filter(pk=staff.pk).exists()


def test_pseudonymous_participants_see_export_and_delete_their_session_data() -> None:
    process = factories.running_process(kind="ideas", pseudonymous=True)
    slug = process.district.slug
    guest = Client()
    guest.post(
        f"/{slug}/beteiligung/{process.pk}/teilnehmen/",
        factories.session_form_data(guest, display_name="Fuchs", consent="on"),
    )
    guest.post(f"/{slug}/beteiligung/{process.pk}/ideen/neu/", factories.human_form_data(title="Von Fuchs", text="x"))
    assert Idea.objects.get().author.display_name == "Fuchs"
    data = json.loads(guest.get("/konto/daten/export.json").content)
    assert data["participations"][0]["ideas"][0]["title"] == "Von Fuchs"
    assert "Fuchs" in guest.get("/konto/daten/").content.decode()
    assert json.loads(Client().get("/konto/daten/export.json").content)["participations"] == []  # another browser
    guest.post("/konto/daten/loeschen/", {"keep": "0", "confirm": "on"})
    assert not Idea.objects.exists() and not Participant.objects.exists()


def test_registration_creates_a_participant_account_and_refuses_bots() -> None:
    client = Client()
    data = {
        "username": "neu",
        "display_name": "Neu",
        "email": "",
        "password1": "ein-langes-Passwort-42",
        "password2": "ein-langes-Passwort-42",
    }
    assert client.post("/konto/registrieren/", {**data, "form_stamp": "x"}).status_code == 200
    assert not User.objects.filter(username="neu").exists()
    response = client.post("/konto/registrieren/", factories.session_form_data(client, **data, next="/"))
    assert response.status_code == 302
    user = User.objects.get(username="neu")
    assert not user.memberships.exists() and str(user) == "Neu"


def test_new_pseudonyms_are_rate_limited_per_address() -> None:
    district = factories.DistrictFactory()
    for n in range(20):
        participant_services.join(district=district, user=None, display_name=f"P{n}", consent=True, address="192.0.2.7")
    with pytest.raises(ValidationError, match="Zu viele"):
        participant_services.join(district=district, user=None, display_name="P21", consent=True, address="192.0.2.7")
    participant_services.join(district=district, user=None, display_name="Other", consent=True, address="192.0.2.8")


def test_registrations_are_limited_per_address() -> None:
    client = Client()
    password = "ein-langes-Passwort-42"
    for n in range(10):
        data = {"username": f"u{n}", "password1": password, "password2": password}
        assert client.post("/konto/registrieren/", factories.session_form_data(client, **data)).status_code == 302
        client.logout()
    data = {"username": "u11", "password1": password, "password2": password}
    response = client.post("/konto/registrieren/", factories.session_form_data(client, **data))
    assert response.status_code == 200 and "Zu viele neue Konten" in response.content.decode()
    assert not User.objects.filter(username="u11").exists()


def test_deleting_keeps_what_others_wrote_and_empties_the_texts_they_depend_on() -> None:
    user, kim, idea = setup_person()
    bert_user = factories.UserFactory()
    bert = factories.participant(idea.district, bert_user, name="Bert")
    mine = Comment.objects.get(author=kim)
    idea_services.comment(by=bert_user, process=idea.process, participant=bert, text="Antwort von Bert", parent=mine)
    idea_services.comment(by=bert_user, process=idea.process, participant=bert, text="Bert zur Idee", idea=idea)
    generation = idea.district.generation
    client = Client()
    client.force_login(user)
    client.post("/konto/daten/loeschen/", {"keep": "0", "confirm": "on"})
    assert set(Comment.objects.filter(author=bert).values_list("text", flat=True)) == {
        "Antwort von Bert",
        "Bert zur Idee",
    }
    emptied = Idea.objects.get(pk=idea.pk)
    assert (emptied.author, emptied.text, emptied.title, emptied.visibility) == (None, "", "–", "hidden")
    assert Comment.objects.get(pk=mine.pk).text == "" and not Participant.objects.filter(display_name="Kim").exists()
    idea.district.refresh_from_db()
    assert idea.district.generation > generation  # cached public pages are rebuilt


def test_export_names_reports_follows_and_waiting_mail() -> None:
    user, kim, idea = setup_person()
    idea_services.report_abuse(
        by=user, process=idea.process, kind="idea", object_id=idea.pk, reason="Doppelt", reporter=kim
    )
    from kreiskurs.participation.services import notifications

    notifications.toggle_follow(user=user, process=idea.process)
    client = Client()
    client.force_login(user)
    data = json.loads(client.get("/konto/daten/export.json").content)
    assert data["participations"][0]["reports"][0]["reason"] == "Doppelt"
    assert data["following"] == [idea.process.title] and data["waiting_for_digest"] == []


def test_deleting_scrubs_the_texts_from_the_audit_log() -> None:
    from kreiskurs.audit.models import AuditEntry
    from kreiskurs.participation.services import moderation

    user, _kim, idea = setup_person()
    moderation.moderate(by=None, obj=Comment.objects.get(idea=idea), visibility="hidden", reason="Test")
    assert AuditEntry.objects.filter(object_repr__startswith="Mein Kommentar").exists()
    client = Client()
    client.force_login(user)
    client.post("/konto/daten/loeschen/", {"keep": "0", "confirm": "on"})
    assert not AuditEntry.objects.filter(object_repr__startswith="Mein Kommentar").exists()
