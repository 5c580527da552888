"""Participation processes and their dated phases; the phase kind declares what participants may do."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kreiskurs.strategy.models import StrategyVersion
from kreiskurs.territory.models import District


class Action(models.TextChoices):
    """What a participant may do; a phase kind allows a set of these (``PHASE_ACTIONS``)."""

    SUBMIT_IDEA = "submit_idea", _("Ideen einreichen")
    COMMENT = "comment", _("kommentieren")
    SUPPORT = "support", _("unterstützen")
    COMMENT_DRAFT = "comment_draft", _("den Entwurf kommentieren")
    RATE = "rate", _("Maßnahmen bewerten")
    VOTE = "vote", _("über Thesen abstimmen")
    WRITE_STATEMENT = "write_statement", _("Thesen vorschlagen")
    ANSWER_SURVEY = "answer_survey", _("an der Umfrage teilnehmen")


class PhaseKind(models.TextChoices):
    INFORMATION = "information", _("Information")
    IDEAS = "ideas", _("Ideen sammeln")
    COMMENTING = "commenting", _("Entwurf kommentieren")
    PRIORITISATION = "prioritisation", _("Priorisieren")
    STATEMENTS = "statements", _("Thesen abstimmen")
    SURVEY = "survey", _("Umfrage")
    WORKSHOP = "workshop", _("Werkstatt")
    FEEDBACK = "feedback", _("Rückmeldung")


#: the rule of the process: outside these, nothing can be submitted (reading is always allowed)
PHASE_ACTIONS: dict[str, frozenset[str]] = {
    PhaseKind.INFORMATION: frozenset(),
    PhaseKind.IDEAS: frozenset({Action.SUBMIT_IDEA, Action.COMMENT, Action.SUPPORT}),
    PhaseKind.COMMENTING: frozenset({Action.COMMENT_DRAFT, Action.COMMENT}),
    PhaseKind.PRIORITISATION: frozenset({Action.RATE, Action.SUPPORT}),
    PhaseKind.STATEMENTS: frozenset({Action.VOTE, Action.WRITE_STATEMENT}),
    PhaseKind.SURVEY: frozenset({Action.ANSWER_SURVEY}),
    PhaseKind.WORKSHOP: frozenset(),
    PhaseKind.FEEDBACK: frozenset({Action.COMMENT}),
}


class ProcessQuerySet(models.QuerySet["Process"]):
    def published(self) -> ProcessQuerySet:
        return self.filter(published=True)


class Process(models.Model):
    """A participation process of a district, usually about one strategy version."""

    class Template(models.TextChoices):
        IDEAS = "ideas", _("Ideen sammeln")
        DRAFT = "draft", _("Entwurf kommentieren")
        PRIORITISE = "prioritise", _("Maßnahmen priorisieren")
        SURVEY = "survey", _("Umfrage")
        WORKSHOP = "workshop", _("Werkstatt")
        STATEMENTS = "statements", _("Meinungsbild (Thesen)")

    class Moderation(models.TextChoices):
        PRE = "pre", _("Vorab-Moderation: Beiträge erscheinen nach Freigabe")
        POST = "post", _("Nachträgliche Moderation: Beiträge erscheinen sofort")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="processes")
    version = models.ForeignKey(
        StrategyVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Strategieversion"),
    )
    title = models.CharField(_("Titel"), max_length=200)
    summary = models.TextField(_("Worum geht es?"), blank=True)
    template = models.CharField(_("Vorlage"), max_length=20, choices=Template.choices, default=Template.IDEAS)
    moderation = models.CharField(_("Moderation"), max_length=10, choices=Moderation.choices, default=Moderation.POST)
    allow_pseudonymous = models.BooleanField(
        _("Teilnahme ohne Konto (mit Pseudonym) erlaubt"),
        default=False,
        help_text=_("Sonst ist ein Konto nötig; ein Anzeigename genügt in beiden Fällen."),
    )
    published = models.BooleanField(_("veröffentlicht"), default=False)
    external_source = models.CharField(max_length=20, blank=True, editable=False)  # e.g. "polis"
    external_id = models.CharField(max_length=100, blank=True, editable=False)  # identifies the imported source
    created_at = models.DateTimeField(auto_now_add=True)
    revision = models.PositiveIntegerField(default=1, editable=False)

    objects = ProcessQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Beteiligungsverfahren")
        verbose_name_plural = _("Beteiligungsverfahren")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "external_source", "external_id"],
                condition=~models.Q(external_id=""),
                name="process_external_id_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def phase_at(self, moment: dt.datetime | None = None) -> Phase | None:
        """The phase running at ``moment`` (now by default); phases do not overlap."""
        moment = moment or timezone.now()
        for phase in self.phases.all():
            if phase.start <= moment < phase.end:
                return phase
        return None

    def state(self, moment: dt.datetime | None = None) -> str:
        """upcoming / running / closed, from the phases' dates."""
        moment = moment or timezone.now()
        phases = list(self.phases.all())
        if not phases or moment < phases[0].start:
            return "upcoming"
        if moment >= phases[-1].end:
            return "closed"
        return "running"

    def allows(self, action: str, moment: dt.datetime | None = None) -> bool:
        phase = self.phase_at(moment)
        return self.published and phase is not None and action in PHASE_ACTIONS[phase.kind]


class Phase(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("Art"), max_length=20, choices=PhaseKind.choices)
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"))
    start_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    end_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("Phase")
        verbose_name_plural = _("Phasen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="phase_end_after_start",
                violation_error_message=_("Das Ende der Phase liegt nicht nach ihrem Beginn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_kind_display()})"

    @property
    def actions(self) -> list[Any]:
        return [Action(a).label for a in sorted(PHASE_ACTIONS[self.kind])]


class Follow(models.Model):
    """A registered user follows a process: e-mail when a phase starts or ends."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["process", "user"], name="follow_unique")]

    def __str__(self) -> str:
        return f"{self.user} → {self.process}"
