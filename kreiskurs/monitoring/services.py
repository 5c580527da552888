"""Writes of the monitoring app: indicators by form and by file, measurements by form and by file.

File imports are all-or-nothing: :mod:`.importing` checks every row first
(the plan the upload page previews); any problem ends in
:class:`ImportRejected` listing the bad rows (line number in the file,
header = line 1; the sheet row for XLSX) and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kreiskurs.accounts.types import account_of
from kreiskurs.audit.services import record_change
from kreiskurs.core.jobs import start_job
from kreiskurs.core.models import Job
from kreiskurs.core.rows import save_district_row
from kreiskurs.planner_stats import refresh_after_commit
from kreiskurs.territory.models import District, Municipality

from .importing import (
    INDICATOR_COLUMNS,
    MEASUREMENT_COLUMNS,
    ImportPlan,
    ImportRejected,
    ImportSummary,
    Progress,
    compare_measurements,
    plan_indicators,
    plan_measurements,
)
from .models import Indicator, IndicatorLink, Measurement, PendingUpload, Scope
from .periods import parse_period

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor

__all__ = [
    "INDICATOR_COLUMNS",
    "MEASUREMENT_COLUMNS",
    "ImportPlan",
    "ImportRejected",
    "ImportSummary",
    "confirm_upload",
    "import_indicators",
    "import_measurements",
    "import_pending",
    "plan_indicators",
    "plan_measurements",
    "record_measurement",
    "save_indicator",
    "save_indicator_with_links",
    "set_indicator_links",
    "stage_upload",
]


@transaction.atomic
def import_indicators(*, by: Actor, district: District, data: bytes, filename: str) -> ImportSummary:
    """Create or update indicator definitions from a CSV or XLSX file (all or nothing)."""
    plan = plan_indicators(district=district, data=data, filename=filename)
    if plan.errors:
        raise plan.rejected()
    for indicator in plan.update:
        indicator.revision += 1
    for indicator in [*plan.create, *plan.update]:
        indicator.save()
    record_change(
        by=by, district=district, action="import", obj=district, changes={"Indikatoren": ("", str(plan.summary))}
    )
    return plan.summary


def import_measurements(
    *,
    by: Actor,
    district: District,
    data: bytes,
    filename: str,
    indicator_code: str = "",
    progress: Progress | None = None,
    pending: PendingUpload | None = None,
) -> ImportSummary:
    """Add or update measurements from a CSV or XLSX file (all or nothing).

    ``indicator_code`` names the indicator of a Regionalstatistik table (one column per period); a table with
    one row per value names it in its ``indicator_code`` column. The file is checked outside the transaction
    (so ``progress`` can be shown); the comparison with what is stored is made again inside it, where the
    values are written and a confirmed ``pending`` upload is consumed.
    """
    plan = plan_measurements(
        district=district, data=data, filename=filename, indicator_code=indicator_code, progress=progress
    )
    if plan.errors:
        raise plan.rejected()
    with transaction.atomic():
        if progress is not None:
            progress(_("Speichern"), len(plan.values), len(plan.values))
        _consume(pending)
        compare_measurements(plan, district)
        Measurement.objects.bulk_create(plan.create, batch_size=500)
        Measurement.objects.bulk_update(plan.update, ["value", "source", "note"], batch_size=500)
        refresh_after_commit(Measurement)  # fresh planner statistics once the import has landed
        record_change(
            by=by, district=district, action="import", obj=district, changes={"Messwerte": ("", str(plan.summary))}
        )
    return plan.summary


def _consume(pending: PendingUpload | None) -> None:
    """Delete a confirmed upload in the import's transaction; a second confirmation finds it gone."""
    if pending is not None and not PendingUpload.objects.filter(pk=pending.pk).delete()[0]:
        raise ImportRejected(pending.filename, [(None, _("Diese Datei wurde schon importiert."))])


#: how long an upload waits for its confirmation
PENDING_FOR = dt.timedelta(days=1)


@transaction.atomic
def stage_upload(
    *, by: Actor, district: District, kind: str, data: bytes, filename: str, indicator_code: str = ""
) -> tuple[PendingUpload | None, ImportPlan]:
    """Check an upload and, if it can be imported, keep it for its confirmation (nothing else is written).

    Returns the kept upload (``None`` for a file with errors) and the plan the preview shows. The person's
    previous upload in the district is replaced, and uploads older than :data:`PENDING_FOR` are removed on the
    way (of every user, so none lingers).
    """
    PendingUpload.objects.filter(created_at__lt=timezone.now() - PENDING_FOR).delete()
    # one upload per person and district waits: a new preview replaces the previous one
    uploader = account_of(by)
    if uploader is None:
        raise PermissionDenied  # a preview is kept for its person: only a signed-in account uploads
    PendingUpload.objects.filter(district=district, created_by=uploader).delete()
    plan = _plan(kind, district=district, data=data, filename=filename, indicator_code=indicator_code)
    if plan.errors:
        return None, plan
    pending = PendingUpload.objects.create(
        district=district,
        created_by=uploader,
        kind=kind,
        filename=filename[:255],
        indicator_code=indicator_code,
        data=data,
    )
    return pending, plan


#: confirmed uploads larger than this run as background work with visible progress
DEFAULT_BACKGROUND_BYTES = 256 * 1024


def confirm_upload(*, by: Actor, district: District, pending_id: int) -> ImportSummary | Job:
    """Import a previewed upload: small files at once, large ones as a background job with progress.

    Returns the summary, or the job whose page shows the progress and, at the end, the summary or the errors.
    """
    pending = _pending(by=by, district=district, pending_id=pending_id)
    limit = int(getattr(settings, "KREISKURS_IMPORT_BACKGROUND_BYTES", DEFAULT_BACKGROUND_BYTES))
    if pending.kind == "measurements" and len(pending.data) > limit:
        return start_job(
            by=by,
            district=district,
            title=_("Messwerte importieren: %(file)s") % {"file": pending.filename},
            runner="kreiskurs.monitoring.tasks.import_upload",
            params={"pending_id": pending.pk},
        )
    return import_pending(by=by, district=district, pending_id=pending.pk)


def import_pending(
    *, by: Actor, district: District, pending_id: int, progress: Progress | None = None
) -> ImportSummary:
    """Import a confirmed upload of this user and district (all or nothing) and forget it.

    The file is checked again: what is stored may have changed since the preview. A refused file is
    forgotten too (it has to be corrected and uploaded again).
    """
    pending = _pending(by=by, district=district, pending_id=pending_id)
    data, filename, code = bytes(pending.data), pending.filename, pending.indicator_code
    try:
        if pending.kind == "indicators":
            with transaction.atomic():
                _consume(pending)
                return import_indicators(by=by, district=district, data=data, filename=filename)
        return import_measurements(
            by=by,
            district=district,
            data=data,
            filename=filename,
            indicator_code=code,
            progress=progress,
            pending=pending,
        )
    except ImportRejected:
        PendingUpload.objects.filter(pk=pending.pk).delete()
        raise


def _pending(*, by: Actor, district: District, pending_id: int) -> PendingUpload:
    pending = PendingUpload.objects.filter(pk=pending_id, district=district, created_by=account_of(by)).first()
    if pending is None:
        raise ImportRejected("", [(None, _("Die Datei liegt nicht mehr vor; bitte erneut hochladen."))])
    return pending


def _plan(kind: str, *, district: District, data: bytes, filename: str, indicator_code: str) -> ImportPlan:
    if kind == "indicators":
        return plan_indicators(district=district, data=data, filename=filename)
    return plan_measurements(district=district, data=data, filename=filename, indicator_code=indicator_code)


@transaction.atomic
def record_measurement(
    *,
    by: Actor,
    indicator: Indicator,
    municipality: Municipality | None,
    period: str,
    value: Decimal,
    source: str = "",
    note: str = "",
) -> Measurement:
    """Enter or correct one value by form (same rules as the file import)."""
    if municipality is not None and municipality.district_id != indicator.district_id:
        raise ValidationError({"municipality": _("Die Gemeinde gehört nicht zu diesem Kreis.")})
    if municipality is not None and indicator.scope == Scope.DISTRICT:
        raise ValidationError({"municipality": _("Dieser Indikator gilt für den ganzen Kreis.")})
    try:
        parsed = parse_period(period)
    except ValueError as exc:
        raise ValidationError({"period": str(exc)}) from None
    measurement, created = Measurement.objects.select_for_update().get_or_create(
        indicator=indicator,
        municipality=municipality,
        period=parsed.label,
        defaults={
            "district": indicator.district,
            "period_start": parsed.start,
            "value": value,
            "source": source,
            "note": note,
        },
    )
    old = None if created else measurement.value
    if not created:
        measurement.value, measurement.source, measurement.note = value, source, note
        measurement.save()
    record_change(
        by=by,
        district=indicator.district,
        action="create" if created else "update",
        obj=measurement,
        changes={"value": (old, value)},
    )
    return measurement


def save_indicator(
    *, by: Actor, district: District, indicator: Indicator, values: dict[str, Any], expected_revision: int | None
) -> Indicator:
    """Create or edit one indicator definition by form (audited, no lost updates)."""
    return save_district_row(
        by=by, district=district, obj=indicator, values=values, expected_revision=expected_revision
    )


@transaction.atomic
def save_indicator_with_links(
    *,
    by: Actor,
    district: District,
    indicator: Indicator,
    values: dict[str, Any],
    expected_revision: int | None,
    goals: Iterable[uuid.UUID],
    measures: Iterable[uuid.UUID],
) -> Indicator:
    """The indicator form's one write: the definition and the goals and measures it measures, together."""
    saved = save_indicator(
        by=by, district=district, indicator=indicator, values=values, expected_revision=expected_revision
    )
    set_indicator_links(by=by, indicator=saved, goals=goals, measures=measures)
    return saved


@transaction.atomic
def set_indicator_links(
    *, by: Actor, indicator: Indicator, goals: Iterable[uuid.UUID], measures: Iterable[uuid.UUID]
) -> None:
    """Say which goals and measures (by lineage) the indicator measures; replaces the previous links."""
    wanted = {(IndicatorLink.Kind.GOAL, g) for g in goals} | {(IndicatorLink.Kind.MEASURE, m) for m in measures}
    current = {(link.kind, link.lineage): link for link in indicator.links.all()}
    for key in current.keys() - wanted:
        current[key].delete()
    IndicatorLink.objects.bulk_create(
        [
            IndicatorLink(district=indicator.district, indicator=indicator, kind=k, lineage=lin)
            for k, lin in wanted - current.keys()
        ]
    )
    if wanted != set(current):
        record_change(
            by=by,
            district=indicator.district,
            action="update",
            obj=indicator,
            changes={"Verknüpfungen": (len(current), len(wanted))},
        )
