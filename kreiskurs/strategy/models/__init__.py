"""Strategy models; see docs/decisions/0002-versions-as-frozen-rows.md."""

from .baseline import BaselineSection, SwotItem
from .elements import Criterion, FieldOfAction, Goal, Value, VersionedElement
from .embedding import Alignment, ExistingGoal, ExistingStrategy
from .implementation import Enrolment, ImplementationChange, MilestoneCompletion, ReportReminder, StatusReport
from .measures import CriterionScore, Measure, MeasureMunicipality, Milestone
from .renderings import StoredRendering
from .versions import Adoption, Strategy, StrategyVersion, VersionState

__all__ = [
    "Adoption",
    "Alignment",
    "BaselineSection",
    "Criterion",
    "CriterionScore",
    "Enrolment",
    "ExistingGoal",
    "ExistingStrategy",
    "FieldOfAction",
    "Goal",
    "ImplementationChange",
    "Measure",
    "MeasureMunicipality",
    "Milestone",
    "MilestoneCompletion",
    "ReportReminder",
    "StatusReport",
    "StoredRendering",
    "Strategy",
    "StrategyVersion",
    "SwotItem",
    "Value",
    "VersionState",
    "VersionedElement",
]
