from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaturityConfig(AppConfig):
    """Digital maturity of municipalities: a versioned model, self-assessments, comparisons and gaps."""

    name = "kreiskurs.maturity"
    verbose_name = _("Digitale Reife")

    def ready(self) -> None:
        from . import sections  # noqa: F401  (registers this app's page sections)
