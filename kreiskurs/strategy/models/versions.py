"""A district's strategy and its versions."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.choices import label
from kreiskurs.territory.models import District, Municipality


class VersionState(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    CONSULTATION = "consultation", _("In Beteiligung")
    ADOPTED = "adopted", _("Beschlossen")
    SUPERSEDED = "superseded", _("Abgelöst")


PUBLIC_STATES = (VersionState.CONSULTATION, VersionState.ADOPTED, VersionState.SUPERSEDED)


class Strategy(models.Model):
    """The one living digitalisation strategy of a district."""

    district = models.OneToOneField(District, on_delete=models.PROTECT, related_name="strategy")
    title = models.CharField(_("Titel"), max_length=200, default=_("Digitalstrategie"))
    is_example = models.BooleanField(
        _("Beispielinhalt"), default=False, help_text=_("Kennzeichnet Demo-Inhalte als Beispiel.")
    )

    class Meta:
        verbose_name = _("Strategie")
        verbose_name_plural = _("Strategien")

    def __str__(self) -> str:
        return f"{self.title} ({self.district})"


class StrategyVersionQuerySet(models.QuerySet["StrategyVersion"]):
    def public(self) -> StrategyVersionQuerySet:
        return self.filter(state__in=PUBLIC_STATES)

    def visible_to(self, user: Any) -> StrategyVersionQuerySet:
        """Public versions, plus every version of the districts the user belongs to."""
        if getattr(user, "is_superuser", False):
            return self.all()
        query = models.Q(state__in=PUBLIC_STATES)
        if getattr(user, "is_authenticated", False):
            query |= models.Q(district__memberships__user=user)
        return self.filter(query).distinct()


class StrategyVersion(models.Model):
    """One version of the strategy.

    Only a draft is edited. Adoption freezes its rows for good; a revision
    copies them into a new draft that keeps every element's lineage.
    """

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="strategy_versions")
    strategy = models.ForeignKey(Strategy, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("Version"))
    state = models.CharField(_("Status"), max_length=20, choices=VersionState.choices, default=VersionState.DRAFT)
    based_on = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("beruht auf")
    )
    vision_title = models.CharField(_("Leitbild – Überschrift"), max_length=200, blank=True)
    vision_text = models.TextField(_("Leitbild"), blank=True)
    change_summary = models.TextField(_("Zusammenfassung der Änderungen"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    adopted_at = models.DateTimeField(_("beschlossen am"), null=True, blank=True)
    # the last day the public may comment and rate the version in consultation (shown on its pages)
    consultation_until = models.DateField(_("Beteiligung bis"), null=True, blank=True)
    revision = models.PositiveIntegerField(default=1, editable=False)

    objects = StrategyVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("Strategieversion")
        verbose_name_plural = _("Strategieversionen")
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="version_number_unique"),
            models.UniqueConstraint(
                fields=["strategy"],
                condition=models.Q(state__in=["draft", "consultation"]),
                name="one_open_version_per_strategy",
                violation_error_message=_("Es gibt bereits einen offenen Entwurf."),
            ),
            models.UniqueConstraint(
                fields=["strategy"],
                condition=models.Q(state="adopted"),
                name="one_adopted_version_per_strategy",
                violation_error_message=_("Es gibt bereits eine beschlossene Version."),
            ),
        ]

    def __str__(self) -> str:
        return f"Version {self.number} ({self.state_label})"

    @property
    def state_label(self) -> str:
        return label(VersionState, self.state)

    @property
    def is_editable(self) -> bool:
        return self.state == VersionState.DRAFT

    @property
    def is_public(self) -> bool:
        return self.state in PUBLIC_STATES

    @property
    def consultation_open(self) -> bool:
        """In consultation and its deadline (if any) has not passed: the public may comment and rate."""
        from django.utils import timezone

        return self.state == VersionState.CONSULTATION and (
            self.consultation_until is None or self.consultation_until >= timezone.localdate()
        )


class Adoption(models.Model):
    """A council's resolution adopting a version (Kreistag or municipal council)."""

    class Body(models.TextChoices):
        KREISTAG = "kreistag", _("Kreistag")
        MUNICIPAL_COUNCIL = "municipal_council", _("Gemeinderat / Stadtrat")
        COMMITTEE = "committee", _("Ausschuss")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(StrategyVersion, on_delete=models.PROTECT, related_name="adoptions")
    body = models.CharField(_("Gremium"), max_length=30, choices=Body.choices, default=Body.KREISTAG)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("Gemeinde")
    )
    date = models.DateField(_("Beschlussdatum"))
    reference = models.CharField(_("Drucksache / Beschlussnummer"), max_length=100)
    url = models.URLField(_("Link (z. B. OParl-Vorlage)"), blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("Beschluss")
        verbose_name_plural = _("Beschlüsse")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(body="municipal_council") | models.Q(municipality__isnull=False),
                name="adoption_council_has_municipality",
                violation_error_message=_("Beim Gemeinderat muss die Gemeinde angegeben werden."),
            ),
        ]

    def __str__(self) -> str:
        where = self.municipality.name if self.municipality_id and self.municipality else self.get_body_display()
        return f"{where}, {self.date:%d.%m.%Y}, {self.reference}"
