"""The district's registry of actors: groups and stakeholders."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.collation import natural
from kreiskurs.territory.models import District


class ParticipationLevel(models.TextChoices):
    INFORM = "inform", _("informieren")
    CONSULT = "consult", _("konsultieren")
    INVOLVE = "involve", _("einbeziehen")
    COLLABORATE = "collaborate", _("zusammenarbeiten")
    EMPOWER = "empower", _("ermächtigen")


class ActorGroup(models.Model):
    """A group of actors: administration, municipalities, businesses, …"""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="actor_groups")
    name = models.CharField(_("Name"), max_length=120)
    description = models.TextField(_("Beschreibung"), blank=True)
    revision = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = [natural("name")]
        verbose_name = _("Akteursgruppe")
        verbose_name_plural = _("Akteursgruppen")
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="actor_group_name_unique")]

    def __str__(self) -> str:
        return self.name


class StakeholderQuerySet(models.QuerySet["Stakeholder"]):
    def for_district(self, district: District) -> StakeholderQuerySet:
        return self.filter(district=district)


class Stakeholder(models.Model):
    """An organisation or person the district works with.

    Contact details are personal data: only the strategy team sees them, and
    ``contact_consent`` records whether the stakeholder may be contacted.
    """

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation")
        PERSON = "person", _("Person")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="stakeholders")
    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.ORGANISATION)
    group = models.ForeignKey(
        ActorGroup, on_delete=models.PROTECT, related_name="stakeholders", verbose_name=_("Akteursgruppe")
    )
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    website = models.URLField(_("Website"), blank=True)
    contact_consent = models.BooleanField(_("Einwilligung zur Kontaktaufnahme"), default=False)
    contact_consent_date = models.DateField(_("Einwilligung erteilt am"), null=True, blank=True)
    influence = models.PositiveSmallIntegerField(_("Einfluss (1–3)"), default=2)
    interest = models.PositiveSmallIntegerField(_("Interesse (1–3)"), default=2)
    participation_level = models.CharField(
        _("Beteiligungsstufe"), max_length=20, choices=ParticipationLevel.choices, default=ParticipationLevel.CONSULT
    )
    notes = models.TextField(_("Notizen"), blank=True)
    revision = models.PositiveIntegerField(default=1, editable=False)

    objects = StakeholderQuerySet.as_manager()

    class Meta:
        ordering = [natural("name")]
        verbose_name = _("Akteur")
        verbose_name_plural = _("Akteure")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(influence__gte=1, influence__lte=3), name="stakeholder_influence_1_3"
            ),
            models.CheckConstraint(
                condition=models.Q(interest__gte=1, interest__lte=3), name="stakeholder_interest_1_3"
            ),
            models.CheckConstraint(
                condition=models.Q(contact_consent=True) | models.Q(contact_consent_date__isnull=True),
                name="stakeholder_consent_date_needs_consent",
                violation_error_message=_("Ein Einwilligungsdatum setzt eine Einwilligung voraus."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def public_label(self) -> str:
        """Organisations by name; private persons are not named outside the registry."""
        return self.name if self.kind == self.Kind.ORGANISATION else str(_("Privatperson"))


class Body(models.Model):
    """A body the district's actors sit in: Lenkungskreis, Digitalbeirat, working groups."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="bodies")
    name = models.CharField(_("Name"), max_length=200)
    description = models.TextField(_("Aufgabe"), blank=True)
    revision = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = [natural("name")]
        verbose_name = _("Gremium")
        verbose_name_plural = _("Gremien")
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="body_name_unique")]

    def __str__(self) -> str:
        return self.name


class BodyMembership(models.Model):
    """A stakeholder sits in a body, in a role (chair, member, guest …)."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    stakeholder = models.ForeignKey(Stakeholder, on_delete=models.CASCADE, related_name="body_memberships")
    role = models.CharField(_("Rolle"), max_length=100, default=_("Mitglied"))

    class Meta:
        ordering = ["body", "stakeholder__name"]
        verbose_name = _("Mitgliedschaft im Gremium")
        verbose_name_plural = _("Mitgliedschaften in Gremien")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "stakeholder"],
                name="body_membership_unique",
                violation_error_message=_("Der Akteur ist bereits Mitglied dieses Gremiums."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.stakeholder} ({self.role}) in {self.body}"
