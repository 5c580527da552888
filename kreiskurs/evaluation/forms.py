from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kreiskurs.forms import KernForm
from kreiskurs.strategy.models import StrategyVersion

from . import selectors
from .models import ChangeProposal, Rating


class RoundForm(KernForm):
    title = forms.CharField(label=_("Titel"), max_length=200)
    period_start = forms.DateField(label=_("Zeitraum von"), widget=forms.DateInput)
    period_end = forms.DateField(label=_("Zeitraum bis"), widget=forms.DateInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            year = dt.date.today().year - 1
            self.initial.setdefault("title", _("Evaluation %(y)s") % {"y": year})
            self.initial.setdefault("period_start", dt.date(year, 1, 1))
            self.initial.setdefault("period_end", dt.date(year, 12, 31))


class AssessmentForm(KernForm):
    rating = forms.ChoiceField(label=_("Bewertung"), choices=Rating.choices)
    rationale = forms.CharField(label=_("Begründung"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, suggested: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.suggested = suggested

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        rating = data.get("rating")
        if self.suggested and rating and rating != self.suggested and not data.get("rationale", "").strip():
            self.add_error("rationale", _("Sie weichen vom Vorschlag ab: Bitte begründen Sie die Bewertung."))
        return data


class FindingsForm(KernForm):
    findings = forms.CharField(
        label=_("Ergebnisse und Erkenntnisse"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("Was die Runde gezeigt hat; erscheint im Bericht."),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ProposalForm(KernForm):
    element = forms.ChoiceField(label=_("Betrifft"), required=False)
    action = forms.ChoiceField(label=_("Vorschlag"), choices=ChangeProposal.Action.choices)
    title = forms.CharField(label=_("Titel"), max_length=300)
    change = forms.CharField(label=_("Was soll sich ändern?"), widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(label=_("Warum? (Befund der Evaluation)"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, version: StrategyVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["element"].choices = [("", _("– die Strategie insgesamt –")), *selectors.element_choices(version)]  # type: ignore[attr-defined]

    def clean_element(self) -> tuple[str, uuid.UUID | None]:
        value = self.cleaned_data["element"]
        if not value:
            return "", None
        kind, lineage = value.split(":", 1)
        return kind, uuid.UUID(lineage)


class DecisionForm(KernForm):
    accept = forms.TypedChoiceField(
        label=_("Entscheidung"),
        choices=[("1", _("annehmen und in den Entwurf übernehmen")), ("0", _("ablehnen"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    decision_note = forms.CharField(label=_("Begründung"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PlanForm(KernForm):
    """An evaluation planned ahead."""

    title = forms.CharField(label=_("Titel"), max_length=200)
    due_on = forms.DateField(label=_("Geplant für"), widget=forms.DateInput)
    repeat_months = forms.IntegerField(
        label=_("Wiederholen alle … Monate"),
        min_value=0,
        max_value=60,
        initial=12,
        help_text=_("0 = einmalig, 12 = jährlich."),
    )
