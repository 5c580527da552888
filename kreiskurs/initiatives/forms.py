from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kreiskurs.forms import KernForm, KernModelForm
from kreiskurs.strategy.models import FieldOfAction, Goal, MeasureMunicipality, StrategyVersion

from .models import LocalInitiative


class InitiativeForm(KernModelForm):
    goals: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        queryset=Goal.objects.none(),
        required=False,
        label=_("Trägt bei zu Zielen"),
        widget=forms.CheckboxSelectMultiple,
    )
    fields_of_action: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        queryset=FieldOfAction.objects.none(),
        required=False,
        label=_("Handlungsfelder"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = LocalInitiative
        fields = ["title", "description", "status", "contact", "link"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, version: StrategyVersion | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if version is not None:
            self.fields["goals"].queryset = Goal.objects.filter(version=version)  # type: ignore[attr-defined]
            self.fields["fields_of_action"].queryset = FieldOfAction.objects.filter(version=version)  # type: ignore[attr-defined]

    def _post_clean(self) -> None:
        """Model validation happens in the service, with the municipality in place."""


class EnrolForm(KernForm):
    role = forms.ChoiceField(label=_("Rolle"), choices=MeasureMunicipality.Role.choices)
    note = forms.CharField(label=_("Anmerkung"), max_length=300, required=False)
