from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from kreiskurs.strategy.services.reminders import send_report_reminders
from kreiskurs.territory.models import District


class Command(BaseCommand):
    help = "Erinnert per E-Mail an überfällige Statusberichte (täglich aufrufen; je Maßnahme höchstens wöchentlich)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--district", action="append", default=[], metavar="KEY")
        parser.add_argument("--dry-run", action="store_true", help="nur zählen, nichts senden")

    def handle(self, *args: Any, **options: Any) -> None:
        districts = District.objects.filter(strategy__isnull=False)
        if options["district"]:
            districts = districts.filter(key__in=options["district"])
        for district in districts:
            run = send_report_reminders(district=district, dry_run=options["dry_run"])
            self.stdout.write(
                _("%(district)s: %(measures)s Maßnahmen, %(mails)s E-Mails")
                % {"district": district.display_name, "measures": run.measures, "mails": run.mails}
            )
