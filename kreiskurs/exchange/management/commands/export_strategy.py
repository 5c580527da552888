from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kreiskurs.exchange.document import dumps
from kreiskurs.exchange.services import export_strategy
from kreiskurs.strategy.models import StrategyVersion
from kreiskurs.territory.models import District


class Command(BaseCommand):
    help = "Schreibt eine Strategieversion als Austauschdatei (JSON, Schema strategy-v1)."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # --version names the strategy version here (the interface), not Django's version
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="Zieldatei; - schreibt auf die Standardausgabe")
        parser.add_argument("--district", required=True, metavar="KEY")
        parser.add_argument("--version", required=True, type=int, metavar="N", dest="number")

    def handle(self, *args: Any, **options: Any) -> None:
        district = District.objects.filter(key=options["district"]).first()
        if district is None:
            raise CommandError(_("Kreis %(district)s ist nicht importiert.") % {"district": options["district"]})
        try:
            data = dumps(export_strategy(district=district, number=options["number"]))
        except StrategyVersion.DoesNotExist as exc:
            raise CommandError(str(exc)) from None
        path: Path = options["file"]
        if str(path) == "-":
            self.stdout.write(data.decode(), ending="")
            return
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from None
        self.stderr.write(_("Version %(n)s geschrieben: %(path)s") % {"n": options["number"], "path": path})
