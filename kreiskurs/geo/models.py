"""Municipality boundaries, stored as GeoJSON (no GIS database needed)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.territory.models import District, Municipality


class Boundary(models.Model):
    """The area of one municipality: its geometry as imported and a simplified copy for the map.

    Geometry is GeoJSON (Polygon or MultiPolygon, WGS 84 longitude/latitude),
    checked by :mod:`kreiskurs.geo.geojson` before it is stored. The bounding
    box is kept in columns so the map can frame the district without reading
    the geometry.
    """

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    # the boundary is an attribute of its municipality, so it goes with it
    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="boundary")
    geometry = models.JSONField(_("Geometrie (GeoJSON)"))
    simplified = models.JSONField(_("vereinfachte Geometrie für die Karte (GeoJSON)"))
    west = models.FloatField(_("westlichste Länge"))
    south = models.FloatField(_("südlichste Breite"))
    east = models.FloatField(_("östlichste Länge"))
    north = models.FloatField(_("nördlichste Breite"))
    source = models.CharField(_("Quelle (Datei)"), max_length=300, blank=True)
    key_property = models.CharField(_("Schlüssel-Eigenschaft"), max_length=100, blank=True)
    attribution = models.CharField(_("Quellenvermerk"), max_length=300, blank=True)
    imported_at = models.DateTimeField(_("importiert am"), auto_now_add=True)

    class Meta:
        ordering = ["municipality__name"]
        verbose_name = _("Gemeindegrenze")
        verbose_name_plural = _("Gemeindegrenzen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(west__lte=models.F("east"), south__lte=models.F("north")),
                name="boundary_bbox_ordered",
                violation_error_message=_("Die Begrenzung ist verdreht (West > Ost oder Süd > Nord)."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality}"

    def clean(self) -> None:
        if self.municipality_id and self.district_id and self.municipality.district_id != self.district_id:
            raise ValidationError({"municipality": _("Die Gemeinde gehört zu einem anderen Kreis.")})
        for name in ("geometry", "simplified"):
            value = getattr(self, name)
            if not isinstance(value, dict) or value.get("type") not in ("Polygon", "MultiPolygon"):
                raise ValidationError({name: _("Erwartet eine GeoJSON-Fläche (Polygon oder MultiPolygon).")})

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.west, self.south, self.east, self.north
