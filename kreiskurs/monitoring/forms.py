from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kreiskurs.collation import natural
from kreiskurs.forms import KernForm, KernModelForm, style_widgets
from kreiskurs.strategy.models import Goal, Measure, StrategyVersion
from kreiskurs.territory.models import Municipality
from kreiskurs.uploads import max_upload_bytes

from .importing import too_large_message
from .models import Indicator


class IndicatorForm(KernModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "unit",
            "description",
            "source",
            "direction",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "level",
            "scope",
        ]
        localized_fields = ("baseline_value", "target_value")
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "baseline_date": forms.DateInput,
            "target_date": forms.DateInput,
        }

    goals = forms.ModelMultipleChoiceField(
        queryset=Goal.objects.none(), required=False, widget=forms.CheckboxSelectMultiple, label=_("Zugehörige Ziele")
    )
    measures = forms.ModelMultipleChoiceField(
        queryset=Measure.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Zugehörige Maßnahmen"),
    )

    def __init__(self, *args: Any, version: StrategyVersion | None, **kwargs: Any) -> None:
        """Goals and measures come from the version being worked on; links are kept by lineage."""
        super().__init__(*args, **kwargs)
        goals = Goal.objects.filter(version=version)
        measures = Measure.objects.filter(version=version).order_by(natural("code"))
        self.fields["goals"].queryset = goals  # type: ignore[attr-defined]
        self.fields["measures"].queryset = measures  # type: ignore[attr-defined]
        if self.instance.pk and not self.is_bound:
            linked = {link.lineage for link in self.instance.links.all()}
            self.initial["goals"] = [g.pk for g in goals if g.lineage in linked]
            self.initial["measures"] = [m.pk for m in measures if m.lineage in linked]


class MeasurementForm(KernForm):
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.none(), required=False, label=_("Gemeinde"), help_text=_("Leer: ganzer Kreis.")
    )
    period = forms.CharField(label=_("Zeitraum"), max_length=7, help_text=_("JJJJ, JJJJ-MM oder JJJJ-Qn"))
    value = forms.DecimalField(label=_("Wert"), max_digits=18, decimal_places=4, localize=True)
    source = forms.CharField(label=_("Quelle"), max_length=300, required=False)
    note = forms.CharField(label=_("Anmerkung"), max_length=500, required=False)

    def __init__(self, *args: Any, indicator: Indicator, municipalities: Any = None, **kwargs: Any) -> None:
        """``municipalities`` limits the choice (a municipal contact: their own, required)."""
        super().__init__(*args, **kwargs)
        if indicator.scope == "municipality":
            choices = municipalities if municipalities is not None else Municipality.objects.all()
            self.fields["municipality"].queryset = choices.filter(  # type: ignore[attr-defined]
                district_id=indicator.district_id
            )
            if municipalities is not None:
                self.fields["municipality"].required = True
                self.fields["municipality"].help_text = ""
        else:
            del self.fields["municipality"]


class UploadForm(KernForm):
    file = forms.FileField(
        label=_("Datei (CSV oder XLSX)"),
        help_text=_("CSV in UTF-8 oder Windows-1252, Komma oder Semikolon; oder eine Excel-Datei (XLSX)."),
    )

    def __init__(self, *args: Any, indicators: Any = None, **kwargs: Any) -> None:
        """``indicators``: offer the choice of the indicator a Regionalstatistik table belongs to."""
        super().__init__(*args, **kwargs)
        if indicators is not None:
            self.fields["indicator"] = forms.ChoiceField(
                label=_("Indikator (nur für Tabellen der Regionalstatistik)"),
                help_text=_(
                    "Eine Tabelle mit einer Spalte je Zeitraum (GENESIS, Regionalstatistik) enthält die Werte eines "
                    "Indikators; eine Tabelle mit der Spalte indicator_code nennt ihn in jeder Zeile."
                ),
                choices=[("", "–"), *((i.code, str(i)) for i in indicators)],
                required=False,
            )
            style_widgets(self)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(too_large_message(upload.size))
        return upload
