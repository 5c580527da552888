from __future__ import annotations

from typing import Any

from django import forms

from kreiskurs.forms import KernModelForm

from .models import ActorGroup, Stakeholder


class ActorGroupForm(KernModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ActorGroup
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, district: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class StakeholderForm(KernModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Stakeholder
        fields = [
            "name",
            "kind",
            "group",
            "contact_name",
            "email",
            "phone",
            "website",
            "contact_consent",
            "contact_consent_date",
            "influence",
            "interest",
            "participation_level",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3}), "contact_consent_date": forms.DateInput}

    def __init__(self, *args: Any, district: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = ActorGroup.objects.filter(district=district)  # type: ignore[attr-defined]
