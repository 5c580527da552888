"""Shared shape of the file-import commands: FILE --district KEY, all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kreiskurs.monitoring.importing import too_large_message
from kreiskurs.monitoring.services import ImportRejected, ImportSummary
from kreiskurs.territory.models import District
from kreiskurs.uploads import max_upload_bytes


class FileImportCommand(BaseCommand):
    label = ""

    def importer(self) -> Callable[..., ImportSummary]:
        """The service that imports the file; each command names its own."""
        raise CommandError(_("Dieser Befehl nennt keinen Import."))

    def import_options(self, options: dict[str, Any]) -> dict[str, Any]:
        """Further keyword arguments of the service, from the command's own options."""
        return {}

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--district", required=True, metavar="KEY")

    def handle(self, *args: Any, **options: Any) -> None:
        district = District.objects.filter(key=options["district"]).first()
        if district is None:
            raise CommandError(_("Kreis %(district)s ist nicht importiert.") % {"district": options["district"]})
        path: Path = options["file"]
        try:
            if path.stat().st_size > max_upload_bytes():
                raise ImportRejected(str(path), [(None, too_large_message(path.stat().st_size))])
            summary = self.importer()(
                by=None, district=district, data=path.read_bytes(), filename=str(path), **self.import_options(options)
            )
        except OSError as exc:
            raise CommandError(
                _("%(path)s: Datei nicht lesbar (%(strerror)s)") % {"path": path, "strerror": exc.strerror}
            ) from None
        except ImportRejected as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{self.label}: {summary}")
