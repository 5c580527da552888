from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    """The living strategy: versions, vision, goals, fields of action, measures."""

    name = "kreiskurs.strategy"
    verbose_name = _("Strategie")

    def ready(self) -> None:
        from . import sections  # noqa: F401  (registers this app's page sections)
