from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils.translation import gettext as _

from kreiskurs.maturity.services import install_default_model
from kreiskurs.territory.models import District


class Command(BaseCommand):
    help = (
        "Richtet das mitgelieferte Reifegradmodell (8 Dimensionen) für einen Kreis ein und ordnet die Dimensionen "
        "passenden Handlungsfeldern zu (änderbar)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("district", help="Kreisschlüssel (5 Ziffern) oder Kurzname des Kreises")

    def handle(self, *args: Any, **options: Any) -> None:
        key = options["district"]
        district = District.objects.filter(Q(key=key) | Q(slug=key)).first()
        if district is None:
            raise CommandError(_("Kreis „%(key)s“ nicht gefunden.") % {"key": key})
        try:
            model = install_default_model(by=None, district=district)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        dimensions = model.dimensions.count()
        self.stdout.write(
            _("%(district)s: %(model)s mit %(dimensions)s Dimensionen eingerichtet.")
            % {"district": district.display_name, "model": model, "dimensions": dimensions}
        )
