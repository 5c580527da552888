"""Evaluations planned ahead and the team's reminder; open rounds at the adoption of a new version.

Writes are services like those in ``services.py`` (keyword-only, atomic, audited); they live here because
they are about the calendar, not about a round's content.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kreiskurs.accounts.models import Membership, Role
from kreiskurs.audit.labels import register_action_labels
from kreiskurs.audit.services import record_change
from kreiskurs.core.mail import queue_mail
from kreiskurs.strategy.adoption import OpenItem
from kreiskurs.strategy.models import StrategyVersion
from kreiskurs.territory.models import District

from .models import EvaluationPlan, EvaluationRound

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor

#: a plan shows on "Meine Aufgaben" from this many days before its date
REMIND_AHEAD = 30

register_action_labels(
    {
        "plan_evaluation": gettext_lazy("Evaluation geplant"),
        "complete_plan": gettext_lazy("geplante Evaluation erledigt"),
        "close_round": gettext_lazy("Evaluationsrunde mit dem Beschluss beendet"),
    }
)


@transaction.atomic
def plan_evaluation(
    *, by: Actor, district: District, title: str, due_on: dt.date, repeat_months: int = 12
) -> EvaluationPlan:
    """Plan an evaluation for ``due_on`` (repeating every ``repeat_months`` months; 0 = once)."""
    plan = EvaluationPlan(district=district, title=title.strip(), due_on=due_on, repeat_months=repeat_months)
    plan.full_clean()
    plan.save()
    record_change(by=by, district=district, action="plan_evaluation", obj=plan)
    return plan


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - some day of every month exists


@transaction.atomic
def complete_plan(*, by: Actor, plan: EvaluationPlan, expected_revision: int | None) -> EvaluationPlan:
    """The planned evaluation took place: a repeating plan moves on by its interval, a single one is done."""
    current = EvaluationPlan.objects.select_for_update().get(pk=plan.pk)
    if expected_revision is not None and current.revision != expected_revision:
        raise ValidationError(_("Die Planung wurde inzwischen geändert. Bitte laden Sie die Seite neu."))
    if current.done:
        raise ValidationError(_("Diese Evaluation ist bereits erledigt."))
    old = current.due_on
    if current.repeat_months:
        current.due_on = _add_months(current.due_on, current.repeat_months)
        current.reminded_on = None
    else:
        current.done = True
    current.revision += 1
    current.save()
    record_change(
        by=by,
        district=current.district,
        action="complete_plan",
        obj=current,
        changes={"due_on": (old.isoformat(), current.due_on.isoformat())},
        revision=current.revision,
    )
    return current


def plans_coming_up(district: District, today: dt.date | None = None) -> list[EvaluationPlan]:
    """Plans due within ``REMIND_AHEAD`` days or overdue, for "Meine Aufgaben"."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=REMIND_AHEAD)
    return list(EvaluationPlan.objects.filter(district=district, done=False, due_on__lte=horizon))


@transaction.atomic
def send_evaluation_reminders(*, today: dt.date | None = None) -> int:
    """E-mail the strategy team (confirmed addresses) of every district once per due plan; returns the mails."""
    today = today or timezone.localdate()
    sent = 0
    due = EvaluationPlan.objects.select_for_update().filter(done=False, due_on__lte=today, reminded_on__isnull=True)
    for plan in due.select_related("district"):
        members = Membership.objects.filter(district=plan.district, role=Role.STRATEGY_TEAM).select_related("user")
        addresses = sorted({m.user.mail_address for m in members if m.user.mail_address})
        link = f"{settings.KREISKURS_BASE_URL}{reverse('evaluation_manage:list', args=[plan.district.slug])}"
        subject = _("Evaluation fällig: %(t)s") % {"t": plan.title}
        body = _("Die geplante Evaluation „%(t)s“ ist seit %(d)s fällig.\n\n%(link)s") % {
            "t": plan.title,
            "d": plan.due_on.strftime("%d.%m.%Y"),
            "link": link,
        }
        for address in addresses:
            queue_mail(subject=subject, body=body, to=[address])
            sent += 1
        plan.reminded_on = today
        plan.save(update_fields=["reminded_on"])
    return sent


def _open_rounds(version: StrategyVersion) -> list[EvaluationRound]:
    return list(
        EvaluationRound.objects.filter(district=version.district, state=EvaluationRound.State.OPEN).order_by("title")
    )


def open_rounds(version: StrategyVersion) -> list[OpenItem]:
    """Rounds still open in the district: they rate the version about to be superseded."""
    rounds = _open_rounds(version)
    if not rounds:
        return []
    label = ngettext(
        "%(n)s Evaluationsrunde ist noch offen: %(titles)s",
        "%(n)s Evaluationsrunden sind noch offen: %(titles)s",
        len(rounds),
    ) % {"n": len(rounds), "titles": ", ".join(r.title for r in rounds)}
    return [OpenItem("rounds", label, len(rounds), settled_by_adoption=True)]


def close_rounds(*, by: Actor, version: StrategyVersion, today: dt.date) -> None:
    """Close the open rounds without a report (their ratings stay as they are, readable in the back office)."""
    for evaluation in _open_rounds(version):
        EvaluationRound.objects.filter(pk=evaluation.pk).update(state=EvaluationRound.State.CLOSED)
        record_change(
            by=by,
            district=evaluation.district,
            action="close_round",
            obj=evaluation,
            changes={"state": (EvaluationRound.State.OPEN.label, EvaluationRound.State.CLOSED.label)},
        )
