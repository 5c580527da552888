"""Accounts the operators set up (the demo loader, commands): through ``accounts.services.create_account``."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kreiskurs.accounts import services
from kreiskurs.accounts.models import User
from kreiskurs.audit.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_created_account_can_sign_in_and_is_audited_in_its_district() -> None:
    district = factories.DistrictFactory()
    admin = services.create_account(
        by=None, district=district, username="chefin", password="ein-langes-passwort-1", platform_admin=True
    )
    person = services.create_account(
        by=admin, district=district, username="greta", password="ein-langes-passwort-2", display_name="Greta"
    )
    assert person.check_password("ein-langes-passwort-2") and person.display_name == "Greta"
    assert (admin.is_superuser, admin.is_staff, person.is_superuser, person.is_staff) == (True, True, False, False)
    entries = AuditEntry.objects.filter(district=district, action="create_account").order_by("pk")
    assert [(e.actor, e.object_id) for e in entries] == [(None, str(admin.pk)), (admin, str(person.pk))]
    assert entries[1].changes == {"username": ["", "greta"]}
    assert entries[1].action_label == "Konto angelegt"


def test_a_taken_username_is_refused_and_nothing_is_written() -> None:
    district = factories.DistrictFactory()
    factories.UserFactory(username="greta")
    with pytest.raises(ValidationError):
        services.create_account(by=None, district=district, username="greta", password="ein-langes-passwort-3")
    assert User.objects.filter(username="greta").count() == 1
    assert not AuditEntry.objects.filter(action="create_account").exists()
