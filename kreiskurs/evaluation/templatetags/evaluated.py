"""Traffic lights for ratings."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from ..models import Rating

register = template.Library()

BADGES: dict[str, str] = {
    Rating.ACHIEVED: "success",
    Rating.ON_TRACK: "success",
    Rating.AT_RISK: "warning",
    Rating.OFF_TRACK: "danger",
    Rating.NOT_ASSESSABLE: "info",
}


@register.simple_tag
def rating_badge(rating: str) -> str:
    """A KERN badge in the rating's traffic-light colour, always with the rating in words.

    Built in Python, not an inclusion tag: a report shows one per goal, field and measure
    (500+), and a template per badge was a third of the report's rendering time."""
    label = str(Rating(rating).label) if rating in Rating.values else "–"
    return format_html(
        '<span class="kern-badge kern-badge--{} kern-badge--small"><span class="kern-label">{}</span></span>',
        BADGES.get(rating, "info"),
        label,
    )
