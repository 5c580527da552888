"""Form rendering in KERN UX: one renderer, widget classes set in one place."""

from __future__ import annotations

import functools
from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from .numberfields import germanize_number_fields

# Order matters: subclasses before their bases (CheckboxSelectMultiple is a RadioSelect,
# SelectMultiple and NullBooleanSelect are Selects).
WIDGET_CLASSES = {
    forms.CheckboxInput: "kern-form-check__checkbox",
    forms.CheckboxSelectMultiple: "kern-form-check__checkbox",
    forms.RadioSelect: "kern-form-check__radio",
    forms.SelectMultiple: "kern-form-input__select kk-select-multiple",
    forms.Select: "kern-form-input__select",
}


class KernFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


def style_widgets(form: forms.BaseForm) -> None:
    """Give every widget its KERN class and ARIA links to hint and error."""
    for name, field in form.fields.items():
        widget = field.widget
        css = next((c for cls, c in WIDGET_CLASSES.items() if isinstance(widget, cls)), "kern-form-input__input")
        classes = widget.attrs.get("class", "").split()
        wanted = css.split()
        # ``_errors`` (not ``errors``): reading ``errors`` would validate now,
        # before subclasses have narrowed their choices.
        if name in (getattr(form, "_errors", None) or {}):
            wanted.append("kern-form-input__input--error")
            widget.attrs["aria-invalid"] = "true"
        widget.attrs["class"] = " ".join(dict.fromkeys(classes + wanted))
        if isinstance(widget, forms.DateInput):
            widget.input_type = "date"
            widget.format = "%Y-%m-%d"


class KernForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        germanize_number_fields(self)  # 310.000,50 (kreiskurs/numberfields.py)
        style_widgets(self)

    def full_clean(self) -> None:
        super().full_clean()
        style_widgets(self)


class KernModelForm(forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        germanize_number_fields(self)  # 310.000,50 (kreiskurs/numberfields.py)
        style_widgets(self)

    def full_clean(self) -> None:
        super().full_clean()
        style_widgets(self)


class BotProtectedForm(KernForm):
    """Adds a honeypot people do not see and a signed timestamp (``kreiskurs/botcheck.py``).

    Given the visitor's ``session``, the timestamp is bound to it and good for one submission.
    """

    def __init__(self, *args: Any, session: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bot_fields(self, session=session)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        refuse_bots(self)
        return data

    def full_clean(self) -> None:
        super().full_clean()
        renew_bot_stamp(self)


def add_bot_fields(form: forms.BaseForm, *, session: Any = None, stamp: bool = True) -> None:
    """The honeypot and (unless ``stamp`` is False: forms only joined participants send) the signed timestamp."""
    from .botcheck import HONEYPOT, STAMP, form_stamp

    honeypot = forms.CharField(
        required=False,
        label=_("Bitte leer lassen"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    honeypot.is_honeypot = True  # type: ignore[attr-defined]  # rendered out of sight (forms/field.html)
    form.fields[HONEYPOT] = honeypot
    form.bot_session = session  # type: ignore[attr-defined]
    form.bot_stamp = stamp  # type: ignore[attr-defined]
    if not stamp:
        return
    initial: Any = form_stamp if session is None else functools.partial(form_stamp, session=session)
    form.fields[STAMP] = forms.CharField(required=False, widget=forms.HiddenInput, initial=initial)


def refuse_bots(form: forms.BaseForm) -> None:
    from .botcheck import HONEYPOT, HONEYPOT_FILLED, refusal, stamp_problem

    if not getattr(form, "bot_stamp", True):
        if form.is_bound and form.data.get(HONEYPOT):
            raise forms.ValidationError(refusal(HONEYPOT_FILLED), code="bot")
        return
    if form.is_bound and (problem := stamp_problem(form.data, session=getattr(form, "bot_session", None))):
        raise forms.ValidationError(refusal(problem), code="bot")


def renew_bot_stamp(form: forms.BaseForm) -> None:
    """After validation: a session-bound stamp is used up, so the form, shown again, carries a fresh one."""
    from .botcheck import renew_stamp

    session = getattr(form, "bot_session", None)
    if form.is_bound and session is not None:
        form.data = renew_stamp(form.data, session)
