from collections.abc import Callable

from kreiskurs.monitoring.services import ImportSummary, import_measurements

from ._file_import import FileImportCommand


class Command(FileImportCommand):
    help = "Importiert Messwerte aus CSV oder XLSX (ganz oder gar nicht)."
    label = "Messwerte"

    def importer(self) -> Callable[..., ImportSummary]:
        return import_measurements
