"""Who follows which measure, goal or process of a district."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.territory.models import District


class Kind(models.TextChoices):
    MEASURE = "measure", _("Maßnahme")
    GOAL = "goal", _("Ziel")
    PROCESS = "process", _("Beteiligungsverfahren")


class Follow(models.Model):
    """A user follows one thing and hears of its changes by e-mail.

    ``key`` names the thing across versions: the lineage of a measure or goal
    (so a follow survives revisions), the id of a process.
    """

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    key = models.CharField(max_length=64)
    title = models.CharField(_("Titel"), max_length=300, help_text=_("Wie es hieß, als die Person ihm folgte."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("Abonnement")
        verbose_name_plural = _("Abonnements")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "key"],
                name="follow_once_per_thing",
                violation_error_message=_("Sie folgen dem bereits."),
            ),
        ]
        indexes = [models.Index(fields=["kind", "key"], name="follow_followers_idx")]

    def __str__(self) -> str:
        return f"{self.user} → {self.get_kind_display()} {self.title}"
