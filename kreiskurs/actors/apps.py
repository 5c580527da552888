from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    """The district's registry of actor groups and stakeholders."""

    name = "kreiskurs.actors"
    verbose_name = _("Akteure")
