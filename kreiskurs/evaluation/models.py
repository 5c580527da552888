"""Evaluation rounds, their assessments, and the change proposals that come out of them.

A round evaluates one adopted version over a period. Assessments point to
goals, fields of action and measures by lineage (like indicators), so the
round stays readable after revisions; change proposals name the draft they
were applied to, which makes the trail evaluation → proposal → comparison →
adoption visible.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.strategy.models import StrategyVersion
from kreiskurs.territory.models import District

from . import suggestions


class Rating(models.TextChoices):
    ACHIEVED = suggestions.ACHIEVED, _("erreicht")
    ON_TRACK = suggestions.ON_TRACK, _("im Plan")
    AT_RISK = suggestions.AT_RISK, _("gefährdet")
    OFF_TRACK = suggestions.OFF_TRACK, _("nicht im Plan")
    NOT_ASSESSABLE = suggestions.NOT_ASSESSABLE, _("nicht bewertbar")


class ElementKind(models.TextChoices):
    GOAL = "goal", _("Ziel")
    FIELD = "field", _("Handlungsfeld")
    MEASURE = "measure", _("Maßnahme")


class EvaluationRound(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("in Bearbeitung")
        PUBLISHED = "published", _("veröffentlicht")
        CLOSED = "closed", _("mit dem Beschluss einer neuen Version ohne Bericht beendet")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(
        StrategyVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("bewertete Version")
    )
    title = models.CharField(_("Titel"), max_length=200)
    period_start = models.DateField(_("Zeitraum von"))
    period_end = models.DateField(_("Zeitraum bis"))
    state = models.CharField(_("Status"), max_length=10, choices=State.choices, default=State.OPEN)
    findings = models.TextField(_("Ergebnisse und Erkenntnisse"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    revision = models.PositiveIntegerField(default=1, editable=False)
    #: figures of the period as published (participation counts over every vote of the period are
    #: counted once, when the round is published, not on every view of the report)
    figures = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-period_end", "-id"]
        verbose_name = _("Evaluationsrunde")
        verbose_name_plural = _("Evaluationsrunden")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="evaluation_period_end_after_start",
                violation_error_message=_("Das Ende des Zeitraums liegt vor seinem Beginn."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN


class Assessment(models.Model):
    """How one goal, field of action or measure fared in a round."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="assessments")
    kind = models.CharField(max_length=10, choices=ElementKind.choices)
    lineage = models.UUIDField()
    rating = models.CharField(_("Bewertung"), max_length=20, choices=Rating.choices)
    suggested = models.CharField(_("Vorschlag"), max_length=20, choices=Rating.choices)
    basis = models.CharField(_("Grundlage des Vorschlags"), max_length=500, blank=True)
    rationale = models.TextField(_("Begründung"), blank=True)
    confirmed = models.BooleanField(_("geprüft"), default=False)
    revision = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("Bewertung")
        verbose_name_plural = _("Bewertungen")
        constraints = [
            models.UniqueConstraint(fields=["round", "lineage"], name="assessment_unique_per_round"),
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.kind} {self.get_rating_display()}"


class ChangeProposal(models.Model):
    """A change to the strategy that an evaluation finding calls for."""

    class Action(models.TextChoices):
        CHANGE = "change", _("ändern")
        RETIRE = "retire", _("streichen")
        NEW_MEASURE = "new_measure", _("neue Maßnahme aufnehmen")

    class State(models.TextChoices):
        PROPOSED = "proposed", _("vorgeschlagen")
        ACCEPTED = "accepted", _("angenommen")
        REJECTED = "rejected", _("abgelehnt")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    round = models.ForeignKey(EvaluationRound, on_delete=models.PROTECT, related_name="proposals")
    kind = models.CharField(_("Art des Elements"), max_length=10, choices=ElementKind.choices, blank=True)
    lineage = models.UUIDField(_("Element"), null=True, blank=True)
    action = models.CharField(_("Vorschlag"), max_length=20, choices=Action.choices, default=Action.CHANGE)
    title = models.CharField(_("Titel"), max_length=300)
    change = models.TextField(_("Was soll sich ändern?"))
    reason = models.TextField(_("Warum?"))
    state = models.CharField(_("Status"), max_length=10, choices=State.choices, default=State.PROPOSED)
    decision_note = models.TextField(_("Begründung der Entscheidung"), blank=True)
    applied_version = models.ForeignKey(
        StrategyVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("übernommen in Version"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("Änderungsvorschlag")
        verbose_name_plural = _("Änderungsvorschläge")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="", lineage__isnull=True)
                | (~models.Q(kind="") & models.Q(lineage__isnull=False)),
                name="proposal_element_complete",
            ),
            models.CheckConstraint(
                condition=~models.Q(action="retire") | models.Q(lineage__isnull=False),
                name="proposal_retire_names_element",
                violation_error_message=_("Zum Streichen muss ein Element gewählt sein."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class EvaluationPlan(models.Model):
    """An evaluation planned ahead: when the next round is due, and whether it comes back (e.g. yearly).

    The team is reminded on "Meine Aufgaben" from ``REMIND_AHEAD`` days before the date and by e-mail
    once it is due (``kreiskurs remind_evaluations``). Marking it done moves a repeating plan on by its
    interval.
    """

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("Titel"), max_length=200)
    due_on = models.DateField(_("geplant für"))
    repeat_months = models.PositiveSmallIntegerField(
        _("Wiederholen alle … Monate"), default=12, help_text=_("0 = einmalig, 12 = jährlich.")
    )
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    done = models.BooleanField(default=False, editable=False)
    revision = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("geplante Evaluation")
        verbose_name_plural = _("geplante Evaluationen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(repeat_months__lte=60),
                name="evaluation_plan_interval",
                violation_error_message=_("Höchstens alle 60 Monate."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.due_on:%d.%m.%Y})"
