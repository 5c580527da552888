"""Forms of the cycle's back office. Dates are read in German (``03.12.2026``) and ISO (the date picker)."""

from __future__ import annotations

from typing import Any

from django import forms

from kreiskurs.actors.models import Body
from kreiskurs.forms import KernModelForm
from kreiskurs.territory.models import District

from .models import Mandate, Stage


class MandateForm(KernModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Mandate
        fields = ["council", "date", "reference", "url", "summary", "lead_unit", "bodies"]
        widgets = {
            "date": forms.DateInput,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "bodies": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bodies"].queryset = Body.objects.filter(district=district)  # type: ignore[attr-defined]

    def _post_clean(self) -> None:
        """Model validation (the date, the district's one mandate) happens in the service."""


class StageForm(KernModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Stage
        fields = ["planned_start", "planned_end", "actual_start", "actual_end", "note"]
        widgets = {name: forms.DateInput for name in ("planned_start", "planned_end", "actual_start", "actual_end")}

    def _post_clean(self) -> None:
        """Model validation (dates in order) happens in the service, with the district in place."""
