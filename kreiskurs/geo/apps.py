from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    """Municipality boundaries (GeoJSON) and the district map."""

    name = "kreiskurs.geo"
    verbose_name = _("Karte")
