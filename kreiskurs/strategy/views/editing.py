"""Shared by the back-office views: the version they edit and how a service
write's refusal (conflict, validation) is turned into feedback on the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from kreiskurs.strategy import selectors
from kreiskurs.strategy.errors import EditConflict
from kreiskurs.strategy.models import StrategyVersion
from kreiskurs.territory.models import District

T = TypeVar("T")


def working_version(district: District) -> StrategyVersion:
    """The version the back office edits: the open draft, else the current one (read-only)."""
    version = selectors.open_version(district) or selectors.current_version(district)
    if version is None:
        raise Http404("Keine Strategie")
    return version


def show_conflict(request: HttpRequest, form: Any, exc: EditConflict) -> None:
    """Tell the editor who changed what in between and keep their input.

    The form's hidden revision moves to the current one: the editor has now
    seen the other changes, so saving again is a deliberate decision.
    """
    conflict_message(request, exc)
    data = form.data.copy()
    data["revision"] = str(exc.obj.revision)
    form.data = data


def conflict_message(request: HttpRequest, exc: EditConflict) -> None:
    """Tell the editor who changed what in between; their own input stays in the form."""
    lines = []
    for entry in exc.entries:
        who = str(entry.actor) if entry.actor else _("unbekannt")
        when = f"{timezone.localtime(entry.at):%d.%m.%Y %H:%M}"
        for label, old, new in entry.labelled_changes():
            lines.append(f"{who}, {when}: {label}: {old} → {new}")
    messages.error(
        request,
        _(
            "Nicht gespeichert: %(obj)s wurde inzwischen geändert. Ihre Eingaben stehen noch im Formular. "
            "Prüfen Sie die Änderungen der anderen Person; erneutes Speichern überschreibt sie. %(changes)s"
        )
        % {"obj": exc.obj, "changes": " · ".join(lines)},
    )


def attempt(request: HttpRequest, form: Any, write: Callable[[], T]) -> T | None:
    """Run one service write for a valid form; on refusal, explain it in the form and return None."""
    try:
        return write()
    except EditConflict as exc:
        show_conflict(request, form, exc)
    except ValidationError as exc:
        form.add_error(None, exc)
    return None
