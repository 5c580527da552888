"""Announce phase starts and ends to followers and send the daily digests (run hourly, e.g. by cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from kreiskurs.participation.services import notifications


class Command(BaseCommand):
    help = "E-Mails zu Phasenbeginn und -ende an Folgende; einmal täglich die gesammelten Benachrichtigungen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--digest-hour", type=int, default=7, help="Stunde (Ortszeit), zu der Sammelmails gehen.")

    def handle(self, *args: Any, **options: Any) -> None:
        notices = notifications.send_phase_notices()
        digests = 0
        if timezone.localtime().hour == options["digest_hour"]:
            digests = notifications.send_digests()
        self.stdout.write(
            _("%(notices)s Benachrichtigungen zu Phasen, %(digests)s Sammelmails.")
            % {"notices": notices, "digests": digests}
        )
