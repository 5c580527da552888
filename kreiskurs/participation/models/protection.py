"""Mail kept for digests (rate limits are counted by ``kreiskurs/accounts/ratelimit.py``)."""

from __future__ import annotations

from django.db import models

from kreiskurs.territory.models import District


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
