from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    """Evaluation rounds: assessments, findings and the change proposals they lead to."""

    name = "kreiskurs.evaluation"
    verbose_name = _("Evaluation")

    def ready(self) -> None:
        from kreiskurs.strategy.adoption import register_adoption_check

        from . import planning, sections  # noqa: F401  (registers this app's page sections)

        register_adoption_check("rounds", planning.open_rounds, planning.close_rounds)
