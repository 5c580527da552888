"""German number input in every form where a number is typed (kreiskurs/numberfields.py)."""

from __future__ import annotations

import copy
import datetime as dt
import importlib
import pkgutil
import types
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError

import kreiskurs
from kreiskurs.forms import KernForm, KernModelForm
from kreiskurs.numberfields import GermanDecimalField, GermanIntegerField, germanize_number_fields
from kreiskurs.strategy.forms import StatusReportForm


def _number_forms() -> list[type[forms.BaseForm]]:
    """Every form class of the app with a visible integer or decimal field (all modules imported first)."""
    for info in pkgutil.walk_packages(kreiskurs.__path__, "kreiskurs."):
        if ".tests" in info.name or info.name.endswith(("migrations", "wsgi", "asgi")) or ".migrations." in info.name:
            continue
        if info.name.rsplit(".", 1)[-1] in ("forms", "views") or ".forms." in info.name or ".views." in info.name:
            importlib.import_module(info.name)
    found, todo = [], [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if not cls.__module__.startswith("kreiskurs.") or ".tests" in cls.__module__:
            continue
        fields = getattr(cls, "base_fields", {})
        if any(_is_typed_number(f) for f in fields.values()):
            found.append(cls)
    return sorted(set(found), key=lambda c: f"{c.__module__}.{c.__qualname__}")


def _is_typed_number(field: forms.Field) -> bool:
    return isinstance(field, forms.IntegerField) and type(field.widget) in (forms.NumberInput, forms.TextInput)


NUMBER_FORMS = _number_forms()


def test_the_forms_with_number_fields_are_found() -> None:
    names = {c.__name__ for c in NUMBER_FORMS}
    assert {"StatusReportForm", "IndicatorForm", "MeasurementForm", "MeasureForm"} <= names


@pytest.mark.parametrize("form_class", NUMBER_FORMS, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_every_number_field_reads_and_shows_german_numbers(form_class: type[forms.BaseForm]) -> None:
    # KernForm and KernModelForm germanize their fields on creation; a form outside them would not
    assert issubclass(form_class, KernForm | KernModelForm)
    shell = types.SimpleNamespace(fields=copy.deepcopy(form_class.base_fields))
    germanize_number_fields(shell)  # type: ignore[arg-type]  # what KernForm.__init__ does
    for name, field in shell.fields.items():
        if not _is_typed_number(form_class.base_fields[name]):
            continue
        assert isinstance(field, GermanDecimalField | GermanIntegerField), name
        assert not isinstance(field.widget, forms.NumberInput) and field.widget.attrs["inputmode"]
        assert field.to_python("310.000") == 310000
        if isinstance(field, GermanDecimalField):
            assert field.to_python("310.000,50") == Decimal("310000.50")
            value = Decimal("310000.5")
        else:
            with pytest.raises(ValidationError, match="ganze Zahl"):
                field.to_python("310.000,50")
            value = 310000
        with pytest.raises(ValidationError) as refused:
            field.to_python("1.2.3")
        assert "„1.2.3“ ist keine Zahl" in " ".join(refused.value.messages)
        shown = field.widget.format_value(field.prepare_value(value))
        assert shown == ("310.000,5" if isinstance(field, GermanDecimalField) else "310.000")
        assert field.to_python(shown) == value  # sent back unchanged, the same value


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("310000", 310000),
        ("310.000", 310000),
        ("310.000,50", Decimal("310000.5")),
        ("1,5", Decimal("1.5")),
        ("-1.234.567,25", Decimal("-1234567.25")),
        ("310 000", 310000),
        ("0,5", Decimal("0.5")),
    ],
)
def test_german_spellings_are_read(typed: str, value: Decimal) -> None:
    assert GermanDecimalField().to_python(typed) == value


@pytest.mark.parametrize(("typed", "suggestion"), [("1.5", "1,5"), ("310000.5", "310000,5"), ("1,234.5", "1.234,5")])
def test_a_decimal_point_is_refused_with_the_german_spelling_suggested(typed: str, suggestion: str) -> None:
    with pytest.raises(ValidationError) as refused:
        GermanDecimalField().to_python(typed)
    assert f"zum Beispiel „{suggestion}“" in " ".join(refused.value.messages)


def test_a_status_report_takes_310_000_and_shows_it_again_unchanged() -> None:
    data = {"date": "2026-11-30", "phase": "pilot", "progress": "30", "text": "läuft", "spent_budget": "310.000"}
    form = StatusReportForm(data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["spent_budget"] == 310000
    half = StatusReportForm({**data, "spent_budget": "310.000,50"})
    assert half.is_valid() and half.cleaned_data["spent_budget"] == Decimal("310000.50")
    shown = StatusReportForm(initial={"spent_budget": Decimal("310000.50"), "date": dt.date(2026, 11, 30)})
    html = str(shown["spent_budget"])
    assert 'value="310.000,5"' in html and 'inputmode="decimal"' in html and 'type="text"' in html
    again = StatusReportForm({**data, "spent_budget": "310.000,5"})
    assert again.is_valid() and again.cleaned_data["spent_budget"] == Decimal("310000.50")
    wrong = StatusReportForm({**data, "spent_budget": "1.2.3"})
    assert not wrong.is_valid() and "ist keine Zahl" in wrong.errors["spent_budget"][0]


@pytest.mark.django_db
def test_a_measure_lead_reports_310_000_50_over_http_and_a_wrong_number_comes_back_with_a_message() -> None:
    from django.test import Client

    from kreiskurs.accounts.models import Role
    from kreiskurs.strategy.models import Measure, StatusReport
    from tests import factories

    version = factories.adopted_strategy(measures=1)
    measure = Measure.objects.get(version=version)
    lead = Client()
    lead.force_login(factories.member(version.district, Role.MEASURE_LEAD, measure_lineage=measure.lineage))
    url = f"/{version.district.slug}/verwaltung/umsetzung/{measure.lineage}/bericht/"
    page = lead.get(url).content.decode()
    assert 'name="spent_budget"' in page and 'inputmode="decimal"' in page
    data = {"date": "2025-05-01", "phase": "pilot", "progress": "40", "text": "Pilot läuft"}
    wrong = lead.post(url, {**data, "spent_budget": "1.2.3"})
    body = wrong.content.decode()
    assert wrong.status_code == 200 and "ist keine Zahl" in body and 'value="1.2.3"' in body
    assert lead.post(url, {**data, "spent_budget": "310.000,50"}).status_code == 302
    assert StatusReport.objects.get().spent_budget == Decimal("310000.50")
