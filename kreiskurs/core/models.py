"""A background job of a district, with the progress its page shows."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.territory.models import District


class JobState(models.TextChoices):
    QUEUED = "queued", _("Wartet")
    RUNNING = "running", _("Läuft")
    DONE = "done", _("Fertig")
    FAILED = "failed", _("Fehlgeschlagen")


class Job(models.Model):
    """One piece of heavy work (an import, a document) run by the task worker.

    ``runner`` is the dotted path of a plain function written by our own code
    (never user input); ``params`` its JSON arguments and ``upload`` the file
    it works on, cleared when the job ends. Progress is written outside the
    runner's own transaction so the page can show it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    title = models.CharField(_("Aufgabe"), max_length=200)
    runner = models.CharField(max_length=200, editable=False)
    params = models.JSONField(default=dict, blank=True, editable=False)
    upload = models.BinaryField(blank=True, editable=False)
    upload_name = models.CharField(max_length=255, blank=True, editable=False)
    state = models.CharField(_("Status"), max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    stage = models.CharField(_("Schritt"), max_length=200, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    #: what the user reads when the job has ended (a summary or the errors)
    message = models.TextField(blank=True)
    #: where the result can be seen (a list page, a download)
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Hintergrundaufgabe")
        verbose_name_plural = _("Hintergrundaufgaben")

    def __str__(self) -> str:
        return f"{self.title} ({self.get_state_display()})"

    @property
    def percent(self) -> int:
        if self.state == JobState.DONE:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)
