"""Document downloads: serve a stored document, or offer to generate it and show the job's progress.

GET never starts work: it serves the stored document of a frozen version, or a page
with a button that POSTs to the same address; the POST starts the job and leads to
its progress page, polled with htmx, which links the file when it is ready.
"""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_safe

from kreiskurs.core.http import HtmxHttpRequest
from kreiskurs.evaluation.models import EvaluationRound
from kreiskurs.participation.selectors import process_for
from kreiskurs.strategy import selectors as strategy_selectors
from kreiskurs.strategy.models import StrategyVersion
from kreiskurs.territory.selectors import district_by_slug

from . import kinds, services, stored
from .models import FileFormat, StoredDocument

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _file(document: StoredDocument, filename: str, *, public: bool) -> HttpResponse:
    response = HttpResponse(bytes(document.content), content_type=CONTENT_TYPES[document.file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = f'"{document.sha256}"'
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    return response


def _offer_or_serve(
    request: HttpRequest, version: StrategyVersion, kind: str, file_format: str, *, public: bool = True
) -> HttpResponse:
    if file_format not in kinds.FORMATS[kinds.split(kind)[0]]:
        raise Http404
    language = get_language() or "de"
    title = kinds.title_of(version, kind)
    if request.method == "POST":
        job = services.start_document(
            by=request.user,
            version=version,
            kind=kind,
            file_format=file_format,
            language=language,
            title=title,
            public=public,
        )
        return redirect("documents:progress", version.district.slug, job.pk)
    frozen = kinds.is_frozen(version, kind)
    if frozen and public:
        document = stored.frozen_document(version, kind, file_format, language)
        if document is not None:
            return _file(document, kinds.filename_of(version, kind, file_format), public=True)
    context = {
        "district": version.district,
        "version": version,
        "title": title,
        "format_label": FileFormat(file_format).label,
        "frozen": frozen,
        "consideration": kinds.split(kind)[0] == "consideration",
    }
    return render(request, "documents/offer.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def version_document(request: HttpRequest, slug: str, number: int, file_format: str) -> HttpResponse:
    """The strategy of version ``number`` as PDF or DOCX (drafts only for those who may see them)."""
    version = strategy_selectors.version_for(district_by_slug(slug), request.user, number)
    return _offer_or_serve(request, version, "strategy", file_format)


@require_http_methods(["GET", "HEAD", "POST"])
def compare_document(request: HttpRequest, slug: str, old: int, new: int, file_format: str) -> HttpResponse:
    """What changed from version ``old`` to version ``new`` (both visible to the reader)."""
    district = district_by_slug(slug)
    if old == new:
        raise Http404
    older = strategy_selectors.version_for(district, request.user, old)
    newer = strategy_selectors.version_for(district, request.user, new)
    # a frozen comparison needs both sides frozen (the newer one is frozen whenever the older one is)
    frozen = kinds.is_frozen(older, "strategy") and kinds.is_frozen(newer, "strategy")
    return _offer_or_serve(request, newer, f"compare:{older.pk}", file_format, public=frozen or newer.is_public)


@require_http_methods(["GET", "HEAD", "POST"])
def evaluation_document(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The report of an evaluation round as PDF: published rounds for everyone, open ones for members."""
    district = district_by_slug(slug)
    evaluation = get_object_or_404(
        EvaluationRound.objects.select_related("version__strategy"), district=district, pk=pk
    )
    published = not evaluation.is_open and evaluation.published_at is not None
    if not published and not strategy_selectors.can_view_internal(request.user, district):
        raise Http404
    return _offer_or_serve(request, evaluation.version, f"evaluation:{evaluation.pk}", "pdf", public=published)


@require_http_methods(["GET", "HEAD", "POST"])
def consideration_document(request: HttpRequest, slug: str, pk: int, file_format: str) -> HttpResponse:
    """The consideration table of process ``pk`` as PDF or DOCX, for whoever may read the process's table
    (a process about no strategy version has none: its table is on the page and in the CSV)."""
    process = process_for(request.user, district_by_slug(slug), pk)
    if process.version is None:
        raise Http404
    kind = f"consideration:{process.pk}"
    return _offer_or_serve(request, process.version, kind, file_format, public=process.published)


@require_safe
def progress(request: HtmxHttpRequest, slug: str, job_id: uuid.UUID) -> HttpResponse:
    job, version = stored.job_for(request.user, district_by_slug(slug), job_id)
    template = "documents/progress.html#status" if request.htmx else "documents/progress.html"
    return render(request, template, {"job": job, "version": version, "district": version.district})


@require_safe
def job_file(request: HttpRequest, slug: str, job_id: uuid.UUID) -> HttpResponse:
    """The document a job built for a version that can still change (never served at a public address)."""
    job, version = stored.job_for(request.user, district_by_slug(slug), job_id)
    document = stored.job_document(job)
    return _file(document, kinds.filename_of(version, document.kind, document.file_format), public=False)
