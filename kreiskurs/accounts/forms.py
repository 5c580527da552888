from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from kreiskurs.forms import KernForm, add_bot_fields, refuse_bots, renew_bot_stamp, style_widgets
from kreiskurs.territory.models import Municipality

from .models import Role, User


class GrantRoleForm(KernForm):
    username = forms.CharField(label=_("Benutzername"), max_length=150)
    role = forms.ChoiceField(label=_("Rolle"), choices=Role.choices)
    municipality = forms.ModelChoiceField(
        label=_("Gemeinde"),
        queryset=Municipality.objects.none(),
        required=False,
        help_text=_("Nur für kommunale Ansprechpersonen."),
    )
    measure = forms.ChoiceField(label=_("Maßnahme"), required=False, help_text=_("Nur für Maßnahmenverantwortliche."))

    def __init__(self, *args: Any, district: Any, measures: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(district=district)  # type: ignore[attr-defined]
        self.fields["measure"].choices = [("", "–"), *measures]  # type: ignore[attr-defined]

    def clean_username(self) -> User:
        user = User.objects.filter(username=self.cleaned_data["username"]).first()
        if user is None:
            raise forms.ValidationError(_("Es gibt kein Konto mit diesem Benutzernamen."))
        return user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role") == Role.MUNICIPAL_CONTACT and not data.get("municipality"):
            self.add_error("municipality", _("Bitte die Gemeinde wählen."))
        if data.get("role") == Role.MEASURE_LEAD and not data.get("measure"):
            self.add_error("measure", _("Bitte die Maßnahme wählen."))
        return data


class RegisterForm(UserCreationForm):  # type: ignore[type-arg]
    """A participant account: a user name and a password; display name and e-mail are optional."""

    class Meta:
        model = User
        fields = ["username", "display_name", "email"]
        labels = {"email": _("E-Mail-Adresse (freiwillig, nur für Benachrichtigungen)")}
        help_texts = {"display_name": _("Unter diesem Namen erscheinen Ihre Beiträge; ein Pseudonym genügt.")}

    def __init__(self, *args: Any, session: MutableMapping[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bot_fields(self, session=session)  # a stamp good for one registration in this session
        style_widgets(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        refuse_bots(self)
        return data

    def full_clean(self) -> None:
        super().full_clean()
        renew_bot_stamp(self)
        style_widgets(self)
