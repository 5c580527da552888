"""Reminder e-mails about overdue status reports."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kreiskurs.accounts.models import Membership, Role
from kreiskurs.core.mail import queue_mail
from kreiskurs.territory.models import District

from .. import selectors
from ..models import ReportReminder

#: a measure is reminded about at most once in this period
QUIET_DAYS = 7


@dataclass
class ReminderRun:
    mails: int = 0
    measures: int = 0


@transaction.atomic
def send_report_reminders(*, district: District, now: dt.datetime | None = None, dry_run: bool = False) -> ReminderRun:
    """Mail each measure lead about their overdue reports; measures without a lead go to the strategy team.

    A measure is reminded about at most once a week; the reminders sent are logged.
    """
    now = now or timezone.now()
    version = selectors.current_version(district)
    run = ReminderRun()
    if version is None:
        return run
    quiet = now - dt.timedelta(days=QUIET_DAYS)
    recent = set(
        ReportReminder.objects.filter(district=district, sent_at__gte=quiet).values_list("measure_lineage", flat=True)
    )
    overdue = [r for r in selectors.due_reports(version) if r.due < now.date() and r.measure.lineage not in recent]
    if not overdue:
        return run
    members = Membership.objects.filter(district=district).select_related("user")
    leads: dict[object, list[str]] = defaultdict(list)
    team: list[str] = []
    for m in members:
        if not m.user.mail_address or not m.user.is_active:  # no address, or not confirmed yet
            continue
        if m.role == Role.MEASURE_LEAD:
            leads[m.measure_lineage].append(m.user.mail_address)
        elif m.role == Role.STRATEGY_TEAM:
            team.append(m.user.mail_address)
    letters: dict[str, list[str]] = defaultdict(list)
    for row in overdue:
        line = _("- %(code)s %(title)s: fällig seit %(due)s") % {
            "code": row.measure.code,
            "title": row.measure.title,
            "due": format(row.due, "%d.%m.%Y"),
        }
        for address in leads.get(row.measure.lineage) or team:
            letters[address].append(line)
    for address, lines in letters.items():
        if not dry_run:
            queue_mail(
                subject=_("Kreiskurs %(district)s: Statusberichte fällig") % {"district": district.display_name},
                body=_(
                    "Guten Tag,\n\nfür folgende Maßnahmen ist ein Statusbericht fällig:\n\n%(lines)s\n\n"
                    "Bitte erfassen Sie ihn unter %(url)s\n"
                )
                % {"lines": "\n".join(sorted(lines)), "url": f"/{district.slug}/verwaltung/umsetzung/"},
                to=[address],
            )
        run.mails += 1
    if not dry_run:
        ReportReminder.objects.bulk_create(
            [
                ReportReminder(
                    district=district,
                    measure_lineage=row.measure.lineage,
                    sent_at=now,
                    recipients=len(leads.get(row.measure.lineage) or team),
                )
                for row in overdue
            ]
        )
    run.measures = len(overdue)
    return run
