from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    """Processes with phases: ideas, comments, statements, surveys, workshops, and what became of them."""

    name = "kreiskurs.participation"
    verbose_name = _("Beteiligung")

    def ready(self) -> None:
        from kreiskurs.strategy.adoption import register_adoption_check

        from . import adoption, sections  # noqa: F401  (registers this app's page sections)

        register_adoption_check("processes", adoption.open_processes, adoption.close_processes)
        register_adoption_check("responses", adoption.open_responses)
