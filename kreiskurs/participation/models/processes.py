"""Participation processes and their dated phases; the phase kind declares what participants may do."""

from __future__ import annotations

import datetime as dt
from typing import Any

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


# The time rule of a process, in one place. A phase has started at ``start`` and has ended at ``end``
# (it runs in ``[start, end)``). A process is *upcoming* until one of its phases has started (a process
# without phases is upcoming), *closed* once all of them have ended, and *running* in between, gaps
# between phases included. ``Phase`` states the rule in Python (for prefetched phases) and
# ``PhaseQuerySet`` as the same comparisons in SQL; ``Process.state`` and ``ProcessQuerySet.running``
# and friends are built from them, and a test checks the two agree.
UPCOMING, RUNNING, CLOSED = "upcoming", "running", "closed"


def _now(at: dt.datetime | None) -> dt.datetime:
    return at or timezone.now()


class PhaseQuerySet(models.QuerySet["Phase"]):
    def started_by(self, at: dt.datetime) -> PhaseQuerySet:
        return self.filter(start__lte=at)

    def not_ended_by(self, at: dt.datetime) -> PhaseQuerySet:
        return self.filter(end__gt=at)

    def ended_by(self, at: dt.datetime) -> PhaseQuerySet:
        return self.filter(end__lte=at)

    def running_at(self, at: dt.datetime | None = None) -> PhaseQuerySet:
        return self.started_by(_now(at)).not_ended_by(_now(at))

    def of_published_processes(self) -> PhaseQuerySet:
        return self.filter(process__published=True)


def sees_published_only(user: Any, district: Any) -> bool:
    """Whether ``user`` sees only the published processes of ``district`` (``visible_to``): everyone but
    platform admins and the district's members. Their reads are the same for all (prepared, decision 0037)."""
    from kreiskurs.accounts.rules import memberships

    if getattr(user, "is_superuser", False):
        return False
    return not any(m.district_id == district.pk for m in memberships(user))


class ProcessQuerySet(models.QuerySet["Process"]):
    def published(self) -> ProcessQuerySet:
        return self.filter(published=True)

    def visible_to(self, user: Any) -> ProcessQuerySet:
        """Published processes, plus every process of the districts the user belongs to (any role)."""
        from kreiskurs.accounts.rules import memberships

        if getattr(user, "is_superuser", False):
            return self.all()
        return self.filter(
            models.Q(published=True) | models.Q(district_id__in={m.district_id for m in memberships(user)})
        )

    @staticmethod
    def _phases() -> PhaseQuerySet:
        return Phase.objects.filter(process=models.OuterRef("pk"))

    def upcoming(self, at: dt.datetime | None = None) -> ProcessQuerySet:
        """No phase has started at ``at`` (now by default); processes without phases included."""
        return self.exclude(models.Exists(self._phases().started_by(_now(at))))

    def running(self, at: dt.datetime | None = None) -> ProcessQuerySet:
        """A phase has started and one has not ended yet: between the first start and the last end."""
        return self.filter(
            models.Exists(self._phases().started_by(_now(at))), models.Exists(self._phases().not_ended_by(_now(at)))
        )

    def closed(self, at: dt.datetime | None = None) -> ProcessQuerySet:
        """Every phase has ended (and there is one)."""
        return self.filter(models.Exists(self._phases().started_by(_now(at)))).exclude(
            models.Exists(self._phases().not_ended_by(_now(at)))
        )

    def in_phase(self, at: dt.datetime | None = None) -> ProcessQuerySet:
        """A phase runs at ``at``: running processes outside the gaps between their phases."""
        return self.filter(models.Exists(self._phases().running_at(_now(at))))


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
    #: who took part, as last computed (``Representativeness.as_dict()``) and when: the process page reads
    #: it and recomputes it when older than ``services.representativeness.REFRESH`` (issue 12)
    representativeness = models.JSONField(null=True, blank=True, editable=False)
    representativeness_at = models.DateTimeField(null=True, blank=True, editable=False)
    #: how many people took part, as last counted (``selectors.joining.people_per_process``) and when: the
    #: invitations on the district home and the index read it, recounted when older than five minutes
    people = models.PositiveIntegerField(null=True, blank=True, editable=False)
    people_at = models.DateTimeField(null=True, blank=True, editable=False)

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
        """The phase running at ``moment`` (now by default); phases do not overlap. Reads prefetched phases."""
        moment = _now(moment)
        return next((phase for phase in self.phases.all() if phase.runs_at(moment)), None)

    def state(self, moment: dt.datetime | None = None) -> str:
        """upcoming / running / closed, from the phases' dates (the rule above ``PhaseQuerySet``).

        Reads prefetched phases; agrees with ``Process.objects.upcoming/running/closed(moment)``.
        """
        moment = _now(moment)
        phases = list(self.phases.all())
        if not any(phase.started_by(moment) for phase in phases):
            return UPCOMING
        if all(phase.ended_by(moment) for phase in phases):
            return CLOSED
        return RUNNING

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

    objects = PhaseQuerySet.as_manager()

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

    def started_by(self, moment: dt.datetime) -> bool:
        return self.start <= moment

    def ended_by(self, moment: dt.datetime) -> bool:
        return self.end <= moment

    def runs_at(self, moment: dt.datetime) -> bool:
        return self.started_by(moment) and not self.ended_by(moment)

    @property
    def actions(self) -> list[Any]:
        return [Action(a).label for a in sorted(PHASE_ACTIONS[self.kind])]


class RunningRepresentativeness(models.Model):
    """Who takes part in the district's running processes, as last computed for the staff dashboard.

    Counting it asks, for the district's participants, whether they contributed to any running
    process: ~25 ms of CPU at 10,000 participants on every dashboard request (issue 12). Kept like a
    process's own result (``Process.representativeness``, decision 0033): per language, recomputed by
    the first request after ``services.representativeness.REFRESH``; forgetting a person drops it.
    Aggregated, rounded shares only: no personal data. Derived data, so it goes with its district.
    """

    district = models.OneToOneField(District, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(default=dict, editable=False)  # language → ``Representativeness.as_dict()``
    computed_at = models.DateTimeField(editable=False)

    class Meta:
        verbose_name = _("Beteiligung der laufenden Verfahren (berechnet)")
        verbose_name_plural = _("Beteiligung der laufenden Verfahren (berechnet)")

    def __str__(self) -> str:
        return f"{self.district_id} @ {self.computed_at:%Y-%m-%d %H:%M}"
