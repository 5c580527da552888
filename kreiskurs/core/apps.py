from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The shared kernel: background jobs with progress, mail sent as background work."""

    name = "kreiskurs.core"
    label = "core"
    verbose_name = _("Gemeinsamer Kern")
