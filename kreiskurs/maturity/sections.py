"""Maturity on pages of apps below this one (see ``kreiskurs.core.sections``)."""

from __future__ import annotations

from typing import Any

import rules
from django.http import HttpRequest

from kreiskurs.core.sections import register_section

from .selectors import municipality_profile


@register_section("manage.municipality", template="maturity/tags/history.html")
def maturity_history(*, request: HttpRequest, municipality: Any) -> dict[str, Any]:
    """A municipality's maturity over the rounds (for its staff page); internal, so only for permitted users."""
    allowed = rules.has_perm("maturity.view_municipality", request.user, municipality)
    return {
        "allowed": allowed,
        "municipality": municipality,
        "district": municipality.district,
        "profile": municipality_profile(municipality) if allowed else [],
    }
