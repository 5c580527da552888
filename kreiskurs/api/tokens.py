"""Write tokens: creating, revoking, recognising and auditing their use.

Tokens are ``kk_`` plus 43 URL-safe characters (256 bits); the database keeps
the SHA-256 digest, so a leaked table reveals no usable token. Who may create
which token is in ``rules.py`` and docs/permissions.md.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kreiskurs.accounts.types import account_of
from kreiskurs.audit.labels import register_action_labels
from kreiskurs.audit.services import record_change
from kreiskurs.territory.models import District, Municipality

from .models import ApiToken
from .rules import may_create_token

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor

PREFIX = "kk_"

register_action_labels(
    {
        "create_api_token": gettext_lazy("Schnittstellen-Schlüssel erstellt"),
        "revoke_api_token": gettext_lazy("Schnittstellen-Schlüssel widerrufen"),
        "api_token_use": gettext_lazy("Schnittstellen-Schlüssel benutzt"),
        "api_token_refused": gettext_lazy("Schnittstellen-Schlüssel abgewiesen"),
    }
)


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_token(
    *,
    by: Actor,
    district: District,
    name: str,
    municipality: Municipality | None = None,
    measure_lineage: uuid.UUID | None = None,
) -> tuple[ApiToken, str]:
    """A new token for one municipality's measurements or one measure's status reports; returns it and its secret.

    The secret is returned only here: it is not stored and cannot be shown again.
    """
    scope = ApiToken.Scope.MUNICIPALITY if municipality is not None else ApiToken.Scope.MEASURE
    if not may_create_token(by, district, municipality=municipality, measure_lineage=measure_lineage):
        raise PermissionDenied(_("Diesen Schlüssel dürfen Sie nicht erstellen."))
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        district=district,
        name=name,
        scope=scope,
        municipality=municipality,
        measure_lineage=measure_lineage,
        digest=digest_of(secret),
        prefix=secret[:10],
        created_by=account_of(by),
    )
    token.full_clean(exclude=["digest"])
    token.save()
    record_change(by=by, district=district, action="create_api_token", obj=token, changes={"scope": ("", scope)})
    return token, secret


@transaction.atomic
def revoke_token(*, by: Actor, token: ApiToken) -> ApiToken:
    """Revoke at once: the next request with the token answers 401."""
    if not may_create_token(by, token.district, municipality=token.municipality, measure_lineage=token.measure_lineage):
        raise PermissionDenied(_("Diesen Schlüssel dürfen Sie nicht widerrufen."))
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record_change(by=by, district=token.district, action="revoke_api_token", obj=token)
    return token


def token_for(secret: str) -> ApiToken | None:
    """The active token with this secret, or None (unknown and revoked alike)."""
    if not secret.startswith(PREFIX):
        return None
    return (
        ApiToken.objects.select_related("district", "municipality", "created_by")
        .filter(digest=digest_of(secret), revoked_at__isnull=True)
        .first()
    )


def record_use(*, token: ApiToken, endpoint: str, status: int, detail: str = "") -> None:
    """Every request a token authenticates leaves an audit entry, accepted or refused (its own transaction)."""
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        record_change(
            by=token.created_by,
            district=token.district,
            action="api_token_use" if status < 400 else "api_token_refused",
            obj=token,
            changes={
                "endpoint": ("", endpoint),
                "status": ("", status),
                **({"detail": ("", detail)} if detail else {}),
            },
        )
