"""The district's Atom feed (``/<slug>/feed.atom``), written by ``django.utils.feedgenerator``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from kreiskurs.territory.selectors import district_by_slug

from . import selectors


@require_safe
def district_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """Adoptions, status reports, new and started processes and published evaluation reports, newest first.

    Entry ids are stable IRIs (the feed's address with the event as fragment), so a reader shows an
    entry once however often it polls; a process that starts keeps its id and gets a new ``updated``."""
    district = district_by_slug(slug)
    entries = selectors.feed_entries(district)
    own = request.build_absolute_uri(reverse("feeds:district", args=[district.slug]))
    feed = Atom1Feed(
        title=_("Digitalstrategie %(d)s: Neuigkeiten") % {"d": district.display_name},
        link=request.build_absolute_uri(reverse("portal:district", args=[district.slug])),
        description=_("Beschlüsse, Statusberichte, Beteiligungsverfahren und Evaluationsberichte"),
        language=get_language(),
        feed_url=own,
        feed_guid=own,
        author_name=district.display_name,
    )
    for entry in entries:
        feed.add_item(
            title=entry.title,
            link=request.build_absolute_uri(entry.path),
            description=entry.summary,
            unique_id=f"{own}#{entry.uid}",
            unique_id_is_permalink=False,
            pubdate=entry.updated,
            updateddate=entry.updated,
            categories=[entry.category],
        )
    return HttpResponse(feed.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8")
