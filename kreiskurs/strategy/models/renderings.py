"""Stored renderings of frozen versions (derived data, not domain rows)."""

from __future__ import annotations

from django.db import models

from kreiskurs.territory.models import District

from .versions import StrategyVersion


class StoredRendering(models.Model):
    """One rendered part of a frozen version (print view, API document, comparison) in one language.

    An adopted or superseded version never changes, so what is rendered from
    its rows is rendered once and kept here (not in the cache: it survives
    restarts and is shared by every worker). ``stamp`` names everything else
    the rendering depends on (its format and the district's Gebietsstand,
    which fixes municipality names); a row with another stamp is rebuilt.
    See docs/decisions/0017-stored-renderings-of-frozen-versions.md.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(StrategyVersion, on_delete=models.CASCADE, related_name="renderings")
    kind = models.CharField(max_length=40)
    language = models.CharField(max_length=10)
    part = models.PositiveIntegerField(default=0)
    stamp = models.CharField(max_length=100)
    content = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "kind", "language", "part"], name="stored_rendering_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.language} {self.part} of version {self.version_id}"
