"""Reads of the strategy app: which version to show, trees, lists, matrices.

Every function takes the district (and, where private rows exist, the user),
so no query for district data escapes its tenant.

The reads live by noun in ``versions``, ``content`` (values, fields, goals,
key figures), ``measures``, ``implementation`` (status reports, due reports,
milestones, progress), ``participations``, ``alignments`` and ``audit_log``;
this package re-exports them.
"""

from .alignments import AlignmentMatrix, alignment_matrix
from .audit_log import PERSONAL_OBJECT_TYPES, audit_entries_for, latest_audit_entries
from .baseline import Baseline, TerritoryFigures, baseline_of, territory_figures
from .content import (
    STARTED_PHASES,
    GoalNode,
    fields_of,
    fields_with_counts,
    filter_choices,
    goal_tree,
    goals_of,
    key_figures,
    values_of,
)
from .implementation import (
    ACTIVE_PHASES,
    DueReport,
    ImplementationOverview,
    ProgressOverview,
    attach_implementation,
    due_reports,
    implementation_overview,
    latest_reports,
    measure_lead_lineages,
    measures_by_phase,
    milestones_reached,
    next_milestones,
    progress_overview,
    report_due,
    timeline,
    with_implementation,
)
from .measures import (
    MEASURE_FILTERS,
    measure_detail,
    measure_history,
    measure_page,
    measures_of,
    municipalities_with_counts,
)
from .participations import (
    PUBLIC_ADOPTED,
    Participation,
    measures_of_municipality,
    municipality_measure_page,
    participation_counts,
    participations_of,
)
from .versions import (
    can_view_internal,
    current_and_open,
    current_version,
    districts_with_published_strategy,
    open_version,
    version_for,
    versions_visible_to,
)

__all__ = [
    "ACTIVE_PHASES",
    "MEASURE_FILTERS",
    "PERSONAL_OBJECT_TYPES",
    "PUBLIC_ADOPTED",
    "STARTED_PHASES",
    "AlignmentMatrix",
    "Baseline",
    "DueReport",
    "GoalNode",
    "ImplementationOverview",
    "Participation",
    "ProgressOverview",
    "TerritoryFigures",
    "alignment_matrix",
    "attach_implementation",
    "audit_entries_for",
    "baseline_of",
    "can_view_internal",
    "current_and_open",
    "current_version",
    "districts_with_published_strategy",
    "due_reports",
    "fields_of",
    "fields_with_counts",
    "filter_choices",
    "goal_tree",
    "goals_of",
    "implementation_overview",
    "key_figures",
    "latest_audit_entries",
    "latest_reports",
    "measure_detail",
    "measure_history",
    "measure_lead_lineages",
    "measure_page",
    "measures_by_phase",
    "measures_of",
    "measures_of_municipality",
    "milestones_reached",
    "municipalities_with_counts",
    "municipality_measure_page",
    "next_milestones",
    "open_version",
    "participation_counts",
    "participations_of",
    "progress_overview",
    "report_due",
    "territory_figures",
    "timeline",
    "values_of",
    "version_for",
    "versions_visible_to",
    "with_implementation",
]
