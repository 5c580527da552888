"""Traffic lights for ratings."""

from __future__ import annotations

from django import template

from ..models import Rating

register = template.Library()

BADGES: dict[str, str] = {
    Rating.ACHIEVED: "success",
    Rating.ON_TRACK: "success",
    Rating.AT_RISK: "warning",
    Rating.OFF_TRACK: "danger",
    Rating.NOT_ASSESSABLE: "info",
}


@register.inclusion_tag("evaluation/_rating.html")
def rating_badge(rating: str) -> dict[str, str]:
    """A KERN badge in the rating's traffic-light colour, always with the rating in words."""
    return {
        "variant": BADGES.get(rating, "info"),
        "label": str(Rating(rating).label) if rating in Rating.values else "–",
    }
