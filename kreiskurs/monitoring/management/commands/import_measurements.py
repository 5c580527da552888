from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kreiskurs.monitoring.services import ImportRejected, import_measurements
from kreiskurs.territory.models import District


class Command(BaseCommand):
    help = "Importiert Messwerte aus CSV oder XLSX (ganz oder gar nicht)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--district", required=True, metavar="KEY")

    def handle(self, *args: Any, **options: Any) -> None:
        district = District.objects.filter(key=options["district"]).first()
        if district is None:
            raise CommandError(f"Kreis {options['district']} ist nicht importiert.")
        path: Path = options["file"]
        try:
            summary = import_measurements(by=None, district=district, data=path.read_bytes(), filename=str(path))
        except OSError as exc:
            raise CommandError(f"{path}: Datei nicht lesbar ({exc.strerror})") from None
        except ImportRejected as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Messwerte: {summary}")
