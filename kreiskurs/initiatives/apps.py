from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    """Municipalities' own digital projects, bundled by the district, and joint measures."""

    name = "kreiskurs.initiatives"
    verbose_name = _("Kommunale Ansätze")

    def ready(self) -> None:
        from . import sections  # noqa: F401  (registers this app's page sections)
