from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    """Official territory: districts, municipal associations, municipalities."""

    name = "kreiskurs.territory"
    verbose_name = _("Gebiete")
