from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    """Processes with phases: ideas, comments, statements, surveys, workshops, and what became of them."""

    name = "kreiskurs.participation"
    verbose_name = _("Beteiligung")
