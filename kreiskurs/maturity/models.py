"""The maturity model (versioned), assessment rounds, self-assessments and the links to the strategy.

A district's maturity model is a sequence of versions (:class:`MaturityModel`
rows, numbered 1, 2, …). A version is edited freely until the first round is
opened on it; from then on it is *frozen* (``frozen_at``) and a change means a
new version (a copy). Rounds and their assessments keep pointing to the
version they were answered in, so old results stay readable whatever happens
to the model later. Dimensions keep their ``code`` across versions: that is
how results of different rounds are compared, and how dimensions are linked
to fields of action (by lineage, :class:`FieldLink`), independently of the
model version.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.strategy.models import StrategyVersion
from kreiskurs.territory.models import District, Municipality

from .scoring import MAX_LEVEL

WEIGHT_VALIDATORS = [MinValueValidator(1), MaxValueValidator(10)]


class MaturityModel(models.Model):
    """One version of the district's maturity model: dimensions with weighted questions."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(_("Version"))
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    based_on = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("abgeleitet von")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    frozen_at = models.DateTimeField(_("eingefroren am"), null=True, blank=True)
    revision = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("Reifegradmodell")
        verbose_name_plural = _("Reifegradmodelle")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "version"],
                name="maturity_model_version_unique",
                violation_error_message=_("Diese Version des Reifegradmodells gibt es schon."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (Version {self.version})"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


class Dimension(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    model = models.ForeignKey(MaturityModel, on_delete=models.CASCADE, related_name="dimensions")
    code = models.SlugField(
        _("Kürzel"),
        max_length=40,
        help_text=_("Bleibt über Modellversionen gleich; darüber werden Runden verglichen."),
    )
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    weight = models.PositiveSmallIntegerField(_("Gewicht"), default=1, validators=WEIGHT_VALIDATORS)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    revision = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("Dimension")
        verbose_name_plural = _("Dimensionen")
        constraints = [
            models.UniqueConstraint(
                fields=["model", "code"],
                name="maturity_dimension_code_unique",
                violation_error_message=_("Dieses Kürzel ist im Modell schon vergeben."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """A question, answered with a level 0–4 (each described) or "does not apply"."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(_("Kürzel"), max_length=20)
    text = models.CharField(_("Frage"), max_length=500)
    help_text = models.TextField(_("Erläuterung"), blank=True)
    weight = models.PositiveSmallIntegerField(_("Gewicht"), default=1, validators=WEIGHT_VALIDATORS)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    level_0 = models.TextField(_("Stufe 0"))
    level_1 = models.TextField(_("Stufe 1"))
    level_2 = models.TextField(_("Stufe 2"))
    level_3 = models.TextField(_("Stufe 3"))
    level_4 = models.TextField(_("Stufe 4"))
    revision = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("Frage")
        verbose_name_plural = _("Fragen")
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "code"],
                name="maturity_question_code_unique",
                violation_error_message=_("Dieses Kürzel ist in der Dimension schon vergeben."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"

    @property
    def levels(self) -> list[str]:
        return [self.level_0, self.level_1, self.level_2, self.level_3, self.level_4]


class AssessmentRound(models.Model):
    """A round of self-assessments, opened by the strategy team on one model version."""

    class State(models.TextChoices):
        OPEN = "open", _("offen")
        CLOSED = "closed", _("abgeschlossen")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    model = models.ForeignKey(
        MaturityModel, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("Modellversion")
    )
    title = models.CharField(_("Titel"), max_length=200)
    opened_on = models.DateField(_("eröffnet am"))
    due_on = models.DateField(_("Abgabe bis"), null=True, blank=True)
    state = models.CharField(_("Status"), max_length=10, choices=State.choices, default=State.OPEN)
    closed_at = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True)
    revision = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("Runde der Selbsteinschätzung")
        verbose_name_plural = _("Runden der Selbsteinschätzung")
        constraints = [
            models.UniqueConstraint(
                fields=["district"],
                condition=models.Q(state="open"),
                name="maturity_one_open_round",
                violation_error_message=_("Es ist schon eine Runde offen."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN


class Assessment(models.Model):
    """One municipality's self-assessment in one round: a draft until submitted, then frozen.

    Without a municipality it is the district administration's own self-assessment (at most one
    per round); it is shown beside the municipalities' aggregates and never counted in them.

    ``dimension_scores`` ({dimension code: score or null}) and ``overall`` are
    computed by ``scoring.py`` whenever the answers are saved; the model
    version is frozen, so they never need recomputing.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        SUBMITTED = "submitted", _("abgegeben")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    round = models.ForeignKey(AssessmentRound, on_delete=models.PROTECT, related_name="assessments")
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Gemeinde"),
        help_text=_("Leer: die Selbsteinschätzung der Kreisverwaltung."),
    )
    state = models.CharField(_("Status"), max_length=10, choices=State.choices, default=State.DRAFT)
    comment = models.TextField(_("Anmerkungen"), blank=True)
    dimension_scores = models.JSONField(default=dict, blank=True)
    overall = models.FloatField(_("Gesamtwert"), null=True, blank=True)
    answered = models.PositiveIntegerField(_("beantwortet"), default=0)
    submitted_at = models.DateTimeField(_("abgegeben am"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    revision = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("Selbsteinschätzung")
        verbose_name_plural = _("Selbsteinschätzungen")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "municipality"],
                name="maturity_assessment_unique",
                violation_error_message=_("Diese Gemeinde hat in der Runde schon eine Selbsteinschätzung."),
            ),
            models.UniqueConstraint(
                fields=["round"],
                condition=models.Q(municipality__isnull=True),
                name="maturity_own_assessment_unique",
                violation_error_message=_("Die Kreisverwaltung hat in der Runde schon eine Selbsteinschätzung."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} – {self.round}"

    @property
    def subject(self) -> str:
        """Who assessed themselves: the municipality, or the district's own administration."""
        return str(self.municipality) if self.municipality_id else str(_("Kreisverwaltung"))

    @property
    def is_submitted(self) -> bool:
        return self.state == self.State.SUBMITTED


class Answer(models.Model):
    """The level chosen for one question; ``level`` null means "does not apply"."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(
        _("Stufe"), null=True, blank=True, validators=[MaxValueValidator(MAX_LEVEL)]
    )

    class Meta:
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="maturity_answer_unique"),
            models.CheckConstraint(
                condition=models.Q(level__isnull=True) | models.Q(level__lte=MAX_LEVEL),
                name="maturity_answer_level_0_4",
                violation_error_message=_("Die Stufe liegt zwischen 0 und 4."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question.code}: {self.level}"


class FieldLink(models.Model):
    """A dimension (by code, valid in every model version) addresses a field of action (by lineage)."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    dimension_code = models.SlugField(max_length=40)
    field_lineage = models.UUIDField()

    class Meta:
        verbose_name = _("Zuordnung zu einem Handlungsfeld")
        verbose_name_plural = _("Zuordnungen zu Handlungsfeldern")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "dimension_code", "field_lineage"], name="maturity_field_link_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension_code} → {self.field_lineage}"


class GapMeasure(models.Model):
    """A measure created in a draft from a gap of a round (the trail gap → measure)."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    round = models.ForeignKey(AssessmentRound, on_delete=models.PROTECT, related_name="gap_measures")
    dimension_code = models.SlugField(max_length=40)
    version = models.ForeignKey(StrategyVersion, on_delete=models.PROTECT, related_name="+")
    measure_lineage = models.UUIDField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("Maßnahme aus einer Lücke")
        verbose_name_plural = _("Maßnahmen aus Lücken")

    def __str__(self) -> str:
        return f"{self.round}: {self.dimension_code} → {self.measure_lineage}"
