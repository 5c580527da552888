"""Sessions read by the prepared query behave as Django's database sessions, and bring their signed-in user."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kreiskurs.accounts.backends import PASSWORD_BACKEND
from kreiskurs.accounts.models import Session
from kreiskurs.accounts.sessions import SessionStore
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_session_is_read_until_it_expires() -> None:
    assert settings.SESSION_ENGINE == "kreiskurs.accounts.sessions"
    store = SessionStore()
    store["answer"] = 42
    store.save()
    assert SessionStore(store.session_key).load() == {"answer": 42}
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    expired = SessionStore(store.session_key)
    assert expired.load() == {} and expired.session_key is None
    unknown = SessionStore("x" * 32)
    assert unknown.load() == {} and unknown.session_key is None


def test_signed_in_requests_keep_their_session() -> None:
    user = factories.UserFactory()
    client = Client()
    client.force_login(user)
    assert client.get("/konto/").status_code == 200
    Session.objects.all().delete()
    assert client.get("/konto/").status_code == 302  # signed out: to the login


@pytest.mark.parametrize(
    "backend", ["kreiskurs.accounts.backends.AccountBackend", "kreiskurs.accounts.oidc.ProviderBackend"]
)
def test_the_signed_in_user_is_read_by_a_prepared_query_and_only_while_the_account_is_active(backend: str) -> None:
    """Password and provider logins read the session's user alike (``backends.active_user``); a deactivated
    account is signed out on its next request, whichever way it signed in."""
    user = factories.UserFactory()
    client = Client()
    client.force_login(user, backend=backend)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/konto/").status_code == 200
    users = [q["sql"] for q in queries.captured_queries if '"accounts_user"' in q["sql"]]
    assert len(users) == 1 and 'FROM "accounts_session"' in users[0]  # read with the session row
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client.get("/konto/").status_code == 302  # signed out: to the login


def test_a_password_login_names_the_prepared_backend(client: Client) -> None:
    from django.contrib.auth import BACKEND_SESSION_KEY

    user = factories.UserFactory()
    response = client.post("/konto/anmelden/", {"username": user.username, "password": factories.PASSWORD})
    assert response.status_code == 302
    assert client.session[BACKEND_SESSION_KEY] == "kreiskurs.accounts.backends.AccountBackend"


def test_the_signed_in_user_comes_with_its_memberships_and_their_districts() -> None:
    """``active_user`` reads the user with every membership and its district in one statement; the
    permission rules then ask no more. Without a membership the user is read all the same."""
    from kreiskurs.accounts.backends import active_user
    from kreiskurs.accounts.models import Membership
    from kreiskurs.accounts.rules import memberships, roles_in
    from kreiskurs.accounts.twofactor import HAS_DEVICE

    first, second = factories.DistrictFactory(), factories.DistrictFactory()
    user = factories.member(first, "strategy_team")
    Membership.objects.create(user=user, district=second, role="moderator")
    with CaptureQueriesContext(connection) as queries:
        read = active_user(user.pk)
        assert read is not None and read.username == user.username and getattr(read, HAS_DEVICE) is False
        held = [(m.district.slug, m.role, m.user is read) for m in memberships(read)]
        assert roles_in(read, second) == {"moderator"}
    assert len(queries.captured_queries) == 1
    assert sorted(held) == sorted([(first.slug, "strategy_team", True), (second.slug, "moderator", True)])
    loner = factories.UserFactory()
    with CaptureQueriesContext(connection) as queries:
        alone = active_user(loner.pk)
        assert alone is not None and alone.pk == loner.pk and memberships(alone) == []
    assert len(queries.captured_queries) == 1
    assert active_user(10**9) is None


def test_the_session_row_names_its_signed_in_user_from_login_to_logout(client: Client) -> None:
    user = factories.UserFactory()
    client.get("/")  # a visitor's session, if the page keeps one, names nobody
    assert all(row.user_id is None for row in Session.objects.all())
    response = client.post("/konto/anmelden/", {"username": user.username, "password": factories.PASSWORD})
    assert response.status_code == 302
    signed_in = Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)
    assert signed_in.user_id == user.pk
    client.post("/konto/abmelden/")
    assert not Session.objects.filter(session_key=signed_in.session_key).exists()
    assert not Session.objects.filter(user_id=user.pk).exists()


def test_a_signed_in_request_reads_its_session_and_user_in_one_statement() -> None:
    """The session's statement brings the user with its memberships; nothing reads the user again,
    whether it has a role or not."""
    district = factories.DistrictFactory()
    for user in (factories.member(district, "strategy_team"), factories.UserFactory()):
        client = Client()
        client.force_login(user)
        client.get("/konto/")
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/konto/")
        assert response.status_code == 200 and response.wsgi_request.user.pk == user.pk
        reads = [q["sql"] for q in queries.captured_queries]
        assert reads[0].startswith("SELECT") and 'FROM "accounts_session"' in reads[0]
        assert not [sql for sql in reads[1:] if 'FROM "accounts_user"' in sql or "accounts_session" in sql]


def test_the_session_data_decides_who_is_signed_in_not_the_user_column() -> None:
    """The column only saves a statement: a row whose column names someone else (never written so,
    but a row is data) signs in the user its signed data names, read on its own."""
    user, other = factories.UserFactory(), factories.UserFactory()
    client = Client()
    client.force_login(user)
    Session.objects.update(user_id=other.pk)
    response = client.get("/konto/")
    assert response.status_code == 200 and response.wsgi_request.user.pk == user.pk
    Session.objects.update(user_id=None)
    response = client.get("/konto/")
    assert response.status_code == 200 and response.wsgi_request.user.pk == user.pk


def test_a_changed_password_or_a_deleted_account_ends_the_sessions() -> None:
    user = factories.UserFactory()
    client = Client()
    client.force_login(user)
    assert client.get("/konto/").status_code == 200
    user.set_password("ein-ganz-neues-Passwort-2026")
    user.save()
    assert client.get("/konto/").status_code == 302  # the session's password hash no longer matches
    client.force_login(user)
    assert Session.objects.filter(user_id=user.pk).exists()
    user.delete()
    assert not Session.objects.filter(user_id=user.pk).exists()  # deleted with the account
    assert client.get("/konto/").status_code == 302


def test_the_upgrade_keeps_unexpired_sessions_signed_in() -> None:
    """Migration 0005 moves Django's unexpired session rows here, with the account their data names."""
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.contrib.sessions.backends.db import SessionStore as DjangoStore
    from django.contrib.sessions.models import Session as DjangoSession

    keep_signed_in = importlib.import_module("kreiskurs.accounts.migrations.0005_session_with_its_user").keep_signed_in
    user = factories.UserFactory()
    later = timezone.now() + dt.timedelta(days=1)
    coder = DjangoStore()
    signed_in = {
        SESSION_KEY: str(user.pk),
        BACKEND_SESSION_KEY: PASSWORD_BACKEND,
        HASH_SESSION_KEY: user.get_session_auth_hash(),
    }
    for key, data, expires in [
        ("signed" + "x" * 26, signed_in, later),
        ("visitor" + "x" * 25, {"consent": True}, later),
        ("ghost" + "x" * 27, {SESSION_KEY: "999999999"}, later),  # the account is gone
        ("over" + "x" * 28, {SESSION_KEY: str(user.pk)}, timezone.now() - dt.timedelta(seconds=1)),
    ]:
        DjangoSession.objects.create(session_key=key, session_data=coder.encode(data), expire_date=expires)
    keep_signed_in(apps, SimpleNamespace(connection=connection))  # the function reads the editor's connection
    copied = {row.session_key[:4]: row for row in Session.objects.all()}
    assert set(copied) == {"sign", "visi", "ghos"}
    assert copied["sign"].user_id == user.pk and copied["visi"].user_id is None and copied["ghos"].user_id is None
    assert not DjangoSession.objects.exists()  # no copy left behind
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = copied["sign"].session_key
    response = client.get("/konto/")
    assert response.status_code == 200 and response.wsgi_request.user.pk == user.pk


def test_clearsessions_deletes_the_expired_sessions() -> None:
    from django.core.management import call_command

    user = factories.UserFactory()
    for key, expires in (("alive" + "x" * 27, dt.timedelta(days=1)), ("over" + "x" * 28, -dt.timedelta(seconds=1))):
        Session.objects.create(session_key=key, session_data="", expire_date=timezone.now() + expires, user=user)
    call_command("clearsessions")
    assert list(Session.objects.values_list("session_key", flat=True)) == ["alive" + "x" * 27]
