"""Workshops and events (online or on site), with minutes and results."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.actors.models import ActorGroup
from kreiskurs.territory.models import District

from .processes import Process


class EventQuerySet(models.QuerySet["Event"]):
    def public(self) -> EventQuerySet:
        """Events anyone may see: those without a process and those of published processes."""
        return self.filter(models.Q(process__isnull=True) | models.Q(process__in=Process.objects.published()))


class Event(models.Model):
    class Format(models.TextChoices):
        WORKSHOP = "workshop", _("Werkstatt")
        INFO = "info", _("Informationsveranstaltung")
        CONFERENCE = "conference", _("Konferenz")
        STAND = "stand", _("Infostand")
        OTHER = "other", _("sonstiges")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    process = models.ForeignKey(
        Process, on_delete=models.SET_NULL, null=True, blank=True, related_name="events", verbose_name=_("Verfahren")
    )
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)  # stable iCalendar UID
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"))
    place = models.CharField(_("Ort"), max_length=300, blank=True)
    online_url = models.URLField(_("Online-Zugang"), blank=True)
    format = models.CharField(_("Format"), max_length=20, choices=Format.choices, default=Format.WORKSHOP)
    target_groups = models.ManyToManyField(ActorGroup, blank=True, related_name="events", verbose_name=_("Zielgruppen"))
    attendees = models.PositiveIntegerField(_("Teilnehmende (Anzahl)"), null=True, blank=True)
    minutes = models.TextField(_("Protokoll"), blank=True)
    results = models.TextField(_("Ergebnisse"), blank=True)
    revision = models.PositiveIntegerField(default=1, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="event_end_after_start",
                violation_error_message=_("Das Ende liegt nicht nach dem Beginn."),
            ),
            models.CheckConstraint(
                condition=~models.Q(place="", online_url=""),
                name="event_has_place_or_link",
                violation_error_message=_("Bitte einen Ort oder einen Online-Zugang angeben."),
            ),
        ]

    def __str__(self) -> str:
        return self.title
