from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CycleConfig(AppConfig):
    """The strategy cycle of a district: its mandate, project organisation and time plan by stage."""

    name = "kreiskurs.cycle"
    verbose_name = _("Strategiezyklus")

    def ready(self) -> None:
        from . import sections  # noqa: F401  (registers this app's page sections)
