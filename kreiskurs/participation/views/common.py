"""Shared by participation views: the process page frame and acting as a participant."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kreiskurs.strategy import selectors as strategy_selectors
from kreiskurs.territory.models import District

from .. import selectors
from ..models import Participant, Process
from ..protection import client_address
from ..services.base import NotAllowedNow

#: shown on the draft and prioritisation pages while the process's version is not released (state draft)
REVISING = gettext_lazy(
    "Der Entwurf wird gerade überarbeitet und ist nicht öffentlich. "
    "Sobald er wieder zur Beteiligung freigegeben ist, können Sie ihn hier lesen und kommentieren."
)


def frame(request: HttpRequest, district: District, **extra: Any) -> dict[str, Any]:
    """The context every public participation page needs (district navigation)."""
    return {
        "district": district,
        "can_view_internal": strategy_selectors.can_view_internal(request.user, district),
        **extra,
    }


def join_url(process: Process, next_url: str) -> str:
    return f"{reverse('participation:join', args=[process.district.slug, process.pk])}?next={next_url}"


def acting(request: HttpRequest, process: Process) -> Participant | None:
    return selectors.participant_for(request, process.district)


def address(request: HttpRequest) -> str | None:
    return client_address(request)


def refused(request: HttpRequest, exc: Exception, back: str) -> HttpResponse:
    """Turn a refused participant write into a message on the page it came from."""
    if isinstance(exc, NotAllowedNow):
        messages.error(request, str(exc.args[0]) if exc.args else _("Das ist jetzt nicht möglich."))
    elif isinstance(exc, ValidationError):
        messages.error(request, " ".join(exc.messages))
    return redirect(back)


def form_errors(form: Any) -> str:
    """A form's errors as one line, for a message on the page the small form sat on."""
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def commented(request: HttpRequest, row: Any, back: str) -> HttpResponse:
    """After a comment: say whether it is visible or waits for moderation, and show it."""
    from ..models import Visibility

    if row.visibility == Visibility.PENDING:
        messages.success(request, _("Ihr Kommentar erscheint nach der Freigabe."))
    else:
        messages.success(request, _("Ihr Kommentar ist veröffentlicht."))
    return redirect(f"{back}#c{row.pk}")


def require_phase_shown(request: HttpRequest, process: Process, kind: str) -> None:
    """404 unless a phase of ``kind`` has begun: a page that shows the process's strategy version
    (which may be an unpublished draft) exists only for the process's commenting or rating.
    The district's members see it before, to prepare it."""
    import rules
    from django.http import Http404
    from django.utils import timezone

    if rules.has_perm("participation.view_internal", request.user, process.district):
        return
    if not any(p.kind == kind and p.start <= timezone.now() for p in process.phases.all()):
        raise Http404(_("Diese Phase hat noch nicht begonnen."))
