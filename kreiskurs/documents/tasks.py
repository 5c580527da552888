"""The background work of the documents app (runners of ``core.jobs``)."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from kreiskurs.core.jobs import JobRefused, Outcome, Progress
from kreiskurs.core.models import Job
from kreiskurs.strategy.models import Measure, StrategyVersion

from . import kinds, services


def build_document(
    *,
    job: Job,
    progress: Progress,
    version_id: int,
    kind: str,
    file_format: str,
    language: str,
    public: bool = True,
) -> Outcome:
    """Read the content, lay it out as PDF or write it as DOCX, store it; the outcome links the file.

    ``public`` (false for a document only its starter may fetch) is read by ``stored.job_for``."""
    version = (
        StrategyVersion.objects.select_related("strategy", "district")
        .filter(pk=version_id, district=job.district)
        .first()
    )
    if version is None:
        raise JobRefused(_("Die Version gibt es nicht mehr."))
    if file_format == "pdf" and kind == "strategy" and Measure.objects.filter(version=version).count() >= 50:
        from .pdf_parts import warm_up

        warm_up()  # a long PDF (pdf.PARTS_FROM_BLOCKS): its fork server warms up while the content is read
    with translation.override(language):
        progress(_("Inhalt zusammenstellen"), 0, 3)
        doc = kinds.build(version, kind)
        doc.language = language
        if file_format == "pdf":
            from .pdf import build_pdf

            progress(_("Seiten setzen (PDF)"), 1, 3)
            content = build_pdf(doc)
        else:
            from .word import build_docx

            progress(_("Dokument schreiben (DOCX)"), 1, 3)
            content = build_docx(doc)
        progress(_("Speichern"), 2, 3)
        frozen = kinds.is_frozen(version, kind)
        stored = services.store_document(
            job=job,
            version=version,
            kind=kind,
            file_format=file_format,
            language=language,
            content=content,
            frozen=frozen,
            stamp=kinds.stamp_of(version, kind, doc),
        )
        if frozen:
            url = kinds.url_of(version, kind, file_format)
        else:
            from django.urls import reverse

            url = reverse("documents:job_file", args=[version.district.slug, job.pk])
        size = f"{len(stored.content) / 1024:.0f} KiB"
        return Outcome(_("Das Dokument ist fertig (%(size)s).") % {"size": size}, url)
