"""The mandate of a district's strategy work and the time plan of its cycle.

Not versioned: the mandate and the dates describe the process of making and
living the strategy, not its content (see docs/cycle.md).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kreiskurs.actors.models import Body
from kreiskurs.choices import label
from kreiskurs.territory.models import District


class Mandate(models.Model):
    """The decision of the Kreistag or Kreisausschuss that commissions the strategy (Auftrag)."""

    class Council(models.TextChoices):
        KREISTAG = "kreistag", _("Kreistag")
        KREISAUSSCHUSS = "kreisausschuss", _("Kreisausschuss")

    district = models.OneToOneField(District, on_delete=models.PROTECT, related_name="mandate")
    council = models.CharField(_("Gremium"), max_length=20, choices=Council.choices, default=Council.KREISTAG)
    date = models.DateField(_("Beschlussdatum"))
    reference = models.CharField(_("Drucksache / Beschlussnummer"), max_length=100)
    url = models.URLField(_("Link (z. B. OParl-Vorlage)"), blank=True)
    summary = models.TextField(_("Auftrag"), blank=True, help_text=_("Was der Beschluss in Auftrag gibt."))
    lead_unit = models.CharField(_("Federführung"), max_length=200, blank=True)
    bodies = models.ManyToManyField(
        Body,
        blank=True,
        related_name="+",
        verbose_name=_("Gremien der Projektorganisation"),
        help_text=_("Lenkungskreis, Beiräte, Arbeitsgruppen aus dem Akteursregister."),
    )
    revision = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("Auftrag")
        verbose_name_plural = _("Aufträge")

    def __str__(self) -> str:
        return f"{self.get_council_display()}, {self.date:%d.%m.%Y}, {self.reference}"

    def clean(self) -> None:
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("Das Beschlussdatum kann nicht in der Zukunft liegen.")})


class StageKind(models.TextChoices):
    """The stages of a strategy cycle, in their order."""

    PREPARATION = "preparation", _("Vorbereitung")
    BASELINE = "baseline", _("Ausgangslage")
    VISION = "vision", _("Zielbild")
    FIELDS = "fields", _("Handlungsfelder")
    MEASURES = "measures", _("Maßnahmen")
    ADOPTION = "adoption", _("Beschluss")
    IMPLEMENTATION = "implementation", _("Umsetzung")
    EVALUATION = "evaluation", _("Evaluation")
    UPDATE = "update", _("Fortschreibung")


#: a stage's place in the cycle (1-based)
STAGE_ORDER = {kind: n for n, kind in enumerate(StageKind.values, start=1)}


class Stage(models.Model):
    """One stage of the district's cycle with its planned and actual dates."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("Phase"), max_length=20, choices=StageKind.choices)
    planned_start = models.DateField(_("geplanter Beginn"), null=True, blank=True)
    planned_end = models.DateField(_("geplantes Ende"), null=True, blank=True)
    actual_start = models.DateField(_("tatsächlicher Beginn"), null=True, blank=True)
    actual_end = models.DateField(_("tatsächliches Ende"), null=True, blank=True)
    note = models.CharField(_("Anmerkung"), max_length=300, blank=True)
    revision = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("Phase des Zeitplans")
        verbose_name_plural = _("Phasen des Zeitplans")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "kind"],
                name="cycle_stage_unique",
                violation_error_message=_("Diese Phase steht schon im Zeitplan."),
            ),
            models.CheckConstraint(
                condition=models.Q(planned_end__isnull=True)
                | models.Q(planned_start__isnull=True)
                | models.Q(planned_end__gte=models.F("planned_start")),
                name="cycle_stage_planned_order",
                violation_error_message=_("Das geplante Ende liegt vor dem geplanten Beginn."),
            ),
            models.CheckConstraint(
                condition=models.Q(actual_end__isnull=True)
                | (models.Q(actual_start__isnull=False) & models.Q(actual_end__gte=models.F("actual_start"))),
                name="cycle_stage_actual_order",
                violation_error_message=_("Das tatsächliche Ende braucht einen Beginn und liegt nicht davor."),
            ),
        ]

    def __str__(self) -> str:
        return self.kind_label

    @property
    def kind_label(self) -> str:
        return label(StageKind, self.kind)

    @property
    def position(self) -> int:
        return STAGE_ORDER[self.kind]
