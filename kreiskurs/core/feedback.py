"""How a view turns a service's refusal (stale edit, invalid input) into feedback on its form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from .editing import EditConflict

T = TypeVar("T")


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


def show_conflict(request: HttpRequest, form: Any, exc: EditConflict) -> None:
    """Explain the conflict and move the form's hidden revision to the current one.

    The editor has now seen the other changes, so saving again is a deliberate decision.
    """
    conflict_message(request, exc)
    data = form.data.copy()
    data["revision"] = str(exc.obj.revision)
    form.data = data


def attempt(request: HttpRequest, form: Any, write: Callable[[], T]) -> T | None:
    """Run one service write for a valid form; on refusal, explain it in the form and return None."""
    try:
        return write()
    except EditConflict as exc:
        show_conflict(request, form, exc)
    except ValidationError as exc:
        form.add_error(None, exc)
    return None
