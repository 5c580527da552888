"""Import of the GV100AD directory into the territory tables.

All-or-nothing: the whole file is parsed and checked before one row is
written, and the writes run in a single transaction. Every fault of the file
is collected and reported together (the first :data:`MAX_ERRORS`, then how
many more). An import restricted to some districts (``district_keys``)
ignores faults that cannot concern those districts.

Areas that GV100AD lists under a Land without a Kreis (``07000999``,
``13000999``) are imported as :class:`OutsideArea` and listed in the report.

The import lives by noun in ``importing`` (the entry point), ``plan``
(reading and checking), ``writing``, ``names`` (lossy encodings, slugs) and
``report``; this package re-exports the public names.
"""

from .importing import import_gv100ad
from .report import (
    ASSOCIATIONS,
    DISTRICTS,
    MAX_ERRORS,
    MUNICIPALITIES,
    OUTSIDE,
    UNINCORPORATED,
    ImportError_,
    ImportReport,
)
from .writing import TRACKED_FIELDS

__all__ = [
    "ASSOCIATIONS",
    "DISTRICTS",
    "MAX_ERRORS",
    "MUNICIPALITIES",
    "OUTSIDE",
    "TRACKED_FIELDS",
    "UNINCORPORATED",
    "ImportError_",
    "ImportReport",
    "import_gv100ad",
]
