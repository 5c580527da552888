"""The process templates staff start from (then adjust): phases with their kinds and default lengths."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import PhaseKind, Process

#: template → [(phase kind, phase title, length in days)]
TEMPLATES: dict[str, list[tuple[str, Any, int]]] = {
    Process.Template.IDEAS: [
        (PhaseKind.INFORMATION, _("Information"), 7),
        (PhaseKind.IDEAS, _("Ideen sammeln"), 28),
        (PhaseKind.FEEDBACK, _("Rückmeldung: was aus den Ideen wird"), 14),
    ],
    Process.Template.DRAFT: [
        (PhaseKind.INFORMATION, _("Information"), 7),
        (PhaseKind.COMMENTING, _("Entwurf kommentieren"), 28),
        (PhaseKind.FEEDBACK, _("Rückmeldung"), 14),
    ],
    Process.Template.PRIORITISE: [
        (PhaseKind.INFORMATION, _("Information"), 7),
        (PhaseKind.PRIORITISATION, _("Maßnahmen priorisieren"), 21),
        (PhaseKind.FEEDBACK, _("Ergebnis"), 14),
    ],
    Process.Template.SURVEY: [
        (PhaseKind.SURVEY, _("Umfrage"), 21),
        (PhaseKind.FEEDBACK, _("Ergebnisse"), 14),
    ],
    Process.Template.WORKSHOP: [
        (PhaseKind.INFORMATION, _("Einladung"), 14),
        (PhaseKind.WORKSHOP, _("Werkstatt"), 1),
        (PhaseKind.FEEDBACK, _("Ergebnisse der Werkstatt"), 21),
    ],
    Process.Template.STATEMENTS: [
        (PhaseKind.STATEMENTS, _("Thesen abstimmen"), 21),
        (PhaseKind.FEEDBACK, _("Meinungsbild"), 14),
    ],
}
