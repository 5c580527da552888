"""Reads of generated documents and of the jobs that build them (who may see which)."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import Http404

from kreiskurs.core.models import Job
from kreiskurs.strategy.models import StrategyVersion
from kreiskurs.territory.models import District

from . import kinds
from .models import StoredDocument
from .services import RUNNER


def frozen_document(version: StrategyVersion, kind: str, file_format: str, language: str) -> StoredDocument | None:
    """The stored document of a frozen version (or closed process), if generated with the current stamp."""
    return (
        StoredDocument.objects.filter(
            version=version,
            kind=kind,
            file_format=file_format,
            language=language,
            job__isnull=True,
            stamp=kinds.stamp_of(version, kind),
        )
        .only("content", "sha256", "file_format", "kind", "version")
        .first()
    )


def job_for(user: Any, district: District, job_id: uuid.UUID) -> tuple[Job, StrategyVersion]:
    """A document job of ``district`` and its version, fetched and authorised in one step (404 for both).

    Everyone who may read a public version may follow its jobs (their result is public
    anyway); the job of a draft, or of an unpublished evaluation report, only its starter.
    """
    job = Job.objects.filter(pk=job_id, district=district, runner=RUNNER).first()
    if job is None:
        raise Http404
    version = (
        StrategyVersion.objects.visible_to(user)
        .filter(pk=job.params.get("version_id"), district=district)
        .select_related("strategy", "district")
        .first()
    )
    if version is None:
        raise Http404
    own = getattr(user, "is_superuser", False) or (job.created_by_id is not None and job.created_by_id == user.pk)
    if not own and not (version.is_public and job.params.get("public", True)):
        raise Http404
    return job, version


def job_document(job: Job) -> StoredDocument:
    document = StoredDocument.objects.filter(job=job).first()
    if document is None:
        raise Http404
    return document
