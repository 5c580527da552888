"""Who takes part: a pseudonymous participant per district, with optional self-declarations, and consent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.actors.models import ActorGroup
from kreiskurs.territory.models import District, Municipality

from .processes import Process


class AgeBand(models.TextChoices):
    """Age bands as the representativeness analysis compares them (decision 0029).

    Each band is a union of the 17 age groups of Regionalstatistik table
    12411-03-03-4 ("Bevölkerung nach Geschlecht und Altersgruppen"), so a
    district can fill the population shares from that table by adding rows.
    """

    UNDER_18 = "u18", _("unter 18")
    FROM_18 = "18-29", _("18–29")
    FROM_30 = "30-44", _("30–44")
    FROM_45 = "45-64", _("45–64")
    FROM_65 = "65+", _("65 und älter")


class Participant(models.Model):
    """One person taking part in a district's participation, known by a display name only.

    Registered participants link their account; pseudonymous ones (where a
    process allows it) are bound to their browser session; participants
    imported from pol.is keep the Polis voter-id as ``external_id``. Whom
    someone speaks for (``actor_group``) is optional and feeds the actor map's
    reach per group. The municipality of residence and the age band are
    optional too and read only, in aggregate, by the representativeness
    analysis (``participation/representativeness.py``, decision 0029).
    """

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="participants"
    )
    display_name = models.CharField(_("Anzeigename oder Pseudonym"), max_length=60)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Wohnort (Gemeinde)"),
    )
    age_band = models.CharField(_("Altersgruppe"), max_length=5, choices=AgeBand.choices, blank=True)
    actor_group = models.ForeignKey(
        ActorGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("Ich spreche für"),
    )
    daily_digest = models.BooleanField(_("Benachrichtigungen einmal täglich gesammelt statt einzeln"), default=False)
    origin_process = models.ForeignKey(
        Process, on_delete=models.CASCADE, null=True, blank=True, related_name="+", editable=False
    )
    external_id = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("Teilnehmende Person")
        verbose_name_plural = _("Teilnehmende")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "user"], condition=models.Q(user__isnull=False), name="participant_user_unique"
            ),
            models.UniqueConstraint(
                fields=["origin_process", "external_id"],
                condition=~models.Q(external_id=""),
                name="participant_external_id_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name


class Consent(models.Model):
    """A consent record: who agreed to what text, when (DSGVO Art. 7 (1))."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("Zweck"), max_length=40)
    text = models.TextField(_("Wortlaut"))
    given_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["given_at"]
        verbose_name = _("Einwilligung")
        verbose_name_plural = _("Einwilligungen")

    def __str__(self) -> str:
        return f"{self.participant} {self.purpose} {self.given_at:%Y-%m-%d}"
