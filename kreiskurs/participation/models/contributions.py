"""Ideas, comments (on ideas and on draft paragraphs), support, ratings and abuse reports."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.actors.models import ActorGroup
from kreiskurs.territory.models import District, Municipality

from .participants import Participant
from .processes import Process

_M = TypeVar("_M", bound="Moderated")


class Visibility(models.TextChoices):
    """Moderation state of anything participants write."""

    PENDING = "pending", _("wartet auf Freigabe")
    VISIBLE = "visible", _("sichtbar")
    HIDDEN = "hidden", _("ausgeblendet")


def visible_condition(prefix: str = "") -> models.Q:
    """Released by moderation (or never held); ``prefix`` reaches the rows through a relation, e.g. ``"comments__"``."""
    return models.Q(**{f"{prefix}visibility": Visibility.VISIBLE})


class ModeratedQuerySet(models.QuerySet[_M]):
    """Which contributions may be shown to whom: the one place for this rule (see docs/participation.md)."""

    def visible(self) -> ModeratedQuerySet[_M]:
        """Released by moderation, whatever the process (counts on pages of a process already shown)."""
        return self.filter(visible_condition())

    def hidden(self) -> ModeratedQuerySet[_M]:
        """Moderated out: their text is shown nowhere (only the public reason, where a page lists them)."""
        return self.filter(visibility=Visibility.HIDDEN)

    def pending(self) -> ModeratedQuerySet[_M]:
        """Waiting for a moderator (the moderation queue)."""
        return self.filter(visibility=Visibility.PENDING)

    def public(self) -> ModeratedQuerySet[_M]:
        """What anyone may read anywhere: visible contributions of published processes."""
        return self.visible().filter(process__published=True)

    def visible_to(self, user: Any, participant: Participant | None = None) -> ModeratedQuerySet[_M]:
        """What a process's pages list to ``user`` acting as ``participant``.

        Visible and hidden contributions (a hidden one shows its public reason instead of its text) of
        the processes ``user`` may see (``Process.objects.visible_to``), plus the participant's own
        contributions waiting for moderation. Pending contributions of others are not listed here, not
        even to moderators: they release them in the moderation queue (``pending``).
        """
        shown = models.Q(visibility__in=[Visibility.VISIBLE, Visibility.HIDDEN])
        if participant is not None:
            shown |= models.Q(visibility=Visibility.PENDING, author=participant)
        return self.filter(shown, process__in=Process.objects.visible_to(user))


class Moderated(models.Model):
    """Shared by everything participants write: author, moderation state, the public reason for hiding."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    visibility = models.CharField(
        _("Sichtbarkeit"), max_length=10, choices=Visibility.choices, default=Visibility.VISIBLE
    )
    hidden_reason = models.CharField(_("Grund der Ausblendung"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ModeratedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def author_label(self) -> str:
        return self.author.display_name if self.author_id and self.author else str(_("gelöschte Person"))


class IdeaStatus(models.TextChoices):
    NEW = "new", _("neu")
    IN_REVIEW = "in_review", _("in Prüfung")
    TAKEN = "taken", _("in Maßnahme aufgenommen")
    MERGED = "merged", _("mit anderer Idee zusammengeführt")
    DECLINED = "declined", _("nicht aufgegriffen")


class Idea(Moderated):
    """An idea or proposal; its public status says what became of it."""

    title = models.CharField(_("Titel"), max_length=200)
    text = models.TextField(_("Beschreibung"))
    field_lineage = models.UUIDField(_("Handlungsfeld"), null=True, blank=True)
    goal_lineage = models.UUIDField(_("Ziel"), null=True, blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("Gemeinde")
    )
    actor_group = models.ForeignKey(
        ActorGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Akteursgruppe"),
    )
    event = models.ForeignKey(
        "Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("aus der Werkstatt"),
    )
    status = models.CharField(_("Status"), max_length=10, choices=IdeaStatus.choices, default=IdeaStatus.NEW)
    status_reason = models.TextField(_("Begründung des Status"), blank=True)
    measure_lineage = models.UUIDField(null=True, blank=True, db_index=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("zusammengeführt mit"),
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Idee")
        verbose_name_plural = _("Ideen")

    def __str__(self) -> str:
        return self.title


class Support(models.Model):
    """One participant supports one idea (at most once)."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "participant"], name="support_once")]

    def __str__(self) -> str:
        return f"{self.participant} → {self.idea}"


class Comment(Moderated):
    """A comment on an idea or on one paragraph of a draft; replies are one level deep."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, null=True, blank=True, related_name="comments")
    paragraph = models.CharField(max_length=80, blank=True, db_index=True)  # e.g. "vision:2", "goal:<lineage>"
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    text = models.TextField(_("Kommentar"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("Kommentar")
        verbose_name_plural = _("Kommentare")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(idea__isnull=False) & models.Q(paragraph=""))
                | (models.Q(idea__isnull=True) & ~models.Q(paragraph="")),
                name="comment_on_idea_or_paragraph",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class MeasureRating(models.Model):
    """How important a participant finds a measure of the process's version (1–5), for prioritisation."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    measure_lineage = models.UUIDField()
    value = models.PositiveSmallIntegerField(_("Priorität (1–5)"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["process", "participant", "measure_lineage"], name="rating_once"),
            models.CheckConstraint(condition=models.Q(value__gte=1, value__lte=5), name="rating_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.measure_lineage}: {self.value}"


class AbuseReport(models.Model):
    """Someone flags an idea, comment or statement for the moderators."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10)  # idea / comment / statement
    object_id = models.PositiveBigIntegerField()
    reason = models.CharField(_("Was ist das Problem?"), max_length=500)
    reporter = models.ForeignKey(Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("Meldung")
        verbose_name_plural = _("Meldungen")

    def __str__(self) -> str:
        # read by people in the audit log: "Meldung zu Kommentar 3", not "comment 3"
        kinds = {"idea": _("Idee"), "comment": _("Kommentar"), "statement": _("These")}
        return _("Meldung zu %(kind)s %(id)s") % {"kind": kinds.get(self.kind, self.kind), "id": self.object_id}
