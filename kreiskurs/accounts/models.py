"""Users and their roles (memberships) in districts."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.territory.models import District, Municipality


class User(AbstractUser):
    """An account. Participants need no real name: a display name suffices."""

    display_name = models.CharField(_("Anzeigename"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("Konto")
        verbose_name_plural = _("Konten")

    def __str__(self) -> str:
        return self.display_name or self.username


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
