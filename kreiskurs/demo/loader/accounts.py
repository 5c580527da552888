"""Demo accounts and their memberships."""

from __future__ import annotations

from kreiskurs.accounts.models import Membership, User
from kreiskurs.territory.models import District, Municipality

from .. import content


def _accounts(district: District, munis: dict[str, Municipality]) -> User:
    """Demo accounts; an existing account of the same name (e.g. a real admin) is reused unchanged."""
    admin = None
    for username, display, role, ref in content.ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username=username,
                password=content.DEMO_PASSWORD,
                display_name=display,
                is_superuser=username == "admin",
                is_staff=username == "admin",
            )
        if username == "admin":
            admin = user
        if role == "municipal_contact":
            Membership.objects.create(user=user, district=district, role=role, municipality=munis[str(ref)])
        elif role and role != "measure_lead":
            Membership.objects.create(user=user, district=district, role=role)
    assert admin is not None
    return admin
