"""Writes of the accounts app: granting and revoking roles in a district, registering accounts."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kreiskurs.audit.services import record_change
from kreiskurs.territory.models import District, Municipality

from .addresses import send_confirmation
from .models import Membership, Role, User
from .ratelimit import Limit, RateLimited, check_rate
from .rules import forget_memberships

if TYPE_CHECKING:
    from .types import Actor


@transaction.atomic
def grant_role(
    *,
    by: Actor,
    district: District,
    user: User,
    role: str,
    municipality: Municipality | None = None,
    measure_lineage: uuid.UUID | None = None,
) -> Membership:
    """Give ``user`` a role in ``district`` (a municipal contact names the municipality,
    a measure lead the measure)."""
    if municipality is not None and municipality.district_id != district.pk:
        raise ValidationError({"municipality": _("Die Gemeinde gehört nicht zu diesem Kreis.")})
    if role != Role.MUNICIPAL_CONTACT:
        municipality = None
    if role != Role.MEASURE_LEAD:
        measure_lineage = None
    membership = Membership(
        user=user, district=district, role=role, municipality=municipality, measure_lineage=measure_lineage
    )
    membership.full_clean()
    membership.save()
    forget_memberships(user)
    record_change(by=by, district=district, action="grant_role", obj=membership, changes={"role": ("", role)})
    return membership


@transaction.atomic
def revoke_role(*, by: Actor, membership: Membership) -> None:
    record_change(
        by=by,
        district=membership.district,
        action="revoke_role",
        obj=membership,
        changes={"role": (membership.role, "")},
    )
    membership.delete()
    forget_memberships(membership.user)


#: new accounts per client address and hour (bot protection does the rest)
REGISTRATIONS = Limit(per_account=0, per_address=10, window=dt.timedelta(hours=1))


@transaction.atomic
def register_account(
    *, username: str, password: str, display_name: str = "", email: str = "", address: str | None
) -> User:
    """A participant account: no role, a display name and e-mail address only if given.

    A given address gets the confirmation link and nothing else until it is confirmed.
    The registration is in the installation's audit log (no district's), named by
    the username only.

    New accounts are counted per client address (``address``, from
    ``kreiskurs.net.client_ip``) in the shared limiter; past ``REGISTRATIONS``
    the account is refused.
    """
    try:
        check_rate(kind="register", limit=REGISTRATIONS, account="", address=address)
    except RateLimited:
        raise ValidationError(_("Zu viele neue Konten von dieser Adresse. Bitte versuchen Sie es später.")) from None
    user = User(username=username, display_name=display_name, email=email)
    user.set_password(password)
    user.full_clean()
    user.save()
    _record_registration(user)
    if user.email:
        send_confirmation(user=user)
    return user


@transaction.atomic
def register_provider_account(*, username: str, email: str, display_name: str = "") -> User:
    """An account for someone the installation's OpenID provider vouches for, at their first sign-on.

    The provider said it verified the address, so it is confirmed now; the password is
    unusable (they sign on through the provider, or set one by password reset). No role:
    roles are granted in Kreiskurs. In the audit log exactly like ``register_account``.
    """
    user = User(username=username, email=email, email_confirmed_at=timezone.now(), display_name=display_name[:100])
    user.set_unusable_password()
    user.full_clean()
    user.save()
    _record_registration(user)
    return user


def _record_registration(user: User) -> None:
    # installation-wide (the account belongs to no district yet); named by its username only
    record_change(by=user, district=None, action="register", obj=user, object_repr=user.username)


@transaction.atomic
def create_account(
    *,
    by: Actor,
    district: District,
    username: str,
    password: str | None,
    display_name: str = "",
    platform_admin: bool = False,
) -> User:
    """An account the operators set up for ``district``'s people (the demo, a command), audited there.

    Unlike ``register_account`` it is not rate-limited and mails nothing; roles
    are granted separately (``grant_role``). ``platform_admin`` makes the
    account a superuser with access to Django's admin. Without a ``password``
    the account has no usable one until it is set (a reset, or the caller).
    """
    user = User(username=username, display_name=display_name, is_superuser=platform_admin, is_staff=platform_admin)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean()
    user.save()
    record_change(by=by, district=district, action="create_account", obj=user, changes={"username": ("", username)})
    return user
