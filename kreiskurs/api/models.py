"""Write tokens of the API: scoped, revocable, stored only as a hash (see docs/api.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.territory.models import District, Municipality


class ApiToken(models.Model):
    """A secret that lets a system write measurements of one municipality, or status reports of one measure.

    The secret is shown once when the token is created; only its SHA-256
    digest is kept. A revoked token answers 401 like an unknown one.
    """

    class Scope(models.TextChoices):
        MUNICIPALITY = "municipality", _("Messwerte einer Gemeinde")
        MEASURE = "measure", _("Statusberichte einer Maßnahme")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("Bezeichnung"), max_length=100)
    scope = models.CharField(_("Berechtigung"), max_length=20, choices=Scope.choices)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Gemeinde")
    )
    measure_lineage = models.UUIDField(_("Maßnahme (Identität)"), null=True, blank=True)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("Anfang"), max_length=12, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("zuletzt benutzt"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Schnittstellen-Schlüssel")
        verbose_name_plural = _("Schnittstellen-Schlüssel")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(scope="municipality") & models.Q(municipality__isnull=False))
                | (models.Q(scope="measure") & models.Q(measure_lineage__isnull=False)),
                name="api_token_scope_has_target",
                violation_error_message=_("Ein Schlüssel gilt für eine Gemeinde oder eine Maßnahme."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
