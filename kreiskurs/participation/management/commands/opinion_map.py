"""``kreiskurs opinion_map --process ID --format json``: the opinion map of a statements process.

Prints the stored result when it still matches the votes, else computes it now (without storing).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kreiskurs.participation.models import Process
from kreiskurs.participation.selectors.opinion import current_result


class Command(BaseCommand):
    help = "Gibt das Meinungsbild eines Verfahrens aus (Positionen, Gruppen, repräsentative und Konsens-Thesen)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--process", required=True, type=int, metavar="ID", help="Nummer des Verfahrens")
        parser.add_argument("--format", choices=["json"], default="json", help="Ausgabeformat (derzeit nur json)")

    def handle(self, *args: Any, **options: Any) -> None:
        process = Process.objects.filter(pk=options["process"]).first()
        if process is None:
            raise CommandError(_("Verfahren %(pk)s gibt es nicht.") % {"pk": options["process"]})
        self.stdout.write(json.dumps(current_result(process), ensure_ascii=False))
