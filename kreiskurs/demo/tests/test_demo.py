"""The demo loader leaves real accounts alone (a whole first load: ``tests/test_packaging.py``)."""

from __future__ import annotations

import pytest

from kreiskurs.accounts.models import User
from kreiskurs.demo.content import DEMO_PASSWORD
from kreiskurs.demo.loader.accounts import _accounts
from kreiskurs.demo.loader.base import DISTRICT_KEY, GV100AD_EXCERPT
from kreiskurs.territory.importer import import_gv100ad
from kreiskurs.territory.models import District, Municipality

pytestmark = pytest.mark.django_db


def test_an_existing_admin_account_is_left_alone_and_new_ones_get_the_demo_password() -> None:
    User.objects.create_user(username="admin", password="eigenes-passwort-123")
    import_gv100ad(GV100AD_EXCERPT)
    district = District.objects.get(key=DISTRICT_KEY)
    _accounts(district, {m.ags[-3:]: m for m in Municipality.objects.filter(district=district)})
    admin = User.objects.get(username="admin")
    assert admin.check_password("eigenes-passwort-123") and not admin.is_superuser
    cdo = User.objects.get(username="cdo")  # the other demo accounts were made, with the published password
    assert cdo.check_password(DEMO_PASSWORD) and not cdo.check_password("eigenes-passwort-123")
