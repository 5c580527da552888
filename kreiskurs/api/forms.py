"""The back-office form for a new write token."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kreiskurs.forms import KernForm


class TokenForm(KernForm):
    name = forms.CharField(
        label=_("Bezeichnung"),
        max_length=100,
        help_text=_("Wofür der Schlüssel gedacht ist, z. B. „Fachverfahren Bauamt“."),
    )
    target = forms.ChoiceField(label=_("Gilt für"))

    def __init__(self, *args: Any, targets: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        target = self.fields["target"]
        assert isinstance(target, forms.ChoiceField)
        target.choices = targets
