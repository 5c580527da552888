"""Existing strategies of the district and region, and how our goals align."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.territory.models import District

from .elements import Goal


class ExistingStrategy(models.Model):
    """A strategy the district already has (Kreisentwicklungskonzept, …)."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="existing_strategies")
    title = models.CharField(_("Titel"), max_length=300)
    owner = models.CharField(_("Herausgeber"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("Jahr"), null=True, blank=True)
    url = models.URLField(_("Link"), blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    revision = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["title"]
        verbose_name = _("Bestehende Strategie")
        verbose_name_plural = _("Bestehende Strategien")

    def __str__(self) -> str:
        return self.title


class ExistingGoal(models.Model):
    """A goal of an existing strategy."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    strategy = models.ForeignKey(ExistingStrategy, on_delete=models.PROTECT, related_name="goals")
    code = models.CharField(_("Kürzel"), max_length=20, blank=True)
    title = models.CharField(_("Titel"), max_length=300)
    revision = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["strategy__title", "code", "id"]
        verbose_name = _("Ziel einer bestehenden Strategie")
        verbose_name_plural = _("Ziele bestehender Strategien")

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()


class Alignment(models.Model):
    """How one of our goals relates to an existing strategy's goal."""

    class Kind(models.TextChoices):
        SUPPORTS = "supports", _("unterstützt")
        OVERLAPS = "overlaps", _("überschneidet sich")
        CONFLICTS = "conflicts", _("steht im Konflikt")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="alignments")
    # PROTECT: alignments of adopted versions must not vanish with a registry row
    existing_goal = models.ForeignKey(ExistingGoal, on_delete=models.PROTECT, related_name="alignments")
    kind = models.CharField(_("Beziehung"), max_length=20, choices=Kind.choices)
    note = models.CharField(_("Anmerkung"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Abgleich")
        verbose_name_plural = _("Abgleiche")
        constraints = [models.UniqueConstraint(fields=["goal", "existing_goal"], name="alignment_unique")]

    def __str__(self) -> str:
        return f"{self.goal.code} {self.get_kind_display()} {self.existing_goal}"
