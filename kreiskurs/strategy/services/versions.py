"""Writes on versions: create, consultation, adoption, adoption records, revision."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kreiskurs.audit.services import record_change
from kreiskurs.core.editing import lock_for_edit
from kreiskurs.core.rows import apply_values
from kreiskurs.territory.models import District, Municipality

from .. import adoption, announcements
from ..copying import copy_version_elements
from ..models import (
    Adoption,
    FieldOfAction,
    Strategy,
    StrategyVersion,
    VersionState,
)
from .base import _require_draft
from .ranks import rank_measures

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor


@transaction.atomic
def create_strategy(
    *, by: Actor, district: District, title: str = "Digitalstrategie", is_example: bool = False
) -> Strategy:
    """Create the district's strategy with an empty draft as version 1."""
    strategy = Strategy(district=district, title=title, is_example=is_example)
    strategy.full_clean()
    strategy.save()
    version = StrategyVersion.objects.create(district=district, strategy=strategy, number=1)
    record_change(by=by, district=district, action="create", obj=version)
    return strategy


class VersionText(TypedDict, total=False):
    """The texts of a version staff edit; a missing key leaves the text as it is."""

    vision_title: str
    vision_text: str
    change_summary: str


@transaction.atomic
def update_version_text(
    *, by: Actor, version: StrategyVersion, values: VersionText, expected_revision: int | None
) -> StrategyVersion:
    """Edit the vision and the change summary of a draft."""
    _require_draft(version)
    current = lock_for_edit(version, expected_revision)
    _require_draft(current)
    given: dict[str, Any] = {k: v for k, v in values.items() if k in VersionText.__annotations__}
    changes = apply_values(current, given)
    if changes:
        current.revision += 1
        current.full_clean()
        current.save()
        record_change(
            by=by, district=current.district, action="update", obj=current, changes=changes, revision=current.revision
        )
    return current


@transaction.atomic
def set_version_state(
    *, by: Actor, version: StrategyVersion, state: str, until: dt.date | None = None
) -> StrategyVersion:
    """Open a draft for consultation (public, frozen) or take it back into draft.

    ``until`` is the consultation's deadline, the last day the public may comment and rate; it is
    shown on the version's pages and cannot lie in the past. Taking the version back into draft
    keeps it, for the next release.
    """
    current = StrategyVersion.objects.select_for_update().get(pk=version.pk)
    allowed = {(VersionState.DRAFT, VersionState.CONSULTATION), (VersionState.CONSULTATION, VersionState.DRAFT)}
    if (current.state, state) not in allowed:
        raise ValidationError(
            _("Übergang von %(old)s nach %(new)s ist nicht möglich."), params={"old": current.state, "new": state}
        )
    changes: dict[str, Any] = {"state": (current.state, state)}
    current.state = state
    if state == VersionState.CONSULTATION and until is not None:
        if until < timezone.localdate():
            raise ValidationError({"until": _("Das Ende der Beteiligung darf nicht in der Vergangenheit liegen.")})
        if until != current.consultation_until:
            changes["consultation_until"] = (current.consultation_until, until)
        current.consultation_until = until
    current.save(update_fields=["state", "consultation_until"])
    record_change(by=by, district=current.district, action="state", obj=current, changes=changes)
    return current


@transaction.atomic
def adopt_version(
    *,
    by: Actor,
    version: StrategyVersion,
    body: str,
    date: dt.date,
    reference: str,
    url: str = "",
    municipality: Municipality | None = None,
    settle: bool = False,
) -> StrategyVersion:
    """Freeze a draft (or a version in consultation) as adopted, with its first adoption record.

    ``body``, ``date``, ``reference``, ``url`` and ``municipality`` are the council's
    resolution (the fields of ``Adoption``, see ``record_adoption``); ``date`` is the day
    the council decided, which becomes the version's ``adopted_at``; it cannot lie in the future.

    What is still open on the version (``adoption.open_items``: running processes, open evaluation
    rounds, contributions awaiting a response) refuses the adoption, unless the user confirms with
    ``settle=True``: then processes and rounds are closed today, in the same transaction.

    The previously adopted version becomes superseded; its open join requests and later enrolments
    move to this version (``adoption.carry_enrolments``). From now on no service changes the
    version's rows.
    """
    current = StrategyVersion.objects.select_for_update().get(pk=version.pk)
    if current.state not in (VersionState.DRAFT, VersionState.CONSULTATION):
        raise ValidationError(_("Nur ein Entwurf kann beschlossen werden."), code="not_draft")
    if not FieldOfAction.objects.filter(version=current).exists():
        raise ValidationError(_("Eine Version ohne Handlungsfelder kann nicht beschlossen werden."), code="empty")
    today = timezone.localdate()
    if date > today:
        raise ValidationError({"date": _("Das Beschlussdatum darf nicht in der Zukunft liegen.")}, code="future")
    items = adoption.open_items(current)
    if items and not settle:
        raise ValidationError(adoption.refusal_message(items), code="open_items")
    if items:
        adoption.settle_open_items(by=by, version=current, today=today)
    previous_versions = list(StrategyVersion.objects.filter(strategy=current.strategy, state=VersionState.ADOPTED))
    for previous in previous_versions:
        previous.state = VersionState.SUPERSEDED
        previous.save(update_fields=["state"])
        record_change(by=by, district=current.district, action="supersede", obj=previous)
    current.state = VersionState.ADOPTED
    # the date the council decided (the first adoption record), not the moment of data entry
    current.adopted_at = timezone.make_aware(dt.datetime.combine(date, dt.time(12)))
    current.save(update_fields=["state", "adopted_at"])
    rank_measures(version=current)  # its rows are frozen from now on: ranked once, with them
    settled = {item.key: (item.count, 0 if item.settled_by_adoption else item.count) for item in items}
    record_change(by=by, district=current.district, action="adopt", obj=current, changes=settled)
    for previous in previous_versions:
        adoption.carry_enrolments(by=by, old=previous, new=current)
    record_adoption(
        by=by, version=current, body=body, date=date, reference=reference, url=url, municipality=municipality
    )
    announcements.version_adopted(version=current, previous=previous_versions[0] if previous_versions else None)
    return current


@transaction.atomic
def record_adoption(
    *,
    by: Actor,
    version: StrategyVersion,
    body: str,
    date: dt.date,
    reference: str,
    url: str = "",
    municipality: Municipality | None = None,
) -> Adoption:
    """Add a council's resolution to an adopted version (Kreistag, municipal councils)."""
    if version.state not in (VersionState.ADOPTED, VersionState.SUPERSEDED):
        raise ValidationError(_("Beschlüsse können nur zu einer beschlossenen Version erfasst werden."))
    if municipality is not None and municipality.district_id != version.district_id:
        raise ValidationError({"municipality": _("Die Gemeinde gehört nicht zu diesem Kreis.")})
    adoption = Adoption(
        district=version.district,
        version=version,
        body=body,
        date=date,
        reference=reference,
        url=url,
        municipality=municipality,
    )
    adoption.full_clean()
    adoption.save()
    record_change(by=by, district=version.district, action="record_adoption", obj=adoption)
    return adoption


@transaction.atomic
def start_revision(*, by: Actor, strategy: Strategy, change_summary: str = "") -> StrategyVersion:
    """Open a new draft from the latest adopted version (Fortschreibung).

    Every element is copied with its lineage, so comparisons and histories
    follow it across versions.
    """
    if StrategyVersion.objects.filter(
        strategy=strategy, state__in=[VersionState.DRAFT, VersionState.CONSULTATION]
    ).exists():
        raise ValidationError(_("Es gibt bereits einen offenen Entwurf."), code="open_draft")
    source = StrategyVersion.objects.filter(strategy=strategy, state=VersionState.ADOPTED).order_by("-number").first()
    if source is None:
        raise ValidationError(_("Es gibt noch keine beschlossene Version."), code="no_adopted")
    number = (StrategyVersion.objects.filter(strategy=strategy).aggregate(n=models.Max("number"))["n"] or 0) + 1
    draft = StrategyVersion.objects.create(
        district=strategy.district,
        strategy=strategy,
        number=number,
        based_on=source,
        vision_title=source.vision_title,
        vision_text=source.vision_text,
        change_summary=change_summary,
    )
    copy_version_elements(source=source, target=draft)
    record_change(by=by, district=strategy.district, action="start_revision", obj=draft)
    return draft
