"""Writes of the maturity app: model versions, rounds, self-assessments, links to the strategy.

Every function is keyword-only, atomic, validates with ``full_clean()`` and
writes the audit entry in the same transaction. A model version that a round
uses is frozen: edits are refused with :class:`ModelFrozen`; a change starts
a new version (:func:`start_model_version`). A submitted self-assessment is
frozen too until the strategy team reopens it (while its round is open).

The writes live by noun in ``models`` (model versions, dimensions, questions,
field links), ``rounds``, ``assessments`` and ``gaps``; this package re-exports them.
"""

from .assessments import reopen_assessment, save_assessment, submit_assessment
from .base import ModelFrozen
from .gaps import create_measure_from_gap
from .models import (
    QUESTION_FIELDS,
    delete_dimension,
    delete_question,
    install_default_model,
    save_dimension,
    save_question,
    set_field_link_table,
    set_field_links,
    start_model_version,
    update_model,
)
from .rounds import close_round, open_round, reopen_round

__all__ = [
    "QUESTION_FIELDS",
    "ModelFrozen",
    "close_round",
    "create_measure_from_gap",
    "delete_dimension",
    "delete_question",
    "install_default_model",
    "open_round",
    "reopen_assessment",
    "reopen_round",
    "save_assessment",
    "save_dimension",
    "save_question",
    "set_field_link_table",
    "set_field_links",
    "start_model_version",
    "submit_assessment",
    "update_model",
]
