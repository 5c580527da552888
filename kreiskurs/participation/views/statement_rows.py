"""The statements page's rows: one ``<article>`` per statement, with its counts and, where the
visitor may vote, the three buttons (issue 12).

Filled in Python (``kreiskurs/fragments.py``, decision 0038): a page shows 50 statements, and as a
template partial each cost ~0.1 ms. The same function answers a vote sent with htmx (the row alone).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kreiskurs.fragments import escape, fill, joined
from kreiskurs.reversing import reverse_cached

from ..models import Visibility

if TYPE_CHECKING:
    from .statements import Row

ARTICLE = (
    '<article class="kk-row kk-section" id="these-{pk}" aria-labelledby="these-{pk}-text">\n{body}{error}</article>'
)
HIDDEN = '  <p class="kern-body" id="these-{pk}-text"><em>{reason}</em></p>\n'
TEXT = (
    '  <p class="kern-body kern-body--large kk-prose" id="these-{pk}-text">{text}</p>\n'
    '  <p class="kern-body kern-body--small kk-meta">{author}{pending}</p>\n'
)
PENDING = " · <strong>{label}</strong>"
COUNTS = '  <p class="kern-body kern-body--small">{counts}</p>\n'
COUNTS_LATER = '  <p class="kern-body kern-body--small kk-meta">{label}</p>\n'
OWN = '  <p class="kern-body kern-body--small"><strong>{own}</strong></p>\n'
FORM = (
    '  <form method="post" action="{action}" class="kk-inline-form" hx-post="{action}" hx-target="#these-{pk}"'
    ' hx-swap="outerHTML"><input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
    '<input type="hidden" name="seite" value="{page}">{trap}\n{buttons}  </form>\n'
)
BUTTON = (
    '    <button type="submit" name="vote" value="{value}" class="kern-btn {style}" aria-pressed="{pressed}"'
    ' aria-describedby="these-{pk}-text"><span class="kern-label">{label}</span></button>\n'
)
ERROR = (
    '<p class="kern-error" role="alert"><span class="kern-icon kern-icon--danger" aria-hidden="true"></span>'
    '<span class="kern-body">{error}</span></p>\n'
)


class Place:
    """What every row of one page shares: where its votes go and whether counts are shown to all. The
    form's CSRF token is asked for only when a row has a vote form (a reader gets no CSRF cookie)."""

    def __init__(self, request: HttpRequest, slug: str, process: int, page: int, *, counts_public: bool):
        self.request, self.slug, self.process, self.page = request, slug, process, page
        self.counts_public = counts_public

    @cached_property
    def csrf(self) -> str:
        return str(get_token(self.request))


def render_rows(rows: Sequence[Row], place: Place) -> SafeString:
    """The rows of a page of statements."""
    labels = _Labels()
    return joined(_row(row, place, labels) for row in rows)


def render_row(row: Row, place: Place, error: str = "") -> SafeString:
    """One statement alone (the answer to a vote sent with htmx), with ``error`` when the vote failed."""
    return _row(row, place, _Labels(), error)


class _Labels:
    """The texts every row shows, translated once per page."""

    def __init__(self) -> None:
        self.by_district = _("vom Kreis")
        self.pending = fill(PENDING, label=_("wartet auf Freigabe"))
        self.counts_later = fill(COUNTS_LATER, label=_("Wie abgestimmt wurde, sehen Sie nach Ihrer eigenen Stimme."))
        self.buttons = (
            ("1", _("Stimme zu"), "kern-btn--secondary"),
            ("-1", _("Stimme nicht zu"), "kern-btn--secondary"),
            ("0", _("Überspringen"), "kern-btn--tertiary"),
        )


def _row(row: Row, place: Place, labels: _Labels, error: str = "") -> SafeString:
    s = row.statement
    if s.visibility == Visibility.HIDDEN:
        reason = _("Diese These wurde von der Moderation ausgeblendet. Grund: %(r)s") % {"r": escape(s.hidden_reason)}
        body = fill(HIDDEN, pk=s.pk, reason=SafeString(reason))
    else:
        author = labels.by_district if s.by_staff else s.author_label
        pending = labels.pending if s.visibility == Visibility.PENDING else ""
        body = fill(TEXT, pk=s.pk, text=s.text, author=author, pending=pending)
        if s.visibility == Visibility.VISIBLE:
            body += _votes(row, place, labels)
    return fill(ARTICLE, pk=s.pk, body=body, error=fill(ERROR, error=error) if error else "")


def _votes(row: Row, place: Place, labels: _Labels) -> SafeString:
    s = row.statement
    shown = fill(COUNTS, counts=row.tally_text) if row.own is not None or place.counts_public else labels.counts_later
    if row.own is not None:
        shown += fill(OWN, own=SafeString(_("Ihre Stimme: %(v)s") % {"v": escape(row.own_label)}))
    if row.trap:
        buttons = SafeString(
            "".join(
                fill(
                    BUTTON,
                    value=value,
                    style="kern-btn--primary" if str(row.own) == value else style,
                    pressed="true" if str(row.own) == value else "false",
                    pk=s.pk,
                    label=label,
                )
                for value, label, style in labels.buttons
            )
        )
        action = reverse_cached("statements:vote", (place.slug, place.process, s.pk))
        shown += fill(FORM, action=action, pk=s.pk, csrf=place.csrf, page=place.page, trap=row.trap, buttons=buttons)
    return shown
