"""The measure profile (Maßnahmensteckbrief) and what hangs on it."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.core.validators import MaxValueValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.actors.models import Stakeholder
from kreiskurs.choices import label
from kreiskurs.collation import natural
from kreiskurs.territory.models import District, Municipality

from .elements import Criterion, FieldOfAction, Goal, VersionedElement


class Phase(models.TextChoices):
    IDEA = "idea", _("Idee")
    PROFILED = "profiled", _("Steckbrief erstellt")
    SELECTED = "selected", _("Ausgewählt")
    PREPARING = "preparing", _("In Vorbereitung")
    PILOT = "pilot", _("Pilot")
    ROLLOUT = "rollout", _("Ausrollen")
    OPERATING = "operating", _("Im Betrieb")
    COMPLETED = "completed", _("Abgeschlossen")
    DISCONTINUED = "discontinued", _("Eingestellt")


class Priority(models.TextChoices):
    HIGH = "high", _("hoch – sofort beginnen")
    MEDIUM = "medium", _("mittel – innerhalb von 2 Jahren")
    LOW = "low", _("niedrig – innerhalb von 4 Jahren")


class MeasureType(models.TextChoices):
    LEAD = "lead", _("Leitprojekt")
    POTENTIAL = "potential", _("Potenzialprojekt")


class DigitalCheck(models.TextChoices):
    DIGITAL = "digital", _("digital")
    HYBRID = "hybrid", _("digital und analog")
    ANALOGUE = "analogue", _("analog")


class Funding(models.TextChoices):
    OWN = "own", _("Eigenmittel")
    EXTERNAL = "external", _("Drittmittel")
    GRANT = "grant", _("Fördermittel")
    MIXED = "mixed", _("gemischt")


class Origin(models.TextChoices):
    STRATEGY_TEAM = "strategy_team", _("Strategieteam")
    PARTICIPATION = "participation", _("Beteiligung")
    EXISTING_STRATEGY = "existing_strategy", _("Bestehende Strategie")
    MUNICIPALITY = "municipality", _("Initiative einer Gemeinde")
    EVALUATION = "evaluation", _("Evaluation")


class Measure(VersionedElement):
    """A measure with its full profile (Steckbrief)."""

    code = models.CharField(_("Kürzel"), max_length=20)
    #: the place of ``code`` in German natural order within the version (0, 1, …), so lists order
    #: and paginate in SQL; ``None`` after any save until ``services.ranks.rank_measures`` (issue 12)
    code_rank = models.PositiveIntegerField(null=True, blank=True, editable=False)
    title = models.CharField(_("Titel"), max_length=300)
    summary = models.TextField(_("Kurzbeschreibung"))
    objectives = models.TextField(_("Ziele der Maßnahme"), blank=True)
    expected_impact = models.TextField(_("Erwartete Wirkung"), blank=True)
    fields_of_action = models.ManyToManyField(FieldOfAction, related_name="measures", verbose_name=_("Handlungsfelder"))
    goals = models.ManyToManyField(Goal, related_name="measures", blank=True, verbose_name=_("Ziele"))
    lead_unit = models.CharField(_("Federführung (Organisationseinheit)"), max_length=200, blank=True)
    lead_person = models.CharField(_("Verantwortliche Person"), max_length=200, blank=True)
    partners = models.ManyToManyField(Stakeholder, related_name="+", blank=True, verbose_name=_("Partner"))
    measure_type = models.CharField(
        _("Projekttyp"), max_length=20, choices=MeasureType.choices, default=MeasureType.POTENTIAL
    )
    priority = models.CharField(_("Priorität"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    digital_check = models.CharField(
        _("Digital-Check"), max_length=10, choices=DigitalCheck.choices, default=DigitalCheck.DIGITAL
    )
    digital_check_note = models.TextField(_("Begründung Digital-Check"), blank=True)
    estimated_cost = models.DecimalField(
        _("Geschätzte Kosten (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    funding = models.CharField(_("Finanzierung"), max_length=10, choices=Funding.choices, default=Funding.OWN)
    funding_programme = models.CharField(_("Förderprogramm"), max_length=200, blank=True)
    start = models.DateField(_("Beginn"), null=True, blank=True)
    end = models.DateField(_("Ende"), null=True, blank=True)
    phase = models.CharField(_("Phase"), max_length=20, choices=Phase.choices, default=Phase.IDEA)
    dependencies = models.ManyToManyField(
        "self", symmetrical=False, related_name="dependents", blank=True, verbose_name=_("Abhängig von")
    )
    origin = models.CharField(_("Herkunft"), max_length=20, choices=Origin.choices, default=Origin.STRATEGY_TEAM)
    origin_note = models.CharField(_("Herkunft – Angabe"), max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("Gewicht im Fortschritt"),
        default=1,
        help_text=_(
            "Wie stark die Maßnahme in den Fortschritt von Handlungsfeld, Ziel und Strategie eingeht (0 = gar nicht)."
        ),
    )
    reporting_interval = models.PositiveSmallIntegerField(
        _("Berichtsintervall"),
        choices=[(1, _("monatlich")), (3, _("vierteljährlich")), (6, _("halbjährlich")), (12, _("jährlich"))],
        default=3,
    )
    council_links = models.TextField(_("Ratsvorlagen (OParl-Links)"), blank=True, help_text=_("Eine Adresse je Zeile."))
    join_needs_confirmation = models.BooleanField(
        _("Beitritt weiterer Gemeinden nur nach Bestätigung durch den Kreis"),
        default=False,
        help_text=_("Sonst können Gemeinden der Maßnahme selbst beitreten und wieder austreten."),
    )

    #: also the field order of the profile form
    compared_fields = (
        "code",
        "title",
        "summary",
        "objectives",
        "expected_impact",
        "fields_of_action",
        "goals",
        "lead_unit",
        "lead_person",
        "partners",
        "measure_type",
        "priority",
        "phase",
        "digital_check",
        "digital_check_note",
        "estimated_cost",
        "funding",
        "funding_programme",
        "start",
        "end",
        "reporting_interval",
        "weight",
        "dependencies",
        "origin",
        "origin_note",
        "council_links",
        "join_needs_confirmation",
    )

    class Meta:
        ordering = [natural("code")]
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")
        indexes = [models.Index(fields=["version", "code_rank"], name="measure_code_rank")]
        constraints = [
            models.UniqueConstraint(fields=["version", "lineage"], name="measure_lineage_unique"),
            models.UniqueConstraint(
                fields=["version", "code"],
                name="measure_code_unique",
                violation_error_message=_("Dieses Kürzel ist in der Version schon vergeben."),
            ),
            models.CheckConstraint(
                condition=models.Q(start__isnull=True)
                | models.Q(end__isnull=True)
                | models.Q(end__gte=models.F("start")),
                name="measure_end_after_start",
                violation_error_message=_("Das Ende liegt vor dem Beginn."),
            ),
            models.CheckConstraint(
                condition=models.Q(estimated_cost__isnull=True) | models.Q(estimated_cost__gte=Decimal(0)),
                name="measure_cost_not_negative",
                violation_error_message=_("Die Kosten dürfen nicht negativ sein."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Any write may change the code (or add a measure): the version's order is ranked again on the
        next list (``services.ranks``). A save that names its fields keeps the rank unless it names ``code``."""
        fields = kwargs.get("update_fields")
        if fields is None or "code" in fields:
            self.code_rank = None
            if fields is not None:
                kwargs["update_fields"] = {*fields, "code_rank"}
        super().save(*args, **kwargs)

    @property
    def current_phase_label(self) -> str:
        """The phase of the latest status report where selectors annotated it, else the planned phase."""
        return label(Phase, getattr(self, "current_phase", None) or self.phase)

    # List rows read these instead of get_FOO_display(), which rebuilds a hashable copy of the
    # field's choices on every call (half of a 500-row table's render time); see kreiskurs/choices.py.
    @property
    def priority_label(self) -> str:
        return label(Priority, self.priority)

    @property
    def phase_label(self) -> str:
        """The phase in the version (not the reported one: see ``current_phase_label``)."""
        return label(Phase, self.phase)

    @property
    def spent_share(self) -> int | None:
        """Spent budget (latest report that names it) as a percentage of the estimated cost."""
        spent = getattr(self, "spent", None)
        if spent is None or not self.estimated_cost:
            return None
        return round(100 * spent / self.estimated_cost)

    def council_link_list(self) -> list[str]:
        return [line.strip() for line in self.council_links.splitlines() if line.strip()]

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        validate = URLValidator(schemes=["http", "https"])
        for n, link in enumerate(self.council_link_list(), start=1):
            try:
                validate(link)
            except ValidationError:
                raise ValidationError(
                    {"council_links": _("Zeile %(n)s ist keine gültige Adresse: %(link)s") % {"n": n, "link": link}}
                ) from None


class MeasureMunicipality(models.Model):
    """A municipality taking part in a measure, with its role."""

    class Role(models.TextChoices):
        LEAD = "lead", _("federführend")
        PILOT = "pilot", _("Pilot")
        ROLLOUT = "rollout", _("Ausrollen")
        INTERESTED = "interested", _("interessiert")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="participations")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="measure_participations")
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices, default=Role.ROLLOUT)

    class Meta:
        ordering = ["municipality__name"]
        verbose_name = _("Beteiligte Gemeinde")
        verbose_name_plural = _("Beteiligte Gemeinden")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "municipality"],
                name="measure_municipality_unique",
                violation_error_message=_("Diese Gemeinde ist bereits beteiligt."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} ({self.get_role_display()})"


class CriterionScore(models.Model):
    """How a measure fares on one criterion: knock-out pass/fail or a 0–5 score."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    passed = models.BooleanField(_("erfüllt"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(
        _("Punkte (0–5)"), null=True, blank=True, validators=[MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("Kriterienbewertung")
        verbose_name_plural = _("Kriterienbewertungen")
        constraints = [
            models.UniqueConstraint(fields=["measure", "criterion"], name="criterion_score_unique"),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__lte=5), name="criterion_score_0_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.passed if self.score is None else self.score}"


class Milestone(models.Model):
    """A milestone of a measure, with due and done dates.

    ``lineage`` is its identity across versions (a revision copies it): a
    milestone reached after adoption is recorded as a ``MilestoneCompletion``
    of that identity, because the adopted version itself stays frozen.
    """

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="milestones")
    lineage = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    title = models.CharField(_("Titel"), max_length=300)
    due = models.DateField(_("fällig am"), null=True, blank=True)
    done_on = models.DateField(_("erreicht am"), null=True, blank=True)

    class Meta:
        ordering = ["due", "id"]
        indexes = [  # the open milestones due first, read along the index (selectors.next_milestones)
            models.Index(
                fields=["district", "due"],
                condition=models.Q(done_on__isnull=True, due__isnull=False),
                name="milestone_open_due",
            )
        ]
        verbose_name = _("Meilenstein")
        verbose_name_plural = _("Meilensteine")

    def __str__(self) -> str:
        return self.title
