"""How measures are actually implemented: the append-only timeline of status reports.

Implementation goes on while an adopted version stays frozen, so reports
belong to a measure's *lineage*, not to one version's row: the timeline
continues across revisions, and the current phase of a measure is the phase
of its latest report (or, before the first report, the phase in the version).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.choices import label
from kreiskurs.territory.models import District

from .measures import MeasureMunicipality, Phase
from .versions import StrategyVersion


class StatusReport(models.Model):
    """One status report of a measure. Never edited or deleted: corrections are new reports."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    measure_lineage = models.UUIDField(_("Maßnahme (Identität)"), db_index=True)
    date = models.DateField(_("Stand vom"))
    phase = models.CharField(_("Phase"), max_length=20, choices=Phase.choices)
    progress = models.PositiveSmallIntegerField(_("Fortschritt (%)"))
    text = models.TextField(_("Bericht"))
    risks = models.TextField(_("Risiken"), blank=True)
    next_steps = models.TextField(_("Nächste Schritte"), blank=True)
    spent_budget = models.DecimalField(
        _("Bisher ausgegeben (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("Statusbericht")
        verbose_name_plural = _("Statusberichte")
        indexes = [
            # the latest report of a measure (selectors.with_implementation): one index seek per measure
            models.Index(fields=["district", "measure_lineage", "-date", "-id"], name="status_report_latest"),
            # the district's newest report names the state of its timeline (selectors.timeline_stamp): one seek
            models.Index(fields=["district", "-id"], name="status_report_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100),
                name="status_report_progress_0_100",
                violation_error_message=_("Der Fortschritt liegt zwischen 0 und 100 Prozent."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.phase_label} {self.progress} %"

    @property
    def phase_label(self) -> str:
        """Cheaper than ``get_phase_display()`` in a timeline's loop."""
        return label(Phase, self.phase)


class ReportReminder(models.Model):
    """A reminder e-mail about an overdue status report (at most one a week per measure)."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    measure_lineage = models.UUIDField(db_index=True)
    sent_at = models.DateTimeField()
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("Erinnerung an einen Statusbericht")
        verbose_name_plural = _("Erinnerungen an Statusberichte")

    def __str__(self) -> str:
        return f"{self.measure_lineage} {self.sent_at:%Y-%m-%d}"


class MilestoneCompletion(models.Model):
    """A milestone reached during implementation (by the milestone's identity, in any version)."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    milestone_lineage = models.UUIDField(unique=True)
    done_on = models.DateField(_("erreicht am"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Erreichter Meilenstein")
        verbose_name_plural = _("Erreichte Meilensteine")

    def __str__(self) -> str:
        return f"{self.milestone_lineage} {self.done_on:%Y-%m-%d}"


class Enrolment(models.Model):
    """A municipality joins or leaves a measure of the adopted version during implementation.

    The adopted version stays frozen: joining and leaving are recorded here,
    against the version they were made for, and shown on top of its rows
    (``selectors.participations_of``). A revision starts from that state, and
    changes made while a draft is open are written into the draft as well.
    """

    class State(models.TextChoices):
        REQUESTED = "requested", _("angefragt")
        CONFIRMED = "confirmed", _("bestätigt")
        DECLINED = "declined", _("abgelehnt")
        WITHDRAWN = "withdrawn", _("zurückgezogen")

    class Kind(models.TextChoices):
        JOIN = "join", _("Beitritt")
        LEAVE = "leave", _("Austritt")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(StrategyVersion, on_delete=models.PROTECT, related_name="+")
    measure_lineage = models.UUIDField(db_index=True)
    municipality = models.ForeignKey(
        "territory.Municipality", on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("Gemeinde")
    )
    kind = models.CharField(_("Art"), max_length=5, choices=Kind.choices, default=Kind.JOIN)
    role = models.CharField(
        _("Rolle"), max_length=20, choices=MeasureMunicipality.Role.choices, default=MeasureMunicipality.Role.ROLLOUT
    )
    state = models.CharField(_("Status"), max_length=10, choices=State.choices, default=State.REQUESTED)
    note = models.CharField(_("Anmerkung"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("Beitritt oder Austritt")
        verbose_name_plural = _("Beitritte und Austritte")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "measure_lineage", "municipality"],
                condition=models.Q(state="requested"),
                name="one_open_enrolment_request",
                violation_error_message=_("Für diese Gemeinde liegt schon eine offene Anfrage vor."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.kind} {self.measure_lineage} ({self.state})"


class ImplementationChange(models.Model):
    """An implementation update that is not a strategy decision, made on the running measure.

    A rescheduled end or milestone date, or a new responsible person, is recorded here with its
    reason, against the measure's (and milestone's) identity: the adopted version keeps the planned
    value, the measure profile shows planned and current side by side, and no new version is needed
    (``docs/consultation.md``, "Living, not rigid"). Append-only; the latest row of a kind is current.
    """

    class Kind(models.TextChoices):
        END = "end", _("Ende der Maßnahme")
        MILESTONE = "milestone", _("Termin eines Meilensteins")
        LEAD_PERSON = "lead_person", _("Verantwortliche Person")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    measure_lineage = models.UUIDField(db_index=True)
    kind = models.CharField(_("Was ändert sich?"), max_length=20, choices=Kind.choices)
    milestone_lineage = models.UUIDField(null=True, blank=True)
    new_date = models.DateField(_("Neuer Termin"), null=True, blank=True)
    new_text = models.CharField(_("Neue verantwortliche Person"), max_length=200, blank=True)
    reason = models.TextField(_("Begründung"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("Änderung in der Umsetzung")
        verbose_name_plural = _("Änderungen in der Umsetzung")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="lead_person") & ~models.Q(new_text=""))
                | (models.Q(kind="end") & models.Q(new_date__isnull=False))
                | (
                    models.Q(kind="milestone")
                    & models.Q(new_date__isnull=False)
                    & models.Q(milestone_lineage__isnull=False)
                ),
                name="implementation_change_has_value",
                violation_error_message=_("Bitte den neuen Termin bzw. die neue verantwortliche Person angeben."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.new_date or self.new_text}"
