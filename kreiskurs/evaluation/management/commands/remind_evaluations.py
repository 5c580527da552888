"""Remind the strategy team by e-mail of planned evaluations that are due (run daily, e.g. by cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from kreiskurs.evaluation.planning import send_evaluation_reminders


class Command(BaseCommand):
    help = "E-Mail an das Strategieteam, wenn eine geplante Evaluation fällig ist (einmal je Termin)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_evaluation_reminders()
        self.stdout.write(_("%(n)s Erinnerungen an fällige Evaluationen.") % {"n": sent})
