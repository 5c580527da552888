"""Generated documents: the bytes of a PDF or DOCX with their SHA-256 (derived data, not domain rows)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.core.models import Job
from kreiskurs.strategy.models import StrategyVersion
from kreiskurs.territory.models import District


class FileFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"


class StoredDocument(models.Model):
    """One generated document.

    A document of a frozen (adopted or superseded) version has no ``job``: it is
    generated once per kind, format and language and served unchanged (the same
    bytes) until its ``stamp`` no longer matches (see ``strategy.renderings.stamp_for``).
    A document of a version that can still change belongs to the ``job`` that
    built it: only that job's page links it, and it is replaced by the next job.
    See docs/decisions/0025-documents-with-weasyprint-and-python-docx.md.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(StrategyVersion, on_delete=models.CASCADE, related_name="+")
    #: "strategy", "compare:<older version id>", "evaluation:<round id>"
    kind = models.CharField(max_length=40)
    file_format = models.CharField(_("Format"), max_length=4, choices=FileFormat.choices)
    language = models.CharField(max_length=10)
    stamp = models.CharField(max_length=100)
    job = models.OneToOneField(Job, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Erzeugtes Dokument")
        verbose_name_plural = _("Erzeugte Dokumente")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "kind", "file_format", "language"],
                condition=models.Q(job__isnull=True),
                name="stored_document_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.file_format} {self.language} of version {self.version_id}"
