from typing import Any

from django.core.management.base import BaseCommand

from kreiskurs.demo.loader import demo_loaded, load_demo


class Command(BaseCommand):
    help = "Lädt den Demo-Kreis Coesfeld mit einer Beispielstrategie (nur einmal)."

    def handle(self, *args: Any, **options: Any) -> None:
        if demo_loaded():
            self.stdout.write("Demo-Kreis ist bereits geladen.")
            return
        district = load_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo geladen: {district.display_name} (/{district.slug}/)"))
