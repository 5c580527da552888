from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kreiskurs.exchange.services import import_strategy
from kreiskurs.exchange.validation import DocumentRefused
from kreiskurs.territory.models import District


class Command(BaseCommand):
    help = (
        "Liest eine Austauschdatei (JSON, Schema strategy-v1) in einen Kreis ohne Strategie ein – ganz oder gar nicht."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--district", required=True, metavar="KEY")

    def handle(self, *args: Any, **options: Any) -> None:
        district = District.objects.filter(key=options["district"]).first()
        if district is None:
            raise CommandError(_("Kreis %(district)s ist nicht importiert.") % {"district": options["district"]})
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("%(path)s: Datei nicht lesbar (%(strerror)s)") % {"path": path, "strerror": exc.strerror}
            ) from None
        try:
            version = import_strategy(by=None, district=district, data=data)
        except DocumentRefused as exc:
            lines = "\n".join(f"  {p}" for p in exc.problems)
            raise CommandError(
                _("%(path)s abgelehnt, nichts geändert:\n%(lines)s") % {"path": path, "lines": lines}
            ) from None
        self.stdout.write(_("Version %(n)s eingelesen.") % {"n": version.number})
