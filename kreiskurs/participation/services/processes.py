"""Writes on processes and their phases (staff)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kreiskurs.audit.labels import register_action_labels
from kreiskurs.audit.services import record_change
from kreiskurs.strategy.models import StrategyVersion, VersionState
from kreiskurs.territory.models import District

from ..models import Phase, Process
from ..templates_catalogue import TEMPLATES
from ..text import clean_line, clean_text

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor


#: the actions this module writes into the audit log, in readable German (see ``kreiskurs.audit.labels``)
register_action_labels({"publish": gettext_lazy("veröffentlicht"), "unpublish": gettext_lazy("zurückgezogen")})


@transaction.atomic
def create_process(
    *,
    by: Actor,
    district: District,
    template: str,
    title: str,
    summary: str = "",
    version: StrategyVersion | None = None,
    start: dt.datetime | None = None,
    moderation: str = Process.Moderation.POST,
    allow_pseudonymous: bool = False,
) -> Process:
    """A new (unpublished) process with the template's phases, one after the other from ``start``.

    Only a released version can be linked (in consultation, adopted, superseded): the process's pages show
    its text to the public, and a working draft is not public."""
    if version is not None and version.district_id != district.pk:
        raise ValidationError({"version": _("Die Version gehört nicht zu diesem Kreis.")})
    _require_released(version, template)
    process = Process(
        district=district,
        version=version,
        template=template,
        title=clean_line(title),
        summary=clean_text(summary),
        moderation=moderation,
        allow_pseudonymous=allow_pseudonymous,
    )
    process.full_clean()
    process.save()
    begin = start or timezone.now()
    for kind, phase_title, days in TEMPLATES[template]:
        end = begin + dt.timedelta(days=days)
        Phase.objects.create(
            district=district, process=process, kind=kind, title=str(phase_title), start=begin, end=end
        )
        begin = end
    record_change(by=by, district=district, action="create", obj=process)
    return process


#: commenting the text and prioritising its measures are about a version in consultation
CONSULTATION_TEMPLATES = (Process.Template.DRAFT, Process.Template.PRIORITISE)


def _require_released(version: StrategyVersion | None, template: str) -> None:
    if version is not None and not StrategyVersion.objects.public().filter(pk=version.pk).exists():
        raise ValidationError(
            {
                "version": _(
                    "Nur eine freigegebene Version (in Beteiligung, beschlossen oder abgelöst) kann mit einem "
                    "Verfahren verknüpft werden. Veröffentlichen Sie den Entwurf zuerst zur Beteiligung."
                )
            }
        )
    if version is not None and template in CONSULTATION_TEMPLATES:
        state = StrategyVersion.objects.filter(pk=version.pk).values_list("state", flat=True).first()
        if state != VersionState.CONSULTATION:
            raise ValidationError(
                {
                    "version": _(
                        "Entwurf kommentieren und Priorisieren sind nur zu einer Version in Beteiligung möglich. "
                        "Veröffentlichen Sie den Entwurf zuerst zur Beteiligung."
                    )
                }
            )


class ProcessFields(TypedDict, total=False):
    """What staff change about a process; a missing key leaves the field as it is."""

    title: str
    summary: str
    version: StrategyVersion | None
    moderation: str
    allow_pseudonymous: bool


def process_fields(data: Mapping[str, Any]) -> ProcessFields:
    """The ``ProcessFields`` of the process form's cleaned data."""
    return ProcessFields(
        title=data["title"],
        summary=data["summary"],
        version=data["version"],
        moderation=data["moderation"],
        allow_pseudonymous=data["allow_pseudonymous"],
    )


@transaction.atomic
def update_process(*, by: Actor, process: Process, values: ProcessFields) -> Process:
    """Change a process's title, summary, linked version, moderation or pseudonymous participation."""
    current = Process.objects.select_for_update().get(pk=process.pk)
    changes = {}
    given: dict[str, Any] = dict(values)
    for name, value in given.items():
        if name not in ProcessFields.__annotations__:
            continue  # the type says so; a dict from elsewhere may carry more
        value = clean_line(value) if name == "title" else clean_text(value) if name == "summary" else value
        if getattr(current, name) != value:
            changes[name] = (getattr(current, name), value)
            setattr(current, name, value)
    if current.version is not None and current.version.district_id != current.district_id:
        raise ValidationError({"version": _("Die Version gehört nicht zu diesem Kreis.")})
    if "version" in changes:
        _require_released(current.version, current.template)
    current.full_clean()
    if changes:
        current.revision += 1
        current.save()
        record_change(by=by, district=current.district, action="update", obj=current, changes=changes)
    return current


@transaction.atomic
def set_published(*, by: Actor, process: Process, published: bool) -> Process:
    current = Process.objects.select_for_update().get(pk=process.pk)
    if published and not current.phases.exists():
        raise ValidationError(_("Ein Verfahren ohne Phasen kann nicht veröffentlicht werden."))
    if current.published != published:
        current.published = published
        current.save(update_fields=["published"])
        record_change(by=by, district=current.district, action="publish" if published else "unpublish", obj=current)
    return current


def _check_overlap(process: Process, start: dt.datetime, end: dt.datetime, exclude: int | None) -> None:
    others = Phase.objects.filter(process=process, start__lt=end, end__gt=start)
    if exclude:
        others = others.exclude(pk=exclude)
    clash = others.first()
    if clash:
        raise ValidationError(_("Die Phase überschneidet sich mit „%(p)s“.") % {"p": clash.title})


@transaction.atomic
def save_phase(
    *,
    by: Actor,
    process: Process,
    phase: Phase | None,
    kind: str,
    title: str,
    start: dt.datetime,
    end: dt.datetime,
    description: str = "",
) -> Phase:
    """Create or change a phase; phases of one process never overlap."""
    Process.objects.select_for_update().get(pk=process.pk)
    if end <= start:
        raise ValidationError({"end": _("Das Ende der Phase liegt nicht nach ihrem Beginn.")})
    _check_overlap(process, start, end, phase.pk if phase else None)
    row = phase or Phase(district=process.district, process=process)
    old = (row.kind, row.title, row.start, row.end) if phase else None
    row.kind, row.title, row.start, row.end = kind, clean_line(title), start, end
    row.description = clean_text(description)
    row.full_clean()
    row.save()
    if old != (row.kind, row.title, row.start, row.end):
        record_change(
            by=by,
            district=process.district,
            action="update" if phase else "create",
            obj=process,
            changes={f"Phase {row.title}": (str(old) if old else "", f"{row.start:%d.%m.%Y} – {row.end:%d.%m.%Y}")},
        )
    return row


@transaction.atomic
def delete_phase(*, by: Actor, phase: Phase) -> None:
    process = phase.process
    record_change(
        by=by,
        district=process.district,
        action="update",
        obj=process,
        changes={f"Phase {phase.title}": (phase.title, "")},
    )
    phase.delete()
