"""Sessions read by the prepared query behave as Django's database sessions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

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
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = factories.UserFactory()
    client = Client()
    client.force_login(user, backend=backend)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/konto/").status_code == 200
    assert len([q for q in queries.captured_queries if 'FROM "accounts_user"' in q["sql"]]) == 1
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
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

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
