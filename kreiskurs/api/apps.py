from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The JSON API /api/v1/ with its OpenAPI document: reads for everyone, writes with scoped tokens."""

    name = "kreiskurs.api"
    verbose_name = _("Schnittstelle")

    def ready(self) -> None:
        from . import (  # noqa: F401  (permissions; these endpoints join the API)
            reads,
            reads_baseline,
            reads_evaluation,
            reads_maturity,
            reads_participation,
            reads_tables,
            rules,
            writes,
        )
