"""Reads of the accounts app: where a user starts after login, and a district's pending invitations."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from kreiskurs.territory.models import District

from .models import Invitation
from .rules import memberships


def only_district(user: Any) -> District | None:
    """The district of a user whose roles all lie in exactly one district (superusers: none).

    Such a user starts in that district's back office instead of a chooser with one entry.
    """
    if getattr(user, "is_superuser", False):
        return None
    ids = {m.district_id for m in memberships(user)}
    if len(ids) != 1:
        return None
    return District.objects.filter(pk__in=ids).first()


def pending_invitations(district: District) -> QuerySet[Invitation]:
    """Invitations of the district not accepted yet (expired ones too, so the team sees them), newest first."""
    return (
        Invitation.objects.filter(district=district, accepted_at__isnull=True)
        .select_related("municipality", "invited_by")
        .order_by("-created_at", "-id")
    )
