"""What map.js draws: the district map's data as the page's JSON (``<script id="map-data">``)."""

from __future__ import annotations

import json

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kreiskurs.fragments import json_script_of
from kreiskurs.reversing import reverse_cached
from kreiskurs.territory.models import District, Municipality

from .selectors import NO_DATA, STROKE, LegendEntry, MapLayer, MapRow


def map_payload(district: District, layer: MapLayer | None, municipalities: list[Municipality]) -> SafeString:
    """What map.js draws, as the page's ``<script id="map-data" type="application/json">``: a
    FeatureCollection of the simplified boundaries (their stored JSON text, spliced in as it is) with
    fill, label and link."""
    rows = layer.with_geometry if layer else [MapRow(m, None, "", "", LegendEntry("", NO_DATA)) for m in municipalities]
    features = []
    for row in rows:
        if row.boundary is None:
            continue
        shown = row.entry.label if layer and layer.numeric and row.value is None else row.text
        label = row.municipality.name + (f": {shown}" if shown else "")
        if layer and layer.unit and row.value is not None:
            label += f" {layer.unit}"
        if row.detail:
            label += f" ({row.detail})"
        properties = {
            "label": label,
            "url": reverse_cached("portal:municipality", (district.slug, row.municipality.slug)),
            "fill": row.entry.colour,
            "dashed": row.entry.dashed,
        }
        geometry = row.municipality.simplified_json  # type: ignore[attr-defined]
        features.append(f'{{"type": "Feature", "geometry": {geometry}, "properties": {json.dumps(properties)}}}')
    boxes = [r.boundary.bbox for r in rows if r.boundary is not None]
    bounds = (
        [[min(b[1] for b in boxes), min(b[0] for b in boxes)], [max(b[3] for b in boxes), max(b[2] for b in boxes)]]
        if boxes
        else None
    )
    rest = {
        "bounds": bounds,  # [[south, west], [north, east]] as Leaflet takes it
        "stroke": STROKE,
        "labels": {"zoomIn": _("Karte vergrößern"), "zoomOut": _("Karte verkleinern")},
    }
    text = f'{{"type": "FeatureCollection", "features": [{", ".join(features)}], {json.dumps(rest)[1:]}'
    return json_script_of(text, "map-data")
