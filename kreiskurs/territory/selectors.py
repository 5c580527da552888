"""Reads of territory data (public by nature: official statistics)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from kreiskurs.collation import natural
from kreiskurs.prepared import Prepared

from .models import UNINCORPORATED_TYPES, District, Municipality

_BY_SLUG = Prepared(lambda slug: District.objects.filter(slug=slug), slug=str)


def district_by_slug(slug: str) -> District:
    """The district at ``slug`` (every district page reads it first), or 404."""
    district = _BY_SLUG.first(slug=slug)
    if district is None:
        raise Http404
    return district


_BY_KEY = Prepared(lambda key: District.objects.filter(key=key), key=str)


def district_by_key(key: str) -> District | None:
    """The district with the Kreisschlüssel ``key`` (the API names districts so), or None."""
    return _BY_KEY.first(key=key)


_BY_DISTRICT_AND_SLUG = Prepared(
    lambda district, slug: Municipality.objects.filter(district_id=district, slug=slug).select_related("association"),
    district=int,
    slug=str,
)
_CHOICES = Prepared(
    lambda district: Municipality.objects.filter(district_id=district).municipalities().values_list("slug", "name"),
    district=int,
)


def municipality_by_slug(district: District, slug: str) -> Municipality | None:
    """The municipality (or gemeindefreies Gebiet) ``slug`` of ``district``, with its association."""
    return _BY_DISTRICT_AND_SLUG.first(district=district.pk, slug=slug)


def municipality_choices(district: District) -> list[tuple[str, str]]:
    """(slug, name) of the district's municipalities in natural order, for a filter."""
    return list(_CHOICES(district=district.pk))


def municipalities_of(district: District) -> QuerySet[Municipality]:
    """The district's municipalities, without its gemeindefreie Gebiete."""
    return (
        Municipality.objects.filter(district=district)
        .municipalities()
        .select_related("association")
        .order_by(natural("name"))
    )


def without_unincorporated(municipalities: QuerySet[Municipality]) -> QuerySet[Municipality]:
    """Any municipality queryset (e.g. one annotated elsewhere) without the gemeindefreie Gebiete."""
    return municipalities.exclude(type_code__in=UNINCORPORATED_TYPES)


def unincorporated_areas_of(district: District) -> QuerySet[Municipality]:
    """The district's gemeindefreie Gebiete (Gemeindetyp 65/66): listed apart from its municipalities."""
    return (
        Municipality.objects.filter(district=district)
        .unincorporated()
        .select_related("association")
        .order_by(natural("name"))
    )
