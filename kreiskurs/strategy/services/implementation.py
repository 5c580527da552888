"""Writes on the implementation of measures: status reports (append-only) and milestones reached."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kreiskurs.accounts.types import account_of
from kreiskurs.audit.labels import register_action_labels
from kreiskurs.audit.services import record_change
from kreiskurs.territory.models import Municipality

from .. import announcements
from ..models import Enrolment, Measure, MeasureMunicipality, Milestone, MilestoneCompletion, StatusReport, VersionState

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor


#: the actions this module writes into the audit log, in readable German (see ``kreiskurs.audit.labels``)
register_action_labels(
    {
        "enrolment": gettext_lazy("Beitritt oder Austritt einer Gemeinde erfasst"),
        "milestone": gettext_lazy("Meilenstein erreicht"),
        "withdraw_enrolment_request": gettext_lazy("Beitrittsanfrage einer Gemeinde zurückgezogen"),
    }
)


@transaction.atomic
def record_status_report(
    *,
    by: Actor,
    measure: Measure,
    date: dt.date,
    phase: str,
    progress: int,
    text: str,
    risks: str = "",
    next_steps: str = "",
    spent_budget: Decimal | None = None,
) -> StatusReport:
    """Append a status report to a measure's timeline (any version's row names the measure).

    Reports are never edited: a correction is a new report, so the timeline
    stays a faithful record of what was said when.
    """
    if date > timezone.localdate():
        raise ValidationError({"date": _("Ein Statusbericht kann nicht in der Zukunft liegen.")})
    earlier = StatusReport.objects.filter(district=measure.district, measure_lineage=measure.lineage)
    previous_phase = earlier.order_by("-date", "-id").values_list("phase", flat=True).first()
    report = StatusReport(
        district=measure.district,
        measure_lineage=measure.lineage,
        date=date,
        phase=phase,
        progress=progress,
        text=text,
        risks=risks,
        next_steps=next_steps,
        spent_budget=spent_budget,
        author=account_of(by),
    )
    report.full_clean()
    report.save()
    record_change(
        by=by,
        district=measure.district,
        action="status_report",
        obj=measure,
        changes={"phase": ("", report.get_phase_display()), "progress": ("", f"{progress} %")},
    )
    announcements.status_reported(measure=measure, report=report, previous_phase=previous_phase)
    return report


@transaction.atomic
def record_milestone_done(*, by: Actor, milestone: Milestone, done_on: dt.date | None) -> MilestoneCompletion | None:
    """Mark a milestone as reached on ``done_on`` (or, with None, as not reached after all).

    Works in every version, the adopted one included: the completion belongs
    to the milestone's identity, so it shows in later revisions too.
    """
    if done_on is not None and done_on > timezone.localdate():
        raise ValidationError({"done_on": _("Ein Meilenstein kann nicht in der Zukunft erreicht werden.")})
    current = MilestoneCompletion.objects.select_for_update().filter(milestone_lineage=milestone.lineage).first()
    if done_on is None and current is None and milestone.done_on is not None:
        raise ValidationError(
            {
                "done_on": _(
                    "Das Datum steht in der beschlossenen Fassung; ändern lässt es sich nur in einer Fortschreibung."
                )
            }
        )
    old = current.done_on if current else milestone.done_on
    if done_on is None:
        if current:
            current.delete()
        completion = None
    else:
        completion = current or MilestoneCompletion(district=milestone.district, milestone_lineage=milestone.lineage)
        completion.done_on = done_on
        completion.author = account_of(by)
        completion.full_clean()
        completion.save()
    if old != done_on:
        record_change(
            by=by,
            district=milestone.district,
            action="milestone",
            obj=milestone.measure,
            changes={f"Meilenstein {milestone.title}": (old, done_on)},
        )
    return completion


def _current_roles(measure: Measure) -> dict[int, str]:
    from ..selectors import participations_of

    return {row.municipality.pk: row.role for row in participations_of([measure])[measure.pk] if not row.pending}


def _apply_to_draft(by: Actor, enrolment: Enrolment) -> None:
    """Joining and leaving also change the open draft, so the next version starts from them."""
    from ..selectors import open_version

    draft = open_version(enrolment.version.district)
    if draft is None or not draft.is_editable:
        return
    measure = Measure.objects.filter(version=draft, lineage=enrolment.measure_lineage).first()
    if measure is None:
        return
    rows = MeasureMunicipality.objects.filter(measure=measure, municipality=enrolment.municipality)
    if enrolment.kind == Enrolment.Kind.LEAVE:
        rows.delete()
    elif not rows.update(role=enrolment.role):
        MeasureMunicipality.objects.create(
            district=measure.district, measure=measure, municipality=enrolment.municipality, role=enrolment.role
        )
    record_change(
        by=by,
        district=measure.district,
        action="update",
        obj=measure,
        changes={"participations": ("", f"{enrolment.municipality}: {enrolment.get_kind_display()}")},
    )


@transaction.atomic
def request_enrolment(
    *, by: Actor, measure: Measure, municipality: Municipality, kind: str, role: str = "rollout", note: str = ""
) -> Enrolment:
    """A municipality joins (with a role) or leaves a measure of the adopted version.

    Where the measure needs the district's confirmation, joining waits as a
    request; leaving never needs one.
    """
    if measure.version.state != VersionState.ADOPTED:
        raise ValidationError(_("Beitreten und austreten geht bei Maßnahmen der geltenden Fassung."))
    if municipality.district_id != measure.district_id:
        raise ValidationError({"municipality": _("Die Gemeinde gehört nicht zu diesem Kreis.")})
    roles = _current_roles(measure)
    if kind == Enrolment.Kind.JOIN and roles.get(municipality.pk) == role:
        raise ValidationError(_("Die Gemeinde ist in dieser Rolle bereits beteiligt."))
    if kind == Enrolment.Kind.LEAVE and municipality.pk not in roles:
        raise ValidationError(_("Die Gemeinde ist an dieser Maßnahme nicht beteiligt."))
    needs = kind == Enrolment.Kind.JOIN and measure.join_needs_confirmation
    enrolment = Enrolment(
        district=measure.district,
        version=measure.version,
        measure_lineage=measure.lineage,
        municipality=municipality,
        kind=kind,
        role=role,
        note=note,
        state=Enrolment.State.REQUESTED if needs else Enrolment.State.CONFIRMED,
        requested_by=account_of(by),
        decided_at=None if needs else timezone.now(),
    )
    enrolment.full_clean()
    enrolment.save()
    record_change(
        by=by,
        district=measure.district,
        action="enrolment",
        obj=measure,
        changes={str(municipality): ("", f"{enrolment.get_kind_display()} ({enrolment.get_state_display()})")},
    )
    if not needs:
        _apply_to_draft(by, enrolment)
    return enrolment


@transaction.atomic
def decide_enrolment(*, by: Actor, enrolment: Enrolment, confirm: bool, note: str = "") -> Enrolment:
    current = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if current.state != Enrolment.State.REQUESTED:
        raise ValidationError(_("Über diese Anfrage ist bereits entschieden."))
    current.state = Enrolment.State.CONFIRMED if confirm else Enrolment.State.DECLINED
    current.note = note or current.note
    current.decided_by = account_of(by)
    current.decided_at = timezone.now()
    current.save()
    measure = Measure.objects.get(version=current.version, lineage=current.measure_lineage)
    record_change(
        by=by,
        district=current.district,
        action="enrolment",
        obj=measure,
        changes={str(current.municipality): (Enrolment.State.REQUESTED.label, current.get_state_display())},
    )
    if confirm:
        _apply_to_draft(by, current)
    return current


@transaction.atomic
def withdraw_enrolment_request(*, by: Actor, request: Enrolment) -> Enrolment:
    """The municipality takes back its open join request before the district decides.

    Only the requesting municipality's contact or the strategy team may (the rule
    ``strategy.enrol_municipality`` on the municipality), and only while it is open.
    The row stays, marked withdrawn, so the request's history is kept.
    """
    current = Enrolment.objects.select_for_update().select_related("municipality").get(pk=request.pk)
    if not rules.has_perm("strategy.enrol_municipality", by, current.municipality):
        raise PermissionDenied(_("Nur die Gemeinde selbst oder das Strategieteam kann die Anfrage zurückziehen."))
    if current.state != Enrolment.State.REQUESTED:
        raise ValidationError(
            _("Über diese Anfrage ist bereits entschieden; sie kann nicht mehr zurückgezogen werden.")
        )
    current.state = Enrolment.State.WITHDRAWN
    current.decided_by = account_of(by)
    current.decided_at = timezone.now()
    current.save(update_fields=["state", "decided_by", "decided_at"])
    measure = Measure.objects.get(version=current.version, lineage=current.measure_lineage)
    record_change(
        by=by,
        district=current.district,
        action="withdraw_enrolment_request",
        obj=measure,
        changes={str(current.municipality): (Enrolment.State.REQUESTED.label, current.get_state_display())},
    )
    return current
