from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from kreiskurs.territory.importer import ImportError_, import_gv100ad


class Command(BaseCommand):
    help = "Importiert das Gemeindeverzeichnis GV100AD (Destatis), ganz oder gar nicht."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--district", action="append", default=[], metavar="KEY", help="nur diese Kreise")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = import_gv100ad(options["path"], district_keys=options["district"])
        except ImportError_ as exc:
            raise CommandError(gettext("%(error)s\nNichts wurde importiert.") % {"error": exc}) from None
        for line in report.summary_lines():
            self.stdout.write(line)
        for change in report.changes[:200]:
            self.stdout.write(f"  {change}")
        if len(report.changes) > 200:
            self.stdout.write(
                "  " + gettext("… und %(count)s weitere Änderungen") % {"count": len(report.changes) - 200}
            )
        for missing in report.not_in_file:
            self.stdout.write("  " + gettext("nicht mehr in der Datei (bleibt erhalten): %(row)s") % {"row": missing})
        for area in report.outside:
            self.stdout.write("  " + gettext("außerhalb der Kreise: %(area)s") % {"area": area})
        for name in report.lossy:
            self.stdout.write("  " + gettext("Name verlustbehaftet: %(name)s") % {"name": name})
