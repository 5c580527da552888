from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kreiskurs.geo.geojson import KEY_PROPERTIES
from kreiskurs.geo.services import BoundaryImportError, import_boundaries

#: Lines of a list (unmatched features, municipalities without geometry) printed before "… und N weitere".
LIST_LIMIT = 50


class Command(BaseCommand):
    help = (
        "Importiert Gemeindegrenzen aus einer GeoJSON-FeatureCollection (WGS 84), zugeordnet über AGS oder ARS; "
        "ganz oder gar nicht. Ein erneuter Import ersetzt die Grenzen der betroffenen Kreise."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--district", action="append", default=[], metavar="KEY", help="nur diese Kreise")
        parser.add_argument(
            "--key-property",
            metavar="NAME",
            help=f"Eigenschaft mit AGS oder ARS (sonst erkannt, in dieser Reihenfolge: {', '.join(KEY_PROPERTIES)})",
        )
        parser.add_argument(
            "--attribution", metavar="TEXT", help="Quellenvermerk (sonst das Element „attribution“ der Datei)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = import_boundaries(
                by=None,
                path=options["path"],
                district_keys=options["district"],
                key_property=options["key_property"],
                attribution=options["attribution"],
            )
        except BoundaryImportError as exc:
            raise CommandError(_("%(error)s\nNichts wurde importiert.") % {"error": exc}) from None
        for line in report.summary_lines():
            self.stdout.write(line)
        self._list(_("Feature ohne passende Gemeinde"), [str(u) for u in report.unmatched])
        self._list(_("Warnung"), [str(m) for m in report.name_mismatches])
        for result in report.districts:
            self._list(
                _("ohne Geometrie (%(district)s)") % {"district": result.district.name},
                [f"{m.ags} {m.name}" for m in result.without_geometry],
            )

    def _list(self, title: str, items: list[str]) -> None:
        for item in items[:LIST_LIMIT]:
            self.stdout.write(f"  {title}: {item}")
        if len(items) > LIST_LIMIT:
            self.stdout.write("  " + _("… und %(n)d weitere") % {"n": len(items) - LIST_LIMIT})
