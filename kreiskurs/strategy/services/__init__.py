"""Writes of the strategy app: named, keyword-only, atomic, audited.

Every change to a version's elements goes through here; each function checks
that the version is a draft, validates with ``full_clean()``, writes one
audit entry and, for edits, refuses lost updates (optimistic concurrency on
the element's ``revision``).
"""

from .elements import (
    create_element,
    create_measure_in_draft,
    delete_element,
    next_free_code,
    save_measure,
    save_measure_details,
    set_alignment,
    set_alignment_matrix,
    update_element,
)
from .implementation import (
    decide_enrolment,
    record_milestone_done,
    record_status_report,
    request_enrolment,
    withdraw_enrolment_request,
)
from .living import record_implementation_change
from .registry import delete_registry_row, save_registry_row
from .versions import (
    VersionText,
    adopt_version,
    create_strategy,
    record_adoption,
    set_version_state,
    start_revision,
    update_version_text,
)

__all__ = [
    "VersionText",
    "adopt_version",
    "create_element",
    "create_measure_in_draft",
    "create_strategy",
    "decide_enrolment",
    "delete_element",
    "delete_registry_row",
    "next_free_code",
    "record_adoption",
    "record_implementation_change",
    "record_milestone_done",
    "record_status_report",
    "request_enrolment",
    "save_measure",
    "save_measure_details",
    "save_registry_row",
    "set_alignment",
    "set_alignment_matrix",
    "set_version_state",
    "start_revision",
    "update_element",
    "update_version_text",
    "withdraw_enrolment_request",
]
