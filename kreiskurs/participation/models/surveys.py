"""Surveys: questions (single or multiple choice, scale, free text) and one response per participant."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.territory.models import District

from .participants import Participant
from .processes import Process


class Survey(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="surveys")
    title = models.CharField(_("Titel"), max_length=200)
    intro = models.TextField(_("Einleitung"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("Umfrage")
        verbose_name_plural = _("Umfragen")

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Einfachauswahl")
        MULTIPLE = "multiple", _("Mehrfachauswahl")
        SCALE = "scale", _("Skala")
        TEXT = "text", _("Freitext")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("Frage"), max_length=500)
    required = models.BooleanField(_("Pflichtfrage"), default=False)
    scale_min = models.SmallIntegerField(_("Skala von"), default=1)
    scale_max = models.SmallIntegerField(_("Skala bis"), default=5)
    scale_min_label = models.CharField(_("Beschriftung des kleinsten Werts"), max_length=60, blank=True)
    scale_max_label = models.CharField(_("Beschriftung des größten Werts"), max_length=60, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("Frage")
        verbose_name_plural = _("Fragen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scale_max__gt=models.F("scale_min")),
                name="question_scale_order",
                violation_error_message=_("Das Ende der Skala muss größer als ihr Anfang sein."),
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Choice(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("Antwortmöglichkeit"), max_length=300)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class SurveyResponse(models.Model):
    """One participant's answers to one survey."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    participant = models.ForeignKey(Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "participant"],
                condition=models.Q(participant__isnull=False),
                name="one_response_per_participant",
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"


class Answer(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, null=True, blank=True, related_name="answers")
    value = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.choice_id or self.value or self.text[:20]}"
