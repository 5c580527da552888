from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """The strategy leaving the platform: JSON export and import, CSV/XLSX tables, the DCAT-AP.de catalogue."""

    name = "kreiskurs.exchange"
    verbose_name = _("Datenaustausch")

    def ready(self) -> None:
        from . import services  # noqa: F401  (registers the audit label of the import)
