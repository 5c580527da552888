"""Official territory. Keys come from Destatis and are never invented."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kreiskurs.collation import natural
from kreiskurs.prepared import Prepared

DISTRICT_TYPES = {
    41: _("Kreisfreie Stadt"),
    42: _("Stadtkreis"),
    43: _("Kreis"),
    44: _("Landkreis"),
    45: _("Regionalverband"),
}
ASSOCIATION_TYPES = {
    50: _("Verbandsfreie Gemeinde"),
    51: _("Amt"),
    52: _("Samtgemeinde"),
    53: _("Verbandsgemeinde"),
    54: _("Verwaltungsgemeinschaft"),
    55: _("Kirchspielslandgemeinde"),
    56: _("Verwaltungsverband"),
    57: _("Verwaltungsgemeinschaft (Trägermodell)"),
    58: _("Erfüllende Gemeinde"),
}
MUNICIPALITY_TYPES = {
    60: _("Markt"),
    61: _("Kreisfreie Stadt"),
    62: _("Stadtkreis"),
    63: _("Stadt"),
    64: _("Gemeinde"),
    65: _("Gemeindefreies Gebiet, bewohnt"),
    66: _("Gemeindefreies Gebiet, unbewohnt"),
    67: _("Große Kreisstadt"),
}
#: Gemeindetyp codes of gemeindefreie Gebiete (areas, not municipalities).
UNINCORPORATED_TYPES = (65, 66)


def _territory_counts(district: int) -> models.QuerySet[Any, tuple[int, int]]:
    unincorporated = models.Q(type_code__in=UNINCORPORATED_TYPES)
    return (
        Municipality.objects.filter(district_id=district)
        .order_by()
        .values("district_id")
        .annotate(
            municipalities=models.Count("pk", filter=~unincorporated),
            unincorporated=models.Count("pk", filter=unincorporated),
        )
        .values_list("municipalities", "unincorporated")
    )


_TERRITORY_COUNTS = Prepared(_territory_counts, district=int)


class District(models.Model):
    """A Landkreis or kreisfreie Stadt: the tenant of Kreiskurs."""

    key = models.CharField(_("Kreisschlüssel"), max_length=5, unique=True)
    name = models.CharField(_("Name"), max_length=100)
    slug = models.SlugField(_("Kurzname"), max_length=100, unique=True)
    type_code = models.PositiveSmallIntegerField(_("Kreistyp"))
    seat = models.CharField(_("Verwaltungssitz"), max_length=100, blank=True)
    land_key = models.CharField(_("Landesschlüssel"), max_length=2)
    land_name = models.CharField(_("Land"), max_length=100, blank=True)
    population = models.PositiveIntegerField(_("Einwohner"), default=0)
    area_km2 = models.DecimalField(_("Fläche (km²)"), max_digits=10, decimal_places=2, default=Decimal(0))
    reference_date = models.DateField(_("Gebietsstand"))
    #: Bumped by every change to the district's data (audited writes, territory
    #: imports); public page caches include it in their keys.
    generation = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        ordering = [natural("name")]
        verbose_name = _("Kreis")
        verbose_name_plural = _("Kreise")
        constraints = [
            models.CheckConstraint(condition=models.Q(key__regex=r"^[0-9]{5}$"), name="district_key_5_digits"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def type_label(self) -> str:
        return str(DISTRICT_TYPES.get(self.type_code, self.type_code))

    def bump_generation(self) -> None:
        """Invalidate cached public pages of this district: once per transaction (``generations.py``)."""
        from .generations import bump

        bump(District, self.pk)

    @property
    def display_name(self) -> str:
        """Name with its kind, e.g. "Kreis Coesfeld", "Landkreis Lörrach"."""
        if self.type_code in (43, 44):
            return f"{self.type_label} {self.name}"
        return self.name

    @cached_property
    def territory_counts(self) -> dict[str, int]:
        """Municipalities and gemeindefreie Gebiete of the district, in one query."""
        row = _TERRITORY_COUNTS.first(district=self.pk)
        municipalities, unincorporated = row if row is not None else (0, 0)
        return {"municipalities": municipalities, "unincorporated": unincorporated}

    @property
    def territory_summary(self) -> str:
        """E.g. "27 Gemeinden und 14 gemeindefreie Gebiete"; "11 Gemeinden" where there are none."""
        counts = self.territory_counts
        municipalities = ngettext("%(n)s Gemeinde", "%(n)s Gemeinden", counts["municipalities"]) % {
            "n": counts["municipalities"]
        }
        if not counts["unincorporated"]:
            return municipalities
        areas = ngettext("%(n)s gemeindefreies Gebiet", "%(n)s gemeindefreie Gebiete", counts["unincorporated"]) % {
            "n": counts["unincorporated"]
        }
        return _("%(municipalities)s und %(areas)s") % {"municipalities": municipalities, "areas": areas}

    @property
    def in_name(self) -> str:
        """The district after "in" as a sentence needs it: "im Kreis Coesfeld",
        "im Regionalverband Saarbrücken", but "in Münster, Stadt" (a city's
        official name takes no article)."""
        if self.type_code in (43, 44, 45):
            return _("im %(name)s") % {"name": self.display_name}
        return _("in %(name)s") % {"name": self.display_name}


class MunicipalAssociation(models.Model):
    """Gemeindeverband (Amt, Verbandsgemeinde, Verwaltungsgemeinschaft, …)."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="associations")
    key = models.CharField(_("Verbandsschlüssel"), max_length=9, unique=True)
    name = models.CharField(_("Name"), max_length=100)
    seat = models.CharField(_("Sitz"), max_length=100, blank=True)
    type_code = models.PositiveSmallIntegerField(_("Verbandstyp"))

    class Meta:
        ordering = [natural("name")]
        verbose_name = _("Gemeindeverband")
        verbose_name_plural = _("Gemeindeverbände")
        constraints = [
            models.CheckConstraint(condition=models.Q(key__regex=r"^[0-9]{9}$"), name="association_key_9_digits"),
            models.CheckConstraint(
                condition=models.Q(type_code__gte=50, type_code__lte=58), name="association_type_50_58"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def type_label(self) -> str:
        return str(ASSOCIATION_TYPES.get(self.type_code, self.type_code))

    @property
    def is_real_association(self) -> bool:
        """False for the pseudo-association of a verbandsfreie Gemeinde (type 50)."""
        return self.type_code != 50


class MunicipalityQuerySet(models.QuerySet["Municipality"]):
    def municipalities(self) -> MunicipalityQuerySet:
        """Proper municipalities, without the gemeindefreie Gebiete."""
        return self.exclude(type_code__in=UNINCORPORATED_TYPES)

    def unincorporated(self) -> MunicipalityQuerySet:
        """Gemeindefreie Gebiete (Gemeindetyp 65/66): forests, lakes, military areas."""
        return self.filter(type_code__in=UNINCORPORATED_TYPES)


class Municipality(models.Model):
    """A member municipality (kreisangehörige Gemeinde) of a district.

    The table also holds the district's gemeindefreie Gebiete (Gemeindetyp
    65/66, :attr:`is_unincorporated`): they carry keys, area and population
    like a municipality but are not one, so counts and lists separate them
    (``.municipalities()`` / ``.unincorporated()``).
    """

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="municipalities")
    association = models.ForeignKey(
        MunicipalAssociation, on_delete=models.PROTECT, related_name="municipalities", null=True, blank=True
    )
    ags = models.CharField(_("Amtlicher Gemeindeschlüssel"), max_length=8, unique=True)
    ars = models.CharField(_("Amtlicher Regionalschlüssel"), max_length=12, unique=True)
    name = models.CharField(_("Name"), max_length=100)
    slug = models.SlugField(_("Kurzname"), max_length=100)
    type_code = models.PositiveSmallIntegerField(_("Gemeindetyp"))
    population = models.PositiveIntegerField(_("Einwohner"))
    area_km2 = models.DecimalField(_("Fläche (km²)"), max_digits=10, decimal_places=2)
    postcode = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    reference_date = models.DateField(_("Gebietsstand"))

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = [natural("name")]
        verbose_name = _("Gemeinde")
        verbose_name_plural = _("Gemeinden")
        constraints = [
            models.CheckConstraint(condition=models.Q(ags__regex=r"^[0-9]{8}$"), name="municipality_ags_8_digits"),
            models.CheckConstraint(condition=models.Q(ars__regex=r"^[0-9]{12}$"), name="municipality_ars_12_digits"),
            models.UniqueConstraint(fields=["district", "slug"], name="municipality_slug_unique_in_district"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def type_label(self) -> str:
        return str(MUNICIPALITY_TYPES.get(self.type_code, self.type_code))

    @property
    def is_unincorporated(self) -> bool:
        return self.type_code in UNINCORPORATED_TYPES

    @property
    def density(self) -> Decimal | None:
        """Inhabitants per km², or None for an area of zero."""
        if not self.area_km2:
            return None
        return (Decimal(self.population) / self.area_km2).quantize(Decimal(1))


class OutsideArea(models.Model):
    """Territory that belongs to no district (Gebiet außerhalb der Kreise).

    GV100AD lists a few areas under a Land without a Kreis: ``07000999``
    Gemeinsames deutsch-luxemburgisches Hoheitsgebiet, ``13000999``
    Küstengewässer. They have no tenant, so they live here rather than as
    municipalities with a nullable district (decision 0013).
    """

    ags = models.CharField(_("Amtlicher Gemeindeschlüssel"), max_length=8, unique=True)
    ars = models.CharField(_("Amtlicher Regionalschlüssel"), max_length=12, unique=True)
    land_key = models.CharField(_("Landesschlüssel"), max_length=2)
    name = models.CharField(_("Name"), max_length=100)
    type_code = models.PositiveSmallIntegerField(_("Gemeindetyp"))
    population = models.PositiveIntegerField(_("Einwohner"))
    area_km2 = models.DecimalField(_("Fläche (km²)"), max_digits=10, decimal_places=2)
    reference_date = models.DateField(_("Gebietsstand"))

    class Meta:
        ordering = ["ags"]
        verbose_name = _("Gebiet außerhalb der Kreise")
        verbose_name_plural = _("Gebiete außerhalb der Kreise")
        constraints = [
            models.CheckConstraint(condition=models.Q(ags__regex=r"^[0-9]{8}$"), name="outside_area_ags_8_digits"),
            models.CheckConstraint(condition=models.Q(ars__regex=r"^[0-9]{12}$"), name="outside_area_ars_12_digits"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def type_label(self) -> str:
        return str(MUNICIPALITY_TYPES.get(self.type_code, self.type_code))
