"""Helpers shared by the maturity services: the frozen-model refusal and the row locks."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import AssessmentRound, MaturityModel


class ModelFrozen(ValidationError):
    """The model version is used by a round: it is not changed any more."""

    def __init__(self, model: MaturityModel) -> None:
        super().__init__(
            _(
                "Version %(n)s des Reifegradmodells wird in einer Runde verwendet und ist eingefroren. "
                "Für Änderungen legen Sie eine neue Version an."
            )
            % {"n": model.version},
            code="model_frozen",
        )


def _editable_model(model_id: int) -> MaturityModel:
    """Lock the model version and require that no round uses it (serialises with :func:`open_round`)."""
    model = MaturityModel.objects.select_for_update().get(pk=model_id)
    if model.is_frozen:
        raise ModelFrozen(model)
    return model


def _lock_round(round_id: int) -> AssessmentRound:
    return AssessmentRound.objects.select_for_update().select_related("model", "district").get(pk=round_id)
