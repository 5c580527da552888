from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The public portal and the shared page frame."""

    name = "kreiskurs.portal"
    verbose_name = _("Portal")
