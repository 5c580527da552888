"""Granting a role by e-mail address: at once to a confirmed account, otherwise by an invitation link."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from kreiskurs.accounts import invitations, services
from kreiskurs.accounts.models import Invitation, Membership, Role
from kreiskurs.audit.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db


def roles_url(district: Any) -> str:
    return f"/{district.slug}/verwaltung/rollen/"


def invitation_link(message: Any) -> str:
    match = re.search(r"https?://[^/\s]+(/konto/einladung/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def team(db: None) -> tuple[Any, Client]:
    district = factories.adopted_strategy().district
    client = Client()
    client.force_login(factories.member(district, Role.STRATEGY_TEAM))
    return district, client


def test_a_confirmed_address_gets_the_role_at_once(
    team: tuple[Any, Client], django_capture_on_commit_callbacks: Any
) -> None:
    district, client = team
    person = factories.UserFactory(email="greta@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(roles_url(district), {"person": "Greta@example.org", "role": "steering"}, follow=True)
    assert "Die Rolle wurde vergeben" in page.content.decode()
    assert Membership.objects.filter(user=person, district=district, role="steering").exists()
    assert not Invitation.objects.exists()
    assert [m.to for m in mail.outbox] == [["greta@example.org"]] and "Lenkungskreis" in mail.outbox[0].body


def test_an_unconfirmed_or_unknown_address_is_invited_and_accepts_after_registering(
    team: tuple[Any, Client], django_capture_on_commit_callbacks: Any
) -> None:
    district, client = team
    factories.UserFactory(email="neu@example.org", email_confirmed_at=None)  # not proven: no role from that
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(roles_url(district), {"person": "neu@example.org", "role": "moderator"}, follow=True)
    assert "Die Einladung an neu@example.org ist verschickt" in page.content.decode()
    assert not Membership.objects.filter(role="moderator").exists()
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.accepted_at) == ("neu@example.org", "moderator", None)
    link = invitation_link(mail.outbox[0])
    assert invitation.token_hash not in mail.outbox[0].body and invitations.token_hash(link.split("/")[-2]) == (
        invitation.token_hash
    )
    assert "neu@example.org" in page.content.decode() and "Zurückziehen" in page.content.decode()

    visitor = Client()
    shown = visitor.get(link)
    assert "Moderation" in shown.content.decode() and "/konto/registrieren/?next=" in shown.content.decode()
    newcomer = services.register_account(
        username="nele", password="x-Passwort-123", email="neu@example.org", address=None
    )
    visitor.force_login(newcomer)
    accepted = visitor.post(link)
    assert accepted.status_code == 302 and accepted["Location"] == f"/{district.slug}/verwaltung/"
    assert Membership.objects.filter(user=newcomer, district=district, role="moderator").exists()
    newcomer.refresh_from_db()
    assert newcomer.mail_address == "neu@example.org"  # following the link proved the address
    assert visitor.post(link).status_code == 404  # used up
    actions = set(AuditEntry.objects.filter(district=district).values_list("action", flat=True))
    assert {"invite", "grant_role", "accept_invitation"} <= actions


def test_an_expired_or_unknown_invitation_is_refused(
    team: tuple[Any, Client], django_capture_on_commit_callbacks: Any
) -> None:
    district, _client = team
    with django_capture_on_commit_callbacks(execute=True):
        invitations.grant_role_by_email(
            by=None,
            district=district,
            email="spaet@example.org",
            role="steering",
            now=timezone.now() - invitations.INVITATION_VALID - dt.timedelta(minutes=1),
        )
    link = invitation_link(mail.outbox[0])
    user = factories.UserFactory()
    visitor = Client()
    visitor.force_login(user)
    page = visitor.get(link)
    assert page.status_code == 404 and "abgelaufen" in page.content.decode()
    assert visitor.post(link).status_code == 404
    with pytest.raises(ValidationError):
        invitations.accept_invitation(user=user, token=link.split("/")[-2])
    assert visitor.get("/konto/einladung/erfunden/").status_code == 404
    assert not Membership.objects.filter(user=user).exists()


def test_the_team_revokes_a_pending_invitation(
    team: tuple[Any, Client], django_capture_on_commit_callbacks: Any
) -> None:
    district, client = team
    with django_capture_on_commit_callbacks(execute=True):
        client.post(roles_url(district), {"person": "weg@example.org", "role": "steering"})
    link = invitation_link(mail.outbox[0])
    invitation = Invitation.objects.get()
    steering = Client()
    steering.force_login(factories.member(district, Role.STEERING))
    assert "weg@example.org" not in steering.get(roles_url(district)).content.decode()
    assert steering.post(f"{roles_url(district)}einladungen/{invitation.pk}/zurueckziehen/").status_code == 404
    assert "weg@example.org" not in steering.get(f"/{district.slug}/verwaltung/protokoll/").content.decode()
    response = client.post(f"{roles_url(district)}einladungen/{invitation.pk}/zurueckziehen/", follow=True)
    assert "Die Einladung wurde zurückgezogen" in response.content.decode()
    assert not Invitation.objects.exists()
    assert AuditEntry.objects.filter(district=district, action="revoke_invitation").exists()
    assert Client().get(link).status_code == 404


def test_inviting_the_same_address_again_replaces_the_first_link(team: tuple[Any, Client]) -> None:
    district, _client = team
    municipality = factories.MunicipalityFactory(district=district)
    offer = {"by": None, "district": district, "email": "x@example.org", "role": "municipal_contact"}
    with pytest.raises(ValidationError):
        invitations.grant_role_by_email(**offer)  # a municipal contact needs the municipality
    invitations.grant_role_by_email(**offer, municipality=municipality)
    invitations.grant_role_by_email(**offer, municipality=municipality)
    assert Invitation.objects.count() == 1
    with pytest.raises(ValidationError):
        invitations.grant_role_by_email(by=None, district=district, email="kein-adresse", role="steering")


def test_a_user_with_one_district_lands_in_its_back_office() -> None:
    district = factories.DistrictFactory()
    lead = factories.member(district, Role.STEERING)
    two = factories.member(district, Role.STRATEGY_TEAM)
    factories.member(factories.DistrictFactory(), Role.STEERING)
    Membership.objects.create(user=two, district=factories.DistrictFactory(), role=Role.STEERING)
    participant = factories.UserFactory()

    def login(user: Any, next_url: str = "") -> str:
        data = {"username": user.username, "password": factories.PASSWORD, "next": next_url}
        response = Client().post("/konto/anmelden/", data)
        assert response.status_code == 302
        return str(response["Location"])

    assert login(lead) == f"/{district.slug}/verwaltung/"
    assert login(lead, "/") == f"/{district.slug}/verwaltung/"
    assert login(lead, f"/{district.slug}/") == f"/{district.slug}/"  # a page asked to come back to
    assert login(two) == "/verwaltung/"
    assert login(participant) == "/verwaltung/"


def test_query_count_does_not_grow_with_invitations(team: tuple[Any, Client]) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    district, client = team
    municipality = factories.MunicipalityFactory(district=district)

    def invite(n: int) -> int:
        invitations.grant_role_by_email(
            by=None, district=district, email=f"p{n}@example.org", role="municipal_contact", municipality=municipality
        )
        with CaptureQueriesContext(connection) as queries:
            page = client.get(roles_url(district))
        assert f"p{n}@example.org" in page.content.decode()
        return len(queries)

    first = invite(0)
    for n in range(1, 5):
        invite(n)
    assert invite(5) == first
