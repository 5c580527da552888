from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    """The living strategy: versions, vision, goals, fields of action, measures."""

    name = "kreiskurs.strategy"
    verbose_name = _("Strategie")
