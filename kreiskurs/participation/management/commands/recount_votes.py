"""``kreiskurs recount_votes [--process ID]``: rebuild the vote counts kept on statements from the votes."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from kreiskurs.participation.models import Statement
from kreiskurs.participation.services.statements import recount_votes


class Command(BaseCommand):
    help = "Setzt die gespeicherten Stimmenzahlen der Thesen aus den Stimmen neu (alle oder eines Verfahrens)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--process", type=int, help="nur die Thesen dieses Verfahrens (id)")

    def handle(self, *args: Any, **options: Any) -> None:
        statements = Statement.objects.all()
        if options["process"] is not None:
            statements = statements.filter(process_id=options["process"])
        ids = list(statements.values_list("pk", flat=True))
        changed = recount_votes(ids)
        self.stdout.write(
            _("%(count)d Thesen geprüft, %(changed)d Zählungen berichtigt") % {"count": len(ids), "changed": changed}
        )
