"""A municipality's own digital projects, linked to the district's goals and fields of action.

Links point to goals and fields by lineage (like indicators), so they hold
in every version of the strategy.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.territory.models import District, Municipality


class InitiativeStatus(models.TextChoices):
    IDEA = "idea", _("Idee")
    PLANNED = "planned", _("geplant")
    RUNNING = "running", _("läuft")
    DONE = "done", _("abgeschlossen")
    STOPPED = "stopped", _("eingestellt")


class LocalInitiative(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("Gemeinde")
    )
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"))
    status = models.CharField(
        _("Stand"), max_length=10, choices=InitiativeStatus.choices, default=InitiativeStatus.RUNNING
    )
    contact = models.CharField(
        _("Ansprechstelle"),
        max_length=200,
        blank=True,
        help_text=_("Eine Stelle oder Funktion (z. B. „Bürgerbüro“), keine privaten Kontaktdaten."),
    )
    link = models.URLField(_("Link"), blank=True)
    measure_lineage = models.UUIDField(null=True, blank=True, editable=False)  # proposed as this district measure
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    revision = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["municipality__name", "title"]
        verbose_name = _("Kommunaler Ansatz")
        verbose_name_plural = _("Kommunale Ansätze")

    def __str__(self) -> str:
        return f"{self.title} ({self.municipality})"


class InitiativeLink(models.Model):
    """An initiative contributes to a goal or a field of action of the district (by lineage)."""

    class Kind(models.TextChoices):
        GOAL = "goal", _("Ziel")
        FIELD = "field", _("Handlungsfeld")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    initiative = models.ForeignKey(LocalInitiative, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    lineage = models.UUIDField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["initiative", "lineage"], name="initiative_link_unique")]

    def __str__(self) -> str:
        return f"{self.initiative_id} → {self.kind} {self.lineage}"
