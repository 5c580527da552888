"""Demo accounts and their memberships, through the accounts services (audited in the demo district)."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from kreiskurs.accounts import services
from kreiskurs.accounts.models import User
from kreiskurs.territory.models import District, Municipality

from .. import content


def _accounts(district: District, munis: dict[str, Municipality]) -> User:
    """Demo accounts; an existing account of the same name (e.g. a real admin) is reused unchanged.

    The administrator comes first and grants the demo roles (the measure lead's
    role waits for its measure, see ``strategy._measure``).
    """
    users: dict[str, User] = {}
    created = []
    for username, display, _role, _ref in content.ACCOUNTS:
        existing = User.objects.filter(username=username).first()
        if existing is None:
            existing = services.create_account(
                by=users.get("admin"),
                district=district,
                username=username,
                password=None,
                display_name=display,
                platform_admin=username == "admin",
            )
            created.append(existing.pk)
        users[username] = existing
    # the demo's published password, hashed once for all new accounts (each hash takes about a second)
    User.objects.filter(pk__in=created).update(password=make_password(content.DEMO_PASSWORD))
    admin = users["admin"]
    for username, _display, role, ref in content.ACCOUNTS:
        if role == "municipal_contact":
            services.grant_role(
                by=admin, district=district, user=users[username], role=role, municipality=munis[str(ref)]
            )
        elif role and role != "measure_lead":
            services.grant_role(by=admin, district=district, user=users[username], role=role)
    return admin
