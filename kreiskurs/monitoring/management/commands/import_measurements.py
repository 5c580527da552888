from collections.abc import Callable
from typing import Any

from django.core.management.base import CommandParser

from kreiskurs.monitoring.services import ImportSummary, import_measurements

from ._file_import import FileImportCommand


class Command(FileImportCommand):
    help = (
        "Importiert Messwerte aus CSV oder XLSX (ganz oder gar nicht): eine Zeile je Wert "
        "(indicator_code, ags, period, value) oder eine Tabelle der Regionalstatistik mit --indicator."
    )
    label = "Messwerte"

    def importer(self) -> Callable[..., ImportSummary]:
        return import_measurements

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--indicator",
            default="",
            metavar="CODE",
            help="Indikator einer Tabelle der Regionalstatistik (eine Spalte je Zeitraum)",
        )

    def import_options(self, options: dict[str, Any]) -> dict[str, Any]:
        return {"indicator_code": options["indicator"]}
