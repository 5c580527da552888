"""Reads of the maturity app: model structure, rounds, heatmap, size classes, gaps, profiles.

Every function takes the district (or a row that belongs to one) and reads
in a fixed number of queries, whatever the number of municipalities. Scores
come from the stored ``Assessment.dimension_scores`` (see ``scoring.py``);
only **submitted** assessments count anywhere in results.

The reads live by noun in ``models``, ``rounds``, ``heatmap``, ``gaps``,
``municipalities``, ``own`` (the district administration's own assessment) and ``public``; this package re-exports them.
"""

from .base import PUBLIC_MIN_GROUP, SIZE_CLASS_LABELS, Cell, code_order, size_class_label
from .gaps import GapAnalysis, GapRow, gap_analysis
from .heatmap import HeatGroup, Heatmap, HeatRow, associations_of, heatmap
from .models import latest_model, linkable_fields, model_structure, models_of, question_count
from .municipalities import Comparison, Profile, latest_scores, municipality_comparison, municipality_profile
from .own import OwnResults, OwnRow, SizeClassCount, own_results, size_class_counts
from .public import PublicDimension, PublicSummary, public_summary
from .rounds import (
    answers_of,
    assessment_of,
    assessments_of,
    contact_municipalities,
    open_round,
    results_round,
    rounds_of,
)

__all__ = [
    "PUBLIC_MIN_GROUP",
    "SIZE_CLASS_LABELS",
    "Cell",
    "Comparison",
    "GapAnalysis",
    "GapRow",
    "HeatGroup",
    "HeatRow",
    "Heatmap",
    "OwnResults",
    "OwnRow",
    "Profile",
    "PublicDimension",
    "PublicSummary",
    "SizeClassCount",
    "answers_of",
    "assessment_of",
    "assessments_of",
    "associations_of",
    "code_order",
    "contact_municipalities",
    "gap_analysis",
    "heatmap",
    "latest_model",
    "latest_scores",
    "linkable_fields",
    "model_structure",
    "models_of",
    "municipality_comparison",
    "municipality_profile",
    "open_round",
    "own_results",
    "public_summary",
    "question_count",
    "results_round",
    "rounds_of",
    "size_class_counts",
    "size_class_label",
]
