"""What the text analysis keeps per process: the stored index and themes, suggested duplicates, field assignments.

The algorithms are plain Python in ``participation.textanalysis``; these rows are what the back office reads
(see docs/text-analysis.md, "In the platform").
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.territory.models import District

from .contributions import Comment, Idea
from .processes import Process


class TextAnalysis(models.Model):
    """The latest analysis run of a process's ideas: the index to continue from, the themes, whether it is stale.

    ``stale`` is set by every new or changed contribution and cleared by the run that reads them; a run is
    queued only while none is waiting (debounced per process).
    """

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    process = models.OneToOneField(Process, on_delete=models.CASCADE, related_name="text_analysis")
    #: ``TextIndex.state()`` (compressed): continued by the next run instead of starting over
    index_state = models.BinaryField(blank=True, default=b"")
    #: idea id (as text) → fingerprint of the text indexed, to see what was added, changed or removed
    indexed = models.JSONField(default=dict, blank=True)
    #: the comments' own index (``TextIndex.state()``) and comment id (as text) → fingerprint, as for ideas
    comment_state = models.BinaryField(blank=True, default=b"")
    comments_indexed = models.JSONField(default=dict, blank=True)
    #: ``[{"label", "keywords", "members": [idea ids]}]``, largest first
    themes = models.JSONField(default=list, blank=True)
    stale = models.BooleanField(default=True)
    job = models.ForeignKey("core.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    analysed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Textanalyse")
        verbose_name_plural = _("Textanalysen")

    def __str__(self) -> str:
        return str(_("Textanalyse zu %(p)s") % {"p": self.process_id})


class SuggestionState(models.TextChoices):
    OPEN = "open", _("offen")
    MERGED = "merged", _("zusammengeführt")
    DISMISSED = "dismissed", _("keine Dublette")


class PairOfContributions(models.Model):
    """Two contributions of a process that read alike: ``second`` (the newer) may repeat ``first``.

    One row per pair, whatever its state: a pair decided not to be a repetition is not suggested
    again. The concrete models name the contributions and the decisions.
    """

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("Ähnlichkeit"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    #: the two contributions (foreign keys of the concrete model)
    first: Any
    second: Any
    first_id: int
    second_id: int

    class Meta:
        abstract = True
        ordering = ["-score", "pk"]

    def __str__(self) -> str:
        return f"{self.second_id} ~ {self.first_id} ({self.score:.2f})"

    @property
    def pair(self) -> tuple[Any, Any]:
        """Side by side: the earlier contribution, then the one that may repeat it."""
        return self.first, self.second


class DuplicateSuggestion(PairOfContributions):
    """Two ideas that read alike; a confirmed pair is merged."""

    first = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(
        _("Entscheidung"), max_length=10, choices=SuggestionState.choices, default=SuggestionState.OPEN
    )

    class Meta(PairOfContributions.Meta):
        verbose_name = _("mögliche Dublette")
        verbose_name_plural = _("mögliche Dubletten")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="duplicate_pair_once"),
            models.CheckConstraint(condition=models.Q(first__lt=models.F("second")), name="duplicate_pair_ordered"),
        ]


class CommentDuplicateState(models.TextChoices):
    OPEN = "open", _("offen")
    HIDDEN = "hidden", _("Wiederholung ausgeblendet")
    DISMISSED = "dismissed", _("keine Dublette")


class CommentDuplicate(PairOfContributions):
    """Two comments that read alike. Kept apart from ``DuplicateSuggestion`` because the decision
    differs: a repeated comment is hidden with a public reason naming the earlier one, not merged."""

    first = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(
        _("Entscheidung"), max_length=10, choices=CommentDuplicateState.choices, default=CommentDuplicateState.OPEN
    )

    class Meta(PairOfContributions.Meta):
        verbose_name = _("mögliche Wiederholung eines Kommentars")
        verbose_name_plural = _("mögliche Wiederholungen von Kommentaren")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="comment_duplicate_pair_once"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")), name="comment_duplicate_pair_ordered"
            ),
        ]


class FieldAssignment(models.Model):
    """Staff confirmed or corrected the field of action and goal of an idea; kept as an example for later suggestions.

    Every assignment is kept (who, when, what was suggested), the latest per idea is what the idea carries.
    """

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="field_assignments")
    #: the text the example teaches with (title and description at the time)
    text = models.TextField()
    field_lineage = models.UUIDField(_("Handlungsfeld"), null=True, blank=True)
    goal_lineage = models.UUIDField(_("Ziel"), null=True, blank=True)
    suggested_field_lineage = models.UUIDField(null=True, blank=True)
    suggested_goal_lineage = models.UUIDField(null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assigned_at", "-pk"]
        verbose_name = _("Zuordnung einer Idee")
        verbose_name_plural = _("Zuordnungen von Ideen")

    def __str__(self) -> str:
        return f"{self.idea_id} → {self.field_lineage}"

    @property
    def corrected(self) -> bool:
        """Staff chose something other than the suggestion."""
        return (self.field_lineage, self.goal_lineage) != (self.suggested_field_lineage, self.suggested_goal_lineage)
