from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    """Indicators with baseline and target, and their measurements over time."""

    name = "kreiskurs.monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from . import sections  # noqa: F401  (registers this app's page sections)
