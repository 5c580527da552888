"""Users and their roles (memberships) in districts."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.territory.models import District, Municipality


class User(AbstractUser):
    """An account. Participants need no real name: a display name suffices."""

    display_name = models.CharField(_("Anzeigename"), max_length=100, blank=True)
    #: when the current ``email`` was confirmed through the link mailed to it; empty: not (yet) confirmed
    email_confirmed_at = models.DateTimeField(_("E-Mail-Adresse bestätigt am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Konto")
        verbose_name_plural = _("Konten")

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def is_staff_anywhere(self) -> bool:
        """A role in some district, or a superuser: the frame links the back office. Reads the
        memberships the request's permission checks already loaded (``rules.memberships``), so the
        frame adds no query (issue 12)."""
        from .rules import is_staff_anywhere

        return is_staff_anywhere(self)

    @property
    def mail_address(self) -> str:
        """The address mail may go to: the e-mail address once confirmed, else empty.

        Every mail except the confirmation itself (``accounts/addresses.py``)
        is addressed through this, so an unconfirmed address receives nothing else.
        """
        return self.email if self.email and self.email_confirmed_at is not None else ""


class Role(models.TextChoices):
    STRATEGY_TEAM = "strategy_team", _("Strategieteam")
    STEERING = "steering", _("Lenkungskreis")
    MUNICIPAL_CONTACT = "municipal_contact", _("Kommunale Ansprechperson")
    MEASURE_LEAD = "measure_lead", _("Maßnahmenverantwortliche")
    MODERATOR = "moderator", _("Moderation")


class Membership(models.Model):
    """A user's role in one district.

    A municipal contact names its municipality; a measure lead names the
    measure by its stable identity (lineage), so the role survives revisions.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("Rolle"), max_length=32, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("Gemeinde")
    )
    measure_lineage = models.UUIDField(_("Maßnahme (Identität)"), null=True, blank=True)

    class Meta:
        verbose_name = _("Rolle im Kreis")
        verbose_name_plural = _("Rollen im Kreis")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="municipal_contact") | models.Q(municipality__isnull=False),
                name="membership_municipal_contact_has_municipality",
                violation_error_message=_("Eine kommunale Ansprechperson braucht eine Gemeinde."),
            ),
            models.CheckConstraint(
                condition=~models.Q(role="measure_lead") | models.Q(measure_lineage__isnull=False),
                name="membership_measure_lead_has_measure",
                violation_error_message=_("Maßnahmenverantwortliche brauchen eine Maßnahme."),
            ),
            models.UniqueConstraint(
                fields=["user", "district", "role"],
                condition=models.Q(municipality__isnull=True, measure_lineage__isnull=True),
                name="membership_role_unique",
            ),
            models.UniqueConstraint(
                fields=["user", "district", "role", "municipality"],
                condition=models.Q(municipality__isnull=False),
                name="membership_municipality_unique",
            ),
            models.UniqueConstraint(
                fields=["user", "district", "role", "measure_lineage"],
                condition=models.Q(measure_lineage__isnull=False),
                name="membership_measure_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.district})"


class RateWindow(models.Model):
    """How often one key acted in one fixed time window (``accounts/ratelimit.py``).

    The key is a keyed hash of the kind of action and an account or address,
    so neither is stored; rows older than a day are deleted. Not owned by a
    district: registration and login happen before any district is chosen.
    """

    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="accounts_rate_window_unique"),
        ]
        indexes = [models.Index(fields=["window_start"], name="accounts_rate_window_start")]

    def __str__(self) -> str:
        return f"{self.key[:8]} {self.window_start:%H:%M} {self.count}"


class Invitation(models.Model):
    """A role in a district offered to an e-mail address that has no confirmed account yet.

    Only a hash of the token is stored; the token itself is in the link mailed
    to the address. Whoever follows the link before ``expires_at`` and signs in
    (or registers) receives the role; ``accepted_at`` then marks it used.
    """

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="invitations")
    email = models.EmailField(_("E-Mail-Adresse"))
    role = models.CharField(_("Rolle"), max_length=32, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("Gemeinde")
    )
    measure_lineage = models.UUIDField(_("Maßnahme (Identität)"), null=True, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("eingeladen von")
    )
    created_at = models.DateTimeField(_("eingeladen am"), auto_now_add=True)
    expires_at = models.DateTimeField(_("gültig bis"))
    accepted_at = models.DateTimeField(_("angenommen am"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("angenommen von")
    )

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="municipal_contact") | models.Q(municipality__isnull=False),
                name="invitation_municipal_contact_has_municipality",
                violation_error_message=_("Eine kommunale Ansprechperson braucht eine Gemeinde."),
            ),
            models.CheckConstraint(
                condition=~models.Q(role="measure_lead") | models.Q(measure_lineage__isnull=False),
                name="invitation_measure_lead_has_measure",
                violation_error_message=_("Maßnahmenverantwortliche brauchen eine Maßnahme."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} – {self.get_role_display()} ({self.district})"


class ProviderIdentity(models.Model):
    """Who an account is at the installation's OpenID provider: the provider's subject (``sub``).

    The provider only says who someone is; roles stay in Kreiskurs (memberships).
    Matching by the stable ``sub`` rather than the e-mail address means a changed
    address at the provider still signs on to the same account.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="provider_identities")
    issuer = models.CharField(_("Anbieter"), max_length=300)
    subject = models.CharField(_("Kennung beim Anbieter"), max_length=255)
    linked_at = models.DateTimeField(_("verknüpft am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Anmeldung über OpenID Connect")
        verbose_name_plural = _("Anmeldungen über OpenID Connect")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"],
                name="provider_identity_unique_subject",
                violation_error_message=_("Diese Kennung des Anbieters gehört schon zu einem Konto."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.subject}"


class Session(AbstractBaseSession):
    """A browser session (Django's database session: signed-in people, pseudonymous participants) that
    names the account signed in to it, so that a request reads its session and its user in one statement
    (``accounts.sessions``, issue 12). The account's deletion deletes its sessions."""

    #: written from the session's data on every save (``sessions.SessionStore``); no database constraint:
    #: a session saved while its account is deleted stays harmless (the read finds no user)
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, db_constraint=False, related_name="+"
    )

    class Meta(AbstractBaseSession.Meta):  # type: ignore[name-defined]
        db_table = "accounts_session"
        verbose_name = _("Sitzung")
        verbose_name_plural = _("Sitzungen")

    @classmethod
    def get_session_store_class(cls) -> Any:
        from .sessions import SessionStore

        return SessionStore
