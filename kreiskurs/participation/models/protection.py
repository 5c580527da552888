"""Rate limits without personal data at rest: counters per hashed key and time window."""

from __future__ import annotations

from django.db import models

from kreiskurs.territory.models import District


class RateWindow(models.Model):
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)  # sha256 of kind + account or IP, keyed with the secret
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window_start"], name="rate_window_unique")]
        indexes = [models.Index(fields=["window_start"], name="rate_window_start")]

    def __str__(self) -> str:
        return f"{self.key[:8]} {self.window_start:%H:%M} {self.count}"


class PendingMail(models.Model):
    """A notification kept for a recipient's daily digest."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.subject
