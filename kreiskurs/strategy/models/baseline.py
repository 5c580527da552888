"""The baseline (Ausgangslage) of a strategy version: sections per field of action and a SWOT.

Versioned like goals and fields (decision 0002): each version owns its rows,
a revision copies them with the same lineage, and only a draft is edited.
The key figures shown beside the text (territory, indicator baselines,
maturity) are not stored here: they are read live from their apps.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .elements import FieldOfAction, VersionedElement


class BaselineSection(VersionedElement):
    """A section of the baseline: the status quo of one field of action (or of the whole district)."""

    field = models.ForeignKey(
        FieldOfAction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="baseline_sections",
        verbose_name=_("Handlungsfeld"),
        help_text=_("Leer lassen für einen Abschnitt über den ganzen Kreis."),
    )
    title = models.CharField(_("Überschrift"), max_length=200)
    text = models.TextField(_("Text"), blank=True, help_text=_("Markdown: Absätze, Listen, Links, Tabellen."))
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    compared_fields = ("title", "text", "field")

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("Abschnitt der Ausgangslage")
        verbose_name_plural = _("Abschnitte der Ausgangslage")
        constraints = [models.UniqueConstraint(fields=["version", "lineage"], name="baseline_section_lineage_unique")]

    def __str__(self) -> str:
        return self.title


class SwotItem(VersionedElement):
    """A finding of the baseline: a strength, weakness, opportunity or threat (SWOT).

    It names the fields of action it concerns; goals name the findings they
    answer (``Goal.findings``)."""

    class Kind(models.TextChoices):
        STRENGTH = "strength", _("Stärke")
        WEAKNESS = "weakness", _("Schwäche")
        OPPORTUNITY = "opportunity", _("Chance")
        THREAT = "threat", _("Risiko")

    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    text = models.CharField(_("Befund"), max_length=300)
    explanation = models.TextField(_("Erläuterung"), blank=True)
    fields_of_action = models.ManyToManyField(
        FieldOfAction, blank=True, related_name="swot_items", verbose_name=_("Handlungsfelder")
    )
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    compared_fields = ("kind", "text", "explanation", "fields_of_action")

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("SWOT-Befund")
        verbose_name_plural = _("SWOT-Befunde")
        constraints = [models.UniqueConstraint(fields=["version", "lineage"], name="swot_item_lineage_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text}"
