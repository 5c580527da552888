"""Fetch-and-authorise in one step, for views of every app.

A user without the permission gets 404, exactly as for a row that does not
exist, so guessing slugs or ids reveals nothing about other districts.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import rules
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from kreiskurs.territory.models import District

from .rules import member_district

M = TypeVar("M", bound=Model)


def district_for(user: Any, slug: str, perm: str) -> District:
    district = member_district(user, slug) or District.objects.filter(slug=slug).first()
    if district is None or not rules.has_perm(perm, user, district):
        raise Http404(_("Nicht gefunden"))
    return district


def row_in_district(queryset: QuerySet[M], district: District, pk: Any) -> M:
    """A row of ``queryset`` that belongs to ``district``, else 404."""
    try:
        return queryset.get(district=district, pk=int(pk))
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404(_("Nicht gefunden")) from None


def login_required_404(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous visitors are sent to the login page; everything else is the view's call."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped
