from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from kreiskurs.forms import KernForm, add_bot_fields, refuse_bots, renew_bot_stamp, style_widgets
from kreiskurs.territory.models import Municipality

from .models import Role, User


class GrantRoleForm(KernForm):
    person = forms.CharField(
        label=_("E-Mail-Adresse oder Benutzername"),
        max_length=254,
        help_text=_("Ohne Konto mit dieser bestätigten Adresse geht eine Einladung an die Adresse."),
    )
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

    def clean_person(self) -> User | str:
        """An e-mail address (granted or invited by address) or the account of that user name."""
        value = self.cleaned_data["person"].strip()
        if "@" in value:
            try:
                validate_email(value)
            except ValidationError:
                pass
            else:
                return User.objects.normalize_email(value)
        user = User.objects.filter(username=value).first()
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
        help_texts = {
            "display_name": _("Unter diesem Namen erscheinen Ihre Beiträge; ein Pseudonym genügt."),
            "email": _(
                "Sie erhalten einen Link, mit dem Sie die Adresse bestätigen. Ohne Adresse lässt sich ein "
                "vergessenes Passwort nicht zurücksetzen."
            ),
        }

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


class PasswordResetRequestForm(KernForm):
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Die bestätigte Adresse Ihres Kontos."),
    )


class EmailForm(KernForm):
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Freiwillig, nur für Benachrichtigungen und ein vergessenes Passwort. Leer lassen entfernt sie."),
    )


class KernSetPasswordForm(SetPasswordForm):  # type: ignore[type-arg]
    """Django's form for a new password, in KERN style."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def full_clean(self) -> None:
        super().full_clean()
        style_widgets(self)


class KernPasswordChangeForm(PasswordChangeForm):
    """Django's form for changing the password (the old one first), in KERN style."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def full_clean(self) -> None:
        super().full_clean()
        style_widgets(self)
