from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    """The legal pages every public body must show: Impressum, privacy, accessibility, Leichte Sprache."""

    name = "kreiskurs.legal"
    verbose_name = _("Rechtliche Seiten")

    def ready(self) -> None:
        from . import sections  # noqa: F401  (registers this app's page sections)
