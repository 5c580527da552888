"""German number input: ``310.000`` and ``310.000,50`` wherever a person types a number.

A single typed value is read in German format only (thousands ``.``, decimal
``,``; spaces also group thousands), with the reading rules of
``kreiskurs/numbers.py``. ``310000`` is fine; a value that can only be read
with a decimal point (``1.5``, ``310000.5``, ``1,234.5``) is refused with a
message suggesting the German spelling (``1,5``): guessing would turn ``1.5``
into fifteen or ``1.500`` into one and a half. Values are shown the same way
(``310.000,5``), so a form sent back unchanged keeps its values.

``KernForm``/``KernModelForm`` turn every visible integer and decimal field
into these fields (``germanize_number_fields``), so no form can forget it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .numbers import GERMAN, INTERNATIONAL, evidence, parse_number

__all__ = [
    "GermanDecimalField",
    "GermanIntegerField",
    "GermanNumberInput",
    "format_german",
    "germanize_number_fields",
    "parse_german",
]


def format_german(value: int | float | Decimal) -> str:
    """``310000.5`` as ``310.000,5`` (no trailing zeros in the fraction)."""
    text = format(Decimal(str(value)) if isinstance(value, float) else Decimal(value), "f")
    sign = "-" if text.startswith("-") else ""
    integer, _sep, fraction = text.lstrip("-").partition(".")
    fraction = fraction.rstrip("0")
    groups: list[str] = []
    while len(integer) > 3:
        integer, tail = integer[:-3], integer[-3:]
        groups.insert(0, tail)
    grouped = ".".join([integer, *groups])
    return sign + grouped + ("," + fraction if fraction else "")


def parse_german(text: str) -> Decimal:
    """A typed value in German format; ``ValidationError`` with a German message otherwise."""
    raw = text.strip()
    if evidence(raw) == INTERNATIONAL:
        suggestion = raw.translate(str.maketrans(".,", ",."))
        raise ValidationError(
            _("„%(raw)s“: Bitte mit Dezimalkomma schreiben, zum Beispiel „%(suggestion)s“."),
            code="decimal_point",
            params={"raw": raw, "suggestion": suggestion},
        )
    try:
        return parse_number(raw, GERMAN)
    except ValueError:
        raise ValidationError(
            _("„%(raw)s“ ist keine Zahl. Bitte so schreiben: 310.000 oder 310.000,50."),
            code="invalid",
            params={"raw": raw[:40]},
        ) from None


class GermanNumberInput(forms.TextInput):
    """A text input (``inputmode`` brings up the number keyboard) that shows numbers in German format."""

    def __init__(self, attrs: dict[str, Any] | None = None, *, inputmode: str = "decimal") -> None:
        super().__init__({"inputmode": inputmode, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return format_german(value)
        return super().format_value(value)


class GermanDecimalField(forms.DecimalField):
    widget = GermanNumberInput

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if value in self.empty_values:
            return None
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            return Decimal(value)
        return parse_german(str(value))


class GermanIntegerField(forms.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", GermanNumberInput(inputmode="numeric"))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        number = parse_german(str(value))
        if number != number.to_integral_value():
            raise ValidationError(_("Bitte eine ganze Zahl eingeben."), code="invalid")
        return int(number)


#: attributes of a number input that a text input does not have
_NUMBER_ATTRS = ("type", "min", "max", "step")


def germanize_number_fields(form: forms.BaseForm) -> None:
    """Every visible integer or decimal field of ``form`` reads and shows German numbers."""
    for field in form.fields.values():
        if type(field.widget) not in (forms.NumberInput, forms.TextInput):
            continue  # hidden fields (revisions), selects, fields with their own widget
        if type(field) is forms.DecimalField:
            field.__class__ = GermanDecimalField
            inputmode = "decimal"
        elif type(field) is forms.IntegerField:
            field.__class__ = GermanIntegerField
            inputmode = "numeric"
        else:
            continue
        attrs = {k: v for k, v in field.widget.attrs.items() if k not in _NUMBER_ATTRS}
        field.widget = GermanNumberInput(attrs, inputmode=inputmode)
        field.widget.is_required = field.required
        field.localize = False  # German whatever the language: the widget formats, to_python reads
