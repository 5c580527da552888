"""Writing legal pages and passing on feedback about accessibility.

Permission checks happen before (``legal.edit_page`` in the views, through
``access.district_for``); these functions state the rule of the write.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from kreiskurs.accounts.ratelimit import Limit, check_rate
from kreiskurs.accounts.types import account_of
from kreiskurs.audit.services import record_change
from kreiskurs.core.editing import refuse_if_stale
from kreiskurs.core.mail import queue_mail
from kreiskurs.territory.models import District

from .models import DistrictContact, LegalPage, LegalPageVersion
from .selectors import feedback_address

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor

#: feedback messages per visitor (account or IP address): a person reporting barriers never
#: needs more, a script sending mail through the district's form is stopped
FEEDBACK_LIMIT = Limit(per_account=5, per_address=5, window=dt.timedelta(hours=1))


@transaction.atomic
def save_page(
    *, by: Actor, kind: str, district: District | None, title: str, body: str, expected_revision: int | None = None
) -> LegalPage:
    """Save the text of one page (the district's own, or the installation's where ``district`` is None).

    The page's first save creates it; from then on the district shows this text
    instead of the installation's. Every save keeps a frozen copy
    (``LegalPageVersion``) and an audit entry: in the district's log, or for the
    installation's pages an installation-wide one (``district`` empty). A save
    from a form opened at an older revision is refused (``EditConflict``), so
    nobody overwrites a change they did not see.
    """
    page = LegalPage.objects.select_for_update().filter(kind=kind, district=district).first()
    if page is None:
        page = LegalPage(kind=kind, district=district, title=title, body=body, revision=1)
        old = ("", "")
        action = "create"
    else:
        refuse_if_stale(page, expected_revision)
        old = (page.title, page.body)
        page.title, page.body, page.revision = title, body, page.revision + 1
        action = "update"
    page.full_clean()
    page.save()
    LegalPageVersion.objects.create(page=page, revision=page.revision, title=title, body=body, saved_by=account_of(by))
    changes = {
        name: (before, after)
        for name, before, after in (("title", old[0], title), ("body", old[1], body))
        if before != after
    }
    record_change(by=by, district=district, action=action, obj=page, changes=changes, revision=page.revision)
    return page


@transaction.atomic
def remove_page(*, by: Actor, kind: str, district: District | None) -> None:
    """Remove a page's own text: the district shows the installation's text again (the installation
    the shipped one). Its versions go with it; the audit log (the district's or the installation's)
    keeps the removal."""
    page = LegalPage.objects.select_for_update().filter(kind=kind, district=district).first()
    if page is None:
        return
    record_change(by=by, district=district, action="delete", obj=page, changes={"body": (page.body, "")})
    page.delete()


@transaction.atomic
def set_contact(*, by: Actor, district: District, email: str) -> DistrictContact | None:
    """Set the address where feedback on accessibility reaches the district; empty: the installation's."""
    contact = DistrictContact.objects.select_for_update().filter(district=district).first()
    old = contact.email if contact else ""
    if old == email:
        return contact
    if not email:
        assert contact is not None
        record_change(by=by, district=district, action="delete", obj=contact, changes={"email": (old, "")})
        contact.delete()
        return None
    if contact is None:
        contact = DistrictContact(district=district, email=email)
    else:
        contact.email, contact.revision = email, contact.revision + 1
    contact.full_clean()
    contact.save()
    record_change(
        by=by, district=district, action="update" if old else "create", obj=contact, changes={"email": (old, email)}
    )
    return contact


@transaction.atomic
def send_accessibility_feedback(
    *,
    district: District | None,
    message: str,
    name: str = "",
    email: str = "",
    page_address: str = "",
    account: str = "",
    address: str | None = None,
) -> str:
    """Pass a report of a barrier on to the district (or the installation) by mail; nothing is stored.

    Counted per account and client address (``FEEDBACK_LIMIT``, raises
    ``RateLimited``). Returns the address the mail goes to.
    """
    check_rate(kind="legal.feedback", limit=FEEDBACK_LIMIT, account=account, address=address)
    to = feedback_address(district)
    where = district.display_name if district is not None else _("die gesamte Plattform")
    lines = [
        _("Rückmeldung zur Barrierefreiheit (%(where)s)") % {"where": where},
        "",
        message.strip(),
        "",
        _("Betroffene Seite: %(page)s") % {"page": page_address or _("keine Angabe")},
        _("Name: %(name)s") % {"name": name or _("keine Angabe")},
        _("Antwort an: %(email)s") % {"email": email or _("keine Angabe")},
        "",
        _("Bitte antworten Sie innerhalb von vier Wochen (Erklärung zur Barrierefreiheit)."),
    ]
    queue_mail(subject=_("Barriere gemeldet: %(where)s") % {"where": where}, body="\n".join(lines), to=[to])
    return to
