"""The team's response to a contribution of a consultation (Abwägung)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.strategy.models import StrategyVersion
from kreiskurs.territory.models import District

from .contributions import Comment, Idea
from .processes import Process


class Decision(models.TextChoices):
    ADOPTED = "adopted", _("übernommen")
    PARTLY = "partly", _("teilweise übernommen")
    REJECTED = "rejected", _("nicht übernommen")
    NOTED = "noted", _("zur Kenntnis genommen")


class Consideration(models.Model):
    """How the team weighed one comment or idea, and why; where it led to a change, which element.

    One row per contribution (a comment *or* an idea, enforced by the database). The change is named by
    ``change_key`` in the paragraph keys of draft commenting (``measure:<lineage>``, ``vision:2``) of
    ``change_version``, so it links to the element of the new version and its place in the comparison.
    """

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="considerations")
    comment = models.OneToOneField(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="consideration"
    )
    idea = models.OneToOneField(Idea, on_delete=models.CASCADE, null=True, blank=True, related_name="consideration")
    decision = models.CharField(_("Entscheidung"), max_length=10, choices=Decision.choices)
    reason = models.TextField(_("Begründung"))
    change_version = models.ForeignKey(
        StrategyVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geändert in Version"),
    )
    change_key = models.CharField(_("Geänderte Stelle"), max_length=80, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(_("beantwortet am"))
    revision = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["responded_at", "id"]
        verbose_name = _("Abwägung")
        verbose_name_plural = _("Abwägungen")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(comment__isnull=False) & models.Q(idea__isnull=True))
                | (models.Q(comment__isnull=True) & models.Q(idea__isnull=False)),
                name="consideration_of_comment_or_idea",
                violation_error_message=_("Eine Abwägung gehört zu genau einem Kommentar oder einer Idee."),
            ),
            models.CheckConstraint(
                condition=models.Q(change_key="") | models.Q(change_version__isnull=False),
                name="consideration_change_names_version",
                violation_error_message=_("Eine geänderte Stelle gehört zu einer Version."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.reason[:60]}"
