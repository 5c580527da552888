"""Reading the legal pages: which text a page shows, and where feedback goes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import SafeString

from kreiskurs.prepared import Prepared
from kreiskurs.territory.models import District

from .defaults import DEFAULT_DATE, PLACEHOLDER, TEXTS
from .markup import render_markdown
from .models import DistrictContact, LegalPage, PageKind

#: where a shown text comes from
OWN = "own"  # the district's own text (or, for the installation, its edited text)
INSTALLATION = "installation"  # a district page falling back to the installation's text
DEFAULT = "default"  # the text shipped with Kreiskurs


@dataclass(frozen=True)
class ShownPage:
    kind: str
    title: str
    body: str
    stated_on: dt.date
    source: str
    revision: int  # of the row it comes from; 0 where that row is not the edited one

    @cached_property
    def html(self) -> SafeString:
        return render_markdown(self.body)

    @property
    def has_placeholders(self) -> bool:
        return PLACEHOLDER in self.body

    @property
    def label(self) -> str:
        return str(PageKind(self.kind).label)


def _shown(kind: str, rows: list[LegalPage], district: District | None) -> ShownPage:
    own = next((r for r in rows if r.kind == kind and r.district_id == (district.pk if district else None)), None)
    installation = next((r for r in rows if r.kind == kind and r.district_id is None), None)
    row = own or installation
    if row is None:
        title, body = TEXTS[kind]
        return ShownPage(kind, title, body, DEFAULT_DATE, DEFAULT, 0)
    return ShownPage(
        kind,
        row.title,
        row.body,
        timezone.localdate(row.updated_at),
        OWN if row is own else INSTALLATION,
        own.revision if own is not None else 0,
    )


_INSTALLATION_ROWS = Prepared(lambda: LegalPage.objects.filter(district__isnull=True))
_ROWS = Prepared(
    lambda district: LegalPage.objects.filter(Q(district__isnull=True) | Q(district_id=district)), district=int
)


def _rows(district: District | None) -> list[LegalPage]:
    """The installation's pages, and the district's own where given."""
    return list(_INSTALLATION_ROWS() if district is None else _ROWS(district=district.pk))


def page_for(kind: str, district: District | None = None) -> ShownPage:
    """The text of ``kind`` for ``district``: its own, else the installation's, else the shipped one (one query)."""
    return _shown(kind, [r for r in _rows(district) if r.kind == kind], district)


def pages_for(district: District | None = None) -> list[ShownPage]:
    """All four pages as ``page_for`` shows them, in the order of the footer (one query)."""
    rows = _rows(district)
    return [_shown(kind, rows, district) for kind in PageKind.values]


def installation_address() -> str:
    """The installation's address for feedback (``KREISKURS_CONTACT_EMAIL``, else the sender address)."""
    return str(getattr(settings, "KREISKURS_CONTACT_EMAIL", "") or settings.DEFAULT_FROM_EMAIL)


def district_address(district: District) -> str:
    """The address the district set for feedback, or empty."""
    contact = DistrictContact.objects.filter(district=district).first()
    return contact.email if contact else ""


def feedback_address(district: District | None) -> str:
    """Where feedback on accessibility goes: the district's address, else the installation's."""
    return (district_address(district) if district is not None else "") or installation_address()
