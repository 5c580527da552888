"""Installation-wide audit entries (``district`` empty): registrations and the installation's legal pages.

They are written like every other entry and read only by platform admins (in the
admin); a district's log and dashboard never show them.
"""

from __future__ import annotations

import pytest
from django.test import Client

from kreiskurs.accounts import services as accounts
from kreiskurs.accounts.models import Role
from kreiskurs.audit.models import AuditEntry
from kreiskurs.audit.services import record_change
from kreiskurs.legal import services as legal
from kreiskurs.strategy.selectors import audit_entries_for
from tests import factories

pytestmark = pytest.mark.django_db


def register(username: str = "neu_hier") -> object:
    return accounts.register_account(
        username=username,
        password="ein-langes-passwort-9",
        display_name="Anna Musterfrau",
        email="anna@example.org",
        address="192.0.2.7",
    )


def test_a_registration_writes_one_installation_wide_entry_naming_the_username_only() -> None:
    user = register()
    entry = AuditEntry.objects.get()
    assert (entry.district, entry.actor, entry.action, entry.action_label) == (None, user, "register", "Registriert")
    assert (entry.object_type, entry.object_id, entry.object_repr) == ("accounts.user", str(user.pk), "neu_hier")
    written = f"{entry.object_repr} {entry.changes} {entry.lineage}"
    assert "Musterfrau" not in written and "anna@" not in written


def test_saving_an_installation_legal_page_writes_one_installation_wide_entry() -> None:
    admin = factories.UserFactory(is_superuser=True)
    page = legal.save_page(by=admin, kind="impressum", district=None, title="Impressum", body="Land")
    legal.save_page(by=admin, kind="impressum", district=None, title="Impressum", body="Land 2", expected_revision=1)
    entries = AuditEntry.objects.for_object(page).order_by("pk")
    assert [(e.district, e.actor, e.action, e.revision) for e in entries] == [
        (None, admin, "create", 1),
        (None, admin, "update", 2),
    ]
    assert entries[1].changes == {"body": ["Land", "Land 2"]}
    legal.remove_page(by=admin, kind="impressum", district=None)
    assert AuditEntry.objects.filter(district=None, action="delete", object_id=str(page.pk)).count() == 1


def test_a_districts_log_and_dashboard_do_not_show_installation_wide_entries(client: Client) -> None:
    district = factories.DistrictFactory()
    factories.strategy_with_draft(district)
    admin = factories.UserFactory(is_superuser=True)
    register("neu_hier")
    legal.save_page(by=admin, kind="impressum", district=None, title="Impressum", body="Land")
    record_change(by=admin, district=district, action="update", obj=district, object_repr="Sichtbarer Eintrag")
    assert AuditEntry.objects.filter(district=None).count() == 2

    for viewer in (factories.member(district, Role.STRATEGY_TEAM), admin):
        shown = audit_entries_for(viewer, district)
        assert "Sichtbarer Eintrag" in {e.object_repr for e in shown}
        assert {e.district_id for e in shown} == {district.pk}
        client.force_login(viewer)
        for url in (f"/{district.slug}/verwaltung/protokoll/", f"/{district.slug}/verwaltung/"):
            page = client.get(url).content.decode()
            assert "Sichtbarer Eintrag" in page, url
            assert "neu_hier" not in page and "Impressum (Installation)" not in page and "Registriert" not in page, url


def test_platform_admins_read_installation_wide_entries_in_the_admin_and_nobody_else_does(client: Client) -> None:
    register("neu_hier")
    client.force_login(factories.UserFactory(is_staff=True))
    assert client.get("/admin/audit/auditentry/").status_code == 403
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    listing = client.get("/admin/audit/auditentry/?district__isempty=1")
    assert listing.status_code == 200 and "neu_hier" in listing.content.decode()


def test_deleting_the_account_removes_the_username_from_the_log(client: Client) -> None:
    user = register("neu_hier")
    client.force_login(user)
    assert client.post("/konto/daten/loeschen/", {"keep": "0", "confirm": "on"}).status_code == 302
    entry = AuditEntry.objects.get(action="register")
    assert (entry.object_repr, entry.actor) == ("–", None)
