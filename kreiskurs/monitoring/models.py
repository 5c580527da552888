"""Indicators and measurements (DESIGN.md §3 "Monitoring").

Indicators belong to the district, not to a strategy version: the values
measured over years must survive revisions. They point to goals and measures
by lineage, so the link holds in every version.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.collation import natural
from kreiskurs.territory.models import District, Municipality
from kreiskurs.validators import validate_path_code


class Direction(models.TextChoices):
    UP = "up", _("höher ist besser")
    DOWN = "down", _("niedriger ist besser")


class Level(models.TextChoices):
    MEASURE = "measure", _("Maßnahme")
    STRATEGY = "strategy", _("Strategie")


class Scope(models.TextChoices):
    DISTRICT = "district", _("Kreis")
    MUNICIPALITY = "municipality", _("je Gemeinde")


class Indicator(models.Model):
    """What is measured, how, and where the district wants to get to."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="indicators")
    code = models.CharField(_("Kürzel"), max_length=40, validators=[validate_path_code])  # part of its URL
    name = models.CharField(_("Name"), max_length=300)
    unit = models.CharField(_("Einheit"), max_length=40, blank=True)
    description = models.TextField(_("Beschreibung (Definition)"), blank=True)
    source = models.CharField(_("Quelle"), max_length=300, blank=True)
    direction = models.CharField(_("Richtung"), max_length=4, choices=Direction.choices, default=Direction.UP)
    baseline_value = models.DecimalField(_("Ausgangswert"), max_digits=18, decimal_places=4, null=True, blank=True)
    baseline_date = models.DateField(_("Ausgangswert vom"), null=True, blank=True)
    target_value = models.DecimalField(_("Zielwert"), max_digits=18, decimal_places=4, null=True, blank=True)
    target_date = models.DateField(_("Zielwert bis"), null=True, blank=True)
    level = models.CharField(_("Ebene"), max_length=10, choices=Level.choices, default=Level.STRATEGY)
    scope = models.CharField(_("Bezug"), max_length=14, choices=Scope.choices, default=Scope.DISTRICT)
    revision = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = [natural("code")]
        verbose_name = _("Indikator")
        verbose_name_plural = _("Indikatoren")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "code"],
                name="indicator_code_unique_in_district",
                violation_error_message=_("Dieses Kürzel ist im Kreis schon vergeben."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class IndicatorLink(models.Model):
    """An indicator measures a goal or a measure (by lineage: valid in every version)."""

    class Kind(models.TextChoices):
        GOAL = "goal", _("Ziel")
        MEASURE = "measure", _("Maßnahme")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    lineage = models.UUIDField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["indicator", "lineage"], name="indicator_link_unique")]

    def __str__(self) -> str:
        return f"{self.indicator.code} → {self.kind} {self.lineage}"


class Measurement(models.Model):
    """One value of an indicator for a period — for the district or one municipality."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="measurements")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="measurements"
    )
    period = models.CharField(_("Zeitraum"), max_length=7)  # canonical: 2024, 2024-03, 2024-Q1
    period_start = models.DateField()
    value = models.DecimalField(_("Wert"), max_digits=18, decimal_places=4)
    source = models.CharField(_("Quelle"), max_length=300, blank=True)
    note = models.CharField(_("Anmerkung"), max_length=500, blank=True)

    class Meta:
        ordering = ["period_start", "period"]
        verbose_name = _("Messwert")
        verbose_name_plural = _("Messwerte")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"],
                condition=models.Q(municipality__isnull=True),
                name="measurement_unique_district_period",
            ),
            models.UniqueConstraint(
                fields=["indicator", "municipality", "period"],
                condition=models.Q(municipality__isnull=False),
                name="measurement_unique_municipality_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}: {self.value}"


class PendingUpload(models.Model):
    """An uploaded file between its preview and the confirmation that imports it.

    Kept in the database (not in the session or a worker's disk) so that any worker can import it; the
    confirmation deletes it, and uploads older than a day are removed when the next one arrives.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=20)
    filename = models.CharField(max_length=255)
    indicator_code = models.CharField(max_length=40, blank=True)
    data = models.BinaryField()

    def __str__(self) -> str:
        return self.filename
