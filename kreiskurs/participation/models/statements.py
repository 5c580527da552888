"""Statements for opinion maps and the votes on them (agree / disagree / pass)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.territory.models import District

from .contributions import Moderated
from .participants import Participant


class Statement(Moderated):
    """A short thesis participants vote on; written by staff (``author`` empty) or by participants."""

    text = models.TextField(_("These"))
    external_id = models.CharField(max_length=64, blank=True, editable=False)  # the Polis comment-id
    by_staff = models.BooleanField(default=False, editable=False)
    # running counts of the votes, kept by the vote services in the vote's transaction (issue 12):
    # a page shows them without counting votes; ``services.statements.recount_votes`` rebuilds them
    agree_count = models.PositiveIntegerField(default=0, editable=False)
    disagree_count = models.PositiveIntegerField(default=0, editable=False)
    pass_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("These")
        verbose_name_plural = _("Thesen")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "external_id"],
                condition=~models.Q(external_id=""),
                name="statement_external_id_unique",
            ),
        ]
        indexes = [
            # the statements page as visitors read it: readable ones, visible before hidden, in the order
            # of writing, cut by LIMIT/OFFSET along the index; counts by visibility from the index alone
            models.Index(fields=["process", "-visibility", "id"], name="statement_page"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Vote(models.IntegerChoices):
    AGREE = 1, _("stimme zu")
    DISAGREE = -1, _("stimme nicht zu")
    PASS = 0, _("weiß nicht / überspringen")


#: the field of ``Statement`` that counts each vote value
COUNT_FIELDS = {Vote.AGREE: "agree_count", Vote.DISAGREE: "disagree_count", Vote.PASS: "pass_count"}


class StatementVote(models.Model):
    """One participant's vote on one statement; the database keeps it to one, changing it replaces it."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    vote = models.SmallIntegerField(_("Stimme"), choices=Vote.choices)
    voted_at = models.DateTimeField()

    class Meta:
        verbose_name = _("Stimme")
        verbose_name_plural = _("Stimmen")
        constraints = [
            models.UniqueConstraint(fields=["statement", "participant"], name="one_vote_per_statement"),
            models.CheckConstraint(condition=models.Q(vote__in=[-1, 0, 1]), name="vote_value"),
        ]
        indexes = [models.Index(fields=["statement", "vote"], name="vote_statement_value")]

    def __str__(self) -> str:
        return f"{self.participant_id} {self.statement_id} {self.vote}"
