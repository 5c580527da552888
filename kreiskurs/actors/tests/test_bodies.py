"""Bodies and their members through the services: validated, audited, kept within the district."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kreiskurs.accounts.models import Role
from kreiskurs.actors import services
from kreiskurs.actors.models import Body, BodyMembership
from kreiskurs.audit.models import AuditEntry
from kreiskurs.core.editing import EditConflict
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_body_is_created_renamed_and_deleted_with_an_audit_entry_each() -> None:
    district = factories.DistrictFactory()
    cdo = factories.member(district, Role.STRATEGY_TEAM)
    body = services.create_body(by=cdo, district=district, name="  Lenkungs\n kreis ", description="steuert")
    assert body.name == "Lenkungs kreis" and body.revision == 1
    renamed = services.update_body(by=cdo, body=body, name="Lenkungskreis", description="steuert", expected_revision=1)
    assert (renamed.name, renamed.revision) == ("Lenkungskreis", 2)
    unchanged = services.update_body(by=cdo, body=body, name="Lenkungskreis", description="steuert")
    assert unchanged.revision == 2
    entries = list(AuditEntry.objects.for_object(body).order_by("id"))
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[1].changes == {"name": ["Lenkungs kreis", "Lenkungskreis"]} and entries[1].actor == cdo
    with pytest.raises(EditConflict) as conflict:
        services.update_body(by=cdo, body=body, name="Steuerkreis", description="", expected_revision=1)
    assert [e.changes for e in conflict.value.entries] == [{"name": ["Lenkungs kreis", "Lenkungskreis"]}]
    services.delete_body(by=cdo, body=body)
    assert not Body.objects.exists()
    assert AuditEntry.objects.filter(action="delete", object_type="actors.body").count() == 1


def test_body_names_are_unique_in_a_district_with_a_readable_message() -> None:
    district = factories.DistrictFactory()
    services.create_body(by=None, district=district, name="Digitalbeirat")
    with pytest.raises(ValidationError, match="gibt es bereits"):
        services.create_body(by=None, district=district, name="Digitalbeirat")
    other = services.create_body(by=None, district=district, name="AG Schulen")
    with pytest.raises(ValidationError, match="gibt es bereits"):
        services.update_body(by=None, body=other, name="Digitalbeirat", description="")
    assert services.create_body(by=None, district=factories.DistrictFactory(), name="Digitalbeirat").pk


def test_members_sit_once_with_a_role_and_only_from_the_same_district() -> None:
    district = factories.DistrictFactory()
    body = services.create_body(by=None, district=district, name="Lenkungskreis")
    ihk = factories.StakeholderFactory(district=district, name="IHK")
    membership = services.add_member(by=None, body=body, stakeholder=ihk, role="  Vorsitz ")
    assert membership.role == "Vorsitz" and membership.district == district
    assert (
        services.add_member(
            by=None, body=body, stakeholder=factories.StakeholderFactory(district=district), role=""
        ).role
        == "Mitglied"
    )
    with pytest.raises(ValidationError, match="bereits Mitglied"):
        services.add_member(by=None, body=body, stakeholder=ihk, role="Gast")
    with pytest.raises(ValidationError, match="nicht zu diesem Kreis"):
        services.add_member(by=None, body=body, stakeholder=factories.StakeholderFactory(), role="Gast")
    services.remove_member(by=None, membership=membership)
    assert BodyMembership.objects.filter(body=body).count() == 1
    changes = [e.changes for e in AuditEntry.objects.for_object(body).order_by("id")]
    assert {"Mitglied IHK": ["", "Vorsitz"]} in changes and {"Mitglied IHK": ["Vorsitz", ""]} in changes
