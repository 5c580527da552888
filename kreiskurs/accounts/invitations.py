"""Writes about roles granted by e-mail address: invitations sent, accepted and revoked.

The team names a person by e-mail address. An account whose *confirmed*
address it is (exactly one) gets the role at once; otherwise an invitation
goes to the address. The link carries a random token of which only the
SHA-256 hash is stored; it works once and until ``INVITATION_VALID`` has
passed. Whoever follows it signs in or registers and then accepts: the role
is granted as the inviting person granted it, and both steps are audited.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kreiskurs.audit.services import record_change
from kreiskurs.territory.models import District, Municipality

from .models import Invitation, Membership, Role, User
from .outbox import send_mail
from .services import grant_role
from .types import Actor, account_of

#: how long an invitation link works
INVITATION_VALID = dt.timedelta(days=14)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _role_label(role: str) -> str:
    return str(dict(Role.choices).get(role, role))


def _confirmed_account(email: str) -> User | None:
    """The one active account whose confirmed address is ``email`` (none if there are several)."""
    found = list(User.objects.filter(email__iexact=email, email_confirmed_at__isnull=False, is_active=True)[:2])
    return found[0] if len(found) == 1 else None


@transaction.atomic
def grant_role_by_email(
    *,
    by: Actor,
    district: District,
    email: str,
    role: str,
    municipality: Municipality | None = None,
    measure_lineage: uuid.UUID | None = None,
    now: dt.datetime | None = None,
) -> Membership | Invitation:
    """Grant the role to the account with this confirmed address, or invite the address."""
    email = User.objects.normalize_email(email.strip())
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"person": _("Bitte eine gültige E-Mail-Adresse angeben.")}) from None
    user = _confirmed_account(email)
    if user is not None:
        membership = grant_role(
            by=by, district=district, user=user, role=role, municipality=municipality, measure_lineage=measure_lineage
        )
        send_mail(
            subject=_("Kreiskurs %(district)s: Ihre neue Rolle") % {"district": district.display_name},
            body=_("Guten Tag,\n\nSie haben jetzt die Rolle „%(role)s“ im %(district)s.\n\n%(link)s\n")
            % {
                "role": _role_label(role),
                "district": district.display_name,
                "link": f"{settings.KREISKURS_BASE_URL}{reverse('manage_home:home')}",
            },
            to=[user.mail_address],
        )
        return membership
    return _invite(
        by=by,
        district=district,
        email=email,
        role=role,
        municipality=municipality,
        measure_lineage=measure_lineage,
        now=now or timezone.now(),
    )


def _invite(
    *,
    by: Actor,
    district: District,
    email: str,
    role: str,
    municipality: Municipality | None,
    measure_lineage: uuid.UUID | None,
    now: dt.datetime,
) -> Invitation:
    if municipality is not None and municipality.district_id != district.pk:
        raise ValidationError({"municipality": _("Die Gemeinde gehört nicht zu diesem Kreis.")})
    if role != Role.MUNICIPAL_CONTACT:
        municipality = None
    if role != Role.MEASURE_LEAD:
        measure_lineage = None
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        district=district,
        email=email,
        role=role,
        municipality=municipality,
        measure_lineage=measure_lineage,
        token_hash=token_hash(token),
        invited_by=account_of(by),
        expires_at=now + INVITATION_VALID,
    )
    invitation.full_clean()
    # the same offer again replaces the pending one (a new link; the old one stops working)
    Invitation.objects.filter(
        district=district,
        email__iexact=email,
        role=role,
        municipality=municipality,
        measure_lineage=measure_lineage,
        accepted_at__isnull=True,
    ).delete()
    invitation.save()
    record_change(
        by=by, district=district, action="invite", obj=invitation, changes={"email": ("", email), "role": ("", role)}
    )
    link = f"{settings.KREISKURS_BASE_URL}{reverse('accounts:invitation', args=[token])}"
    send_mail(
        subject=_("Einladung zu Kreiskurs %(district)s") % {"district": district.display_name},
        body=_(
            "Guten Tag,\n\n%(by)s lädt Sie ein, im %(district)s auf Kreiskurs mitzuarbeiten, "
            "in der Rolle „%(role)s“.\n\nÜber diesen Link melden Sie sich an oder legen ein Konto an und nehmen "
            "die Einladung an (einmal verwendbar, gültig bis %(until)s):\n\n%(link)s\n\n"
            "Wenn Sie die Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.\n"
        )
        % {
            "by": str(by) if invitation.invited_by else _("Das Strategieteam"),
            "district": district.display_name,
            "role": _role_label(role),
            "until": timezone.localtime(invitation.expires_at).strftime("%d.%m.%Y"),
            "link": link,
        },
        to=[email],
    )
    return invitation


def open_invitation(token: str, *, now: dt.datetime | None = None) -> Invitation:
    """The invitation this token opens; refused when unknown, used or expired."""
    invitation = (
        Invitation.objects.select_related("district", "municipality").filter(token_hash=token_hash(token)).first()
    )
    if invitation is None or invitation.accepted_at is not None:
        raise ValidationError(_("Diese Einladung ist ungültig oder wurde schon angenommen."))
    if invitation.expires_at <= (now or timezone.now()):
        raise ValidationError(_("Diese Einladung ist abgelaufen. Bitte bitten Sie das Strategieteam um eine neue."))
    return invitation


@transaction.atomic
def accept_invitation(*, user: User, token: str, now: dt.datetime | None = None) -> Membership:
    """Give ``user`` the invited role; the invitation is used up.

    An account whose address is the invited one has proved it owns the
    address, so that address counts as confirmed from now on.
    """
    now = now or timezone.now()
    invitation = open_invitation(token, now=now)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    held = Membership.objects.filter(
        user=user,
        district=invitation.district,
        role=invitation.role,
        municipality=invitation.municipality,
        measure_lineage=invitation.measure_lineage,
    ).first()
    membership = held or grant_role(
        by=invitation.invited_by,
        district=invitation.district,
        user=user,
        role=invitation.role,
        municipality=invitation.municipality,
        measure_lineage=invitation.measure_lineage,
    )
    invitation.accepted_at = now
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record_change(
        by=user,
        district=invitation.district,
        action="accept_invitation",
        obj=invitation,
        changes={"accepted_by": ("", user.username)},
    )
    if user.email.lower() == invitation.email.lower() and user.email_confirmed_at is None:
        user.email_confirmed_at = now
        user.save(update_fields=["email_confirmed_at"])
    return membership


@transaction.atomic
def revoke_invitation(*, by: Actor, invitation: Invitation) -> None:
    """Withdraw a pending invitation: its link stops working."""
    record_change(
        by=by,
        district=invitation.district,
        action="revoke_invitation",
        obj=invitation,
        changes={"email": (invitation.email, ""), "role": (invitation.role, "")},
    )
    invitation.delete()
