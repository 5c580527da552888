"""Reads of the following app: what a person follows (their data export) and the public things one can follow."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from kreiskurs.strategy.models import Goal, Measure, StrategyVersion

from .models import Follow, Kind


def follows_of(user: Any) -> list[dict[str, Any]]:
    """Everything ``user`` follows, for the export of their data (``participation``'s "Meine Daten")."""
    return [
        {
            "district": f.district.slug,
            "kind": f.get_kind_display(),
            "title": f.title,
            "since": f.created_at.isoformat(),
        }
        for f in Follow.objects.filter(user=user).select_related("district")
    ]


def followers(district: Any, kind: str, key: Any) -> list[Follow]:
    """Who follows the thing, with their accounts (one query)."""
    return list(Follow.objects.filter(district=district, kind=kind, key=str(key)).select_related("user"))


def public_element(district: Any, kind: str, key: str) -> tuple[str, str]:
    """Title and public page of a published measure or goal (its newest public row), or 404.

    What is public is ``StrategyVersion.objects.visible_to(anonymous)``'s decision: a lineage that lives only
    in a draft is missing here, also for members, so nobody follows (and gets mail about) a draft."""
    if kind not in (Kind.MEASURE, Kind.GOAL):
        raise Http404(_("Dem kann man nicht folgen."))
    try:
        lineage = uuid.UUID(str(key))
    except ValueError:
        raise Http404(_("Dem kann man nicht folgen.")) from None
    versions = StrategyVersion.objects.visible_to(AnonymousUser()).filter(district=district)
    rows: QuerySet[Measure] | QuerySet[Goal] = (Measure if kind == Kind.MEASURE else Goal).objects.filter(
        district=district, lineage=lineage, version__in=versions
    )
    url_name = "portal:measure" if kind == Kind.MEASURE else "portal:goal"
    row = rows.order_by("-version__number")
    element = row.first()
    if element is None:
        raise Http404(_("Dem kann man nicht folgen."))
    return f"{element.code} {element.title}".strip(), reverse(url_name, args=[district.slug, lineage])
