from collections.abc import Callable

from kreiskurs.monitoring.services import ImportSummary, import_indicators

from ._file_import import FileImportCommand


class Command(FileImportCommand):
    help = "Importiert Indikator-Definitionen aus CSV oder XLSX (ganz oder gar nicht)."
    label = "Indikatoren"

    def importer(self) -> Callable[..., ImportSummary]:
        return import_indicators
