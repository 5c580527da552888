"""The stored opinion map of a statements process (one row per process, recomputed in the background)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.core.models import Job
from kreiskurs.territory.models import District

from .processes import Process


class OpinionMap(models.Model):
    """The last computed opinion map of a process and what is queued to replace it.

    ``result`` is exactly what ``kreiskurs opinion_map --format json`` prints
    (``docs/opinion-map.md``); ``shares`` adds, for the statements the page
    names, each group's votes on them (the tables compare a group with the
    others); ``chart`` and ``positions`` are the drawing, laid out once, so
    the page reads neither ``result`` nor every participant. ``votes_marker``
    identifies the votes the result was computed from (count, latest vote,
    statements moderated out): a different marker now means the result is
    out of date. ``computed_at`` is when the votes were read. The debounce rule lives in
    ``services.opinion``: ``queued_for`` is when the queued recomputation may
    start (empty: none queued), ``started_at`` when the last one started.
    """

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    process = models.OneToOneField(Process, on_delete=models.CASCADE, related_name="opinion_map")
    result = models.JSONField(default=dict, blank=True, editable=False)
    shares = models.JSONField(default=dict, blank=True, editable=False)
    #: what the page draws (``opinion.chart.layout``) and every placed participant's point (key ``p<id>``)
    chart = models.JSONField(default=dict, blank=True, editable=False)
    positions = models.JSONField(default=dict, blank=True, editable=False)
    votes_marker = models.CharField(max_length=64, blank=True, editable=False)
    vote_count = models.PositiveIntegerField(_("berücksichtigte Stimmen"), default=0, editable=False)
    computed_at = models.DateTimeField(_("berechnet am"), null=True, blank=True, editable=False)
    votes_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    queued_for = models.DateTimeField(null=True, blank=True, editable=False)
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    job = models.ForeignKey(Job, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False)

    class Meta:
        verbose_name = _("Meinungsbild")
        verbose_name_plural = _("Meinungsbilder")

    def __str__(self) -> str:
        return f"{self.process_id} ({self.computed_at})"

    @property
    def group_count(self) -> int:
        return len(self.chart.get("groups", []))

    @property
    def is_outdated(self) -> bool:
        """Votes changed after the result was computed (as the vote services reported it)."""
        if self.computed_at is None:
            return True
        return self.votes_changed_at is not None and self.votes_changed_at > self.computed_at
