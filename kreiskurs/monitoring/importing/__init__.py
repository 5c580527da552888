"""Reading indicator and measurement files into checked plans; the services write them (all or nothing).

A plan holds every row's values, how they compare with what is stored (new, changed, unchanged), what was
skipped and why (a statistics marker, an area outside the district) and every error. The upload page shows a
plan as the preview; :mod:`.services` writes it only when it has no errors.

Files are bounded before they are read (``KREISKURS_MAX_UPLOAD_BYTES``, rows and columns, see
:mod:`kreiskurs.tabular`); a report lists at most :data:`MAX_ERRORS` errors and says how many more there are.
Numbers are read in the format of the whole file (:mod:`kreiskurs.numbers`): a semicolon-separated CSV and a
Regionalstatistik table are German unless their values prove otherwise.
"""

from .base import (
    INDICATOR_COLUMNS,
    MAX_ERRORS,
    MEASUREMENT_COLUMNS,
    ErrorList,
    ImportPlan,
    ImportRejected,
    ImportSummary,
    Progress,
    marker_counts,
    too_large_message,
)
from .indicators import plan_indicators
from .measurements import MeasuredValue, compare_measurements, plan_measurements

__all__ = [
    "INDICATOR_COLUMNS",
    "MAX_ERRORS",
    "MEASUREMENT_COLUMNS",
    "ErrorList",
    "ImportPlan",
    "ImportRejected",
    "ImportSummary",
    "MeasuredValue",
    "Progress",
    "compare_measurements",
    "marker_counts",
    "plan_indicators",
    "plan_measurements",
    "too_large_message",
]
