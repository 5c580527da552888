from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kreiskurs.participation.polis import PolisError
from kreiskurs.participation.services.polis import import_polis
from kreiskurs.territory.models import District


class Command(BaseCommand):
    help = (
        "Importiert einen Export aus pol.is (comments.csv, votes.csv, summary.csv) als Meinungsbild "
        "eines Kreises, ganz oder gar nicht."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path, metavar="DIR")
        parser.add_argument("--district", required=True, metavar="KEY", help="Kreisschlüssel, z. B. 05558")
        parser.add_argument("--title", default="", help="Titel des Verfahrens (sonst das Thema aus summary.csv)")
        parser.add_argument("--draft", action="store_true", help="nicht veröffentlichen (nur die Verwaltung sieht es)")
        parser.add_argument(
            "--agree-value",
            type=int,
            choices=[1, -1],
            default=None,
            help="welcher Wert in votes.csv Zustimmung bedeutet (sonst aus comments.csv erkannt)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        district = District.objects.filter(key=options["district"]).first()
        if district is None:
            raise CommandError(_("Kreis %(district)s ist nicht importiert.") % {"district": options["district"]})
        try:
            result = import_polis(
                by=None,
                district=district,
                folder=options["folder"],
                title=options["title"],
                draft=options["draft"],
                agree_value=options["agree_value"],
            )
        except PolisError as exc:
            raise CommandError(_("%(error)s\nNichts wurde importiert.") % {"error": exc}) from None
        process = result.process
        if result.nothing_new:
            self.stdout.write(
                _("Schon importiert als Verfahren %(pk)s „%(title)s“: nichts Neues, nichts hinzugefügt.")
                % {"pk": process.pk, "title": process.title}
            )
            return
        state = _("veröffentlicht") if process.published else _("nicht veröffentlicht")
        if result.new_process:
            headline = _("Neues Verfahren %(pk)s „%(title)s“ (%(state)s), Quelle %(source)s")
        else:
            headline = _("Ergänzt: Verfahren %(pk)s „%(title)s“ (%(state)s), Quelle %(source)s")
        self.stdout.write(
            headline % {"pk": process.pk, "title": process.title, "state": state, "source": process.external_id}
        )
        self.stdout.write(str(result))
        for line in result.without_text_lines():
            self.stdout.write(f"  {line}")
        self.stdout.write(_("Stimmen: %(sign)s") % {"sign": result.sign.describe()})
