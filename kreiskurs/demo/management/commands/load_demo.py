from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from kreiskurs.demo.loader import demo_loaded, load_demo


class Command(BaseCommand):
    help = "Lädt den Demo-Kreis Coesfeld mit einer Beispielstrategie (nur einmal)."

    def handle(self, *args: Any, **options: Any) -> None:
        if demo_loaded():
            self.stdout.write(_("Demo-Kreis ist bereits geladen."))
            return
        district = load_demo()
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo geladen: %(district)s (%(url)s)")
                % {"district": district.display_name, "url": f"/{district.slug}/"}
            )
        )
