"""Forms of the actor registry: actor groups, stakeholders, bodies and their members."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from kreiskurs.forms import KernForm, KernModelForm
from kreiskurs.territory.models import District

from .models import ActorGroup, Stakeholder


class ActorGroupForm(KernModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ActorGroup
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, district: District | None = None, **kwargs: Any) -> None:
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

    def __init__(self, *args: Any, district: District | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = ActorGroup.objects.filter(district=district)  # type: ignore[attr-defined]


class BodyForm(KernForm):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("Aufgabe"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)


class MemberForm(KernForm):
    prefix = "member"  # shares the page with the body form
    stakeholder = forms.ModelChoiceField(queryset=Stakeholder.objects.none(), label=gettext_lazy("Akteur"))
    role = forms.CharField(label=gettext_lazy("Rolle"), max_length=100, initial=gettext_lazy("Mitglied"))

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stakeholder"].queryset = Stakeholder.objects.filter(district=district)  # type: ignore[attr-defined]
