"""Versioned strategy elements: values, fields of action, goals, criteria."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.territory.models import District

from .versions import StrategyVersion


class VersionedElement(models.Model):
    """Base of every element that belongs to one strategy version.

    ``lineage`` is the element's identity across versions: a revision copies
    the row with the same lineage, and comparisons match on it.
    ``revision`` counts saves for optimistic concurrency.
    """

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(StrategyVersion, on_delete=models.PROTECT, related_name="+")
    lineage = models.UUIDField(default=uuid.uuid4, editable=False)
    revision = models.PositiveIntegerField(default=1, editable=False)

    #: fields shown in comparisons and the audit log, in this order
    compared_fields: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def compared_values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.compared_fields}


class Value(VersionedElement):
    """A value (Wert) the strategy stands for."""

    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    compared_fields = ("title", "description")

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("Wert")
        verbose_name_plural = _("Werte")
        constraints = [models.UniqueConstraint(fields=["version", "lineage"], name="value_lineage_unique")]

    def __str__(self) -> str:
        return self.title


class FieldOfAction(VersionedElement):
    """A field of action (Handlungsfeld). Data, not code."""

    code = models.CharField(_("Kürzel"), max_length=20)
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    compared_fields = ("code", "title", "description")

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")
        constraints = [
            models.UniqueConstraint(fields=["version", "lineage"], name="field_lineage_unique"),
            models.UniqueConstraint(
                fields=["version", "code"],
                name="field_code_unique",
                violation_error_message=_("Dieses Kürzel ist in der Version schon vergeben."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Goal(VersionedElement):
    """A strategic goal; sub-goals point to their parent."""

    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("Oberziel")
    )
    field = models.ForeignKey(
        FieldOfAction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("Handlungsfeld"),
    )
    code = models.CharField(_("Kürzel"), max_length=20)
    title = models.CharField(_("Titel"), max_length=300)
    description = models.TextField(_("Beschreibung"), blank=True)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    findings = models.ManyToManyField(
        "strategy.SwotItem",
        blank=True,
        related_name="goals",
        verbose_name=_("Antwort auf Befunde der Ausgangslage"),
    )

    compared_fields = ("code", "title", "description", "parent", "field", "findings")

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("Ziel")
        verbose_name_plural = _("Ziele")
        constraints = [
            models.UniqueConstraint(fields=["version", "lineage"], name="goal_lineage_unique"),
            models.UniqueConstraint(
                fields=["version", "code"],
                name="goal_code_unique",
                violation_error_message=_("Dieses Kürzel ist in der Version schon vergeben."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Criterion(VersionedElement):
    """A selection criterion for measures: knock-out (pass/fail) or scored 0–5."""

    class Kind(models.TextChoices):
        KNOCKOUT = "knockout", _("Ausschlusskriterium")
        SCORED = "scored", _("Bewertungskriterium (0–5)")

    title = models.CharField(_("Titel"), max_length=200)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.SCORED)
    description = models.TextField(_("Beschreibung"), blank=True)
    weight = models.PositiveSmallIntegerField(_("Gewicht"), default=1)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    compared_fields = ("title", "kind", "description", "weight")

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("Kriterium")
        verbose_name_plural = _("Kriterien")
        constraints = [models.UniqueConstraint(fields=["version", "lineage"], name="criterion_lineage_unique")]

    def __str__(self) -> str:
        return self.title
