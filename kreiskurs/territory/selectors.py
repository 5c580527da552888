"""Reads of territory data (public by nature: official statistics)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import District, Municipality


def district_by_slug(slug: str) -> District:
    return get_object_or_404(District, slug=slug)


def municipalities_of(district: District) -> QuerySet[Municipality]:
    return Municipality.objects.filter(district=district).select_related("association").order_by("name")
