from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kreiskurs.forms import KernForm, KernModelForm, style_widgets
from kreiskurs.strategy.models import FieldOfAction
from kreiskurs.territory.models import MunicipalAssociation

from . import comparison
from .models import Dimension, MaturityModel, Question
from .scoring import LEVELS
from .selectors import size_class_label

NOT_APPLICABLE = "na"


def question_field_name(question: Question) -> str:
    return f"q{question.pk}"


class LevelField(forms.ChoiceField):
    """A question's answer: required for submitting, but a draft may leave it open.

    It is marked required (so the form does not call it "optional"), yet an empty value passes
    validation; ``services.submit_assessment`` refuses incomplete self-assessments with the open codes.
    """

    def validate(self, value: Any) -> None:
        if value in self.empty_values:
            return
        super().validate(value)


class AssessmentForm(KernForm):
    """One radio group per question (levels 0–4 with their descriptions, or "trifft nicht zu")."""

    use_required_attribute = False  # drafts may be incomplete; the browser must not block saving them

    comment = forms.CharField(
        label=_("Anmerkungen zur Selbsteinschätzung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Zum Beispiel: was Sie für die nächste Runde vorhaben, oder wobei der Kreis helfen kann."),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, dimensions: list[Dimension], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions: list[Question] = []
        for dimension in dimensions:
            for question in dimension.questions.all():
                choices = [(str(n), f"{n} – {text}") for n, text in zip(LEVELS, question.levels, strict=True)]
                choices.append((NOT_APPLICABLE, str(_("trifft nicht zu"))))
                self.fields[question_field_name(question)] = LevelField(
                    label=f"{question.code} {question.text}",
                    help_text=question.help_text,
                    choices=choices,
                    widget=forms.RadioSelect,
                )
                self.questions.append(question)
        self.fields["comment"] = self.fields.pop("comment")
        self.fields["revision"] = self.fields.pop("revision")
        style_widgets(self)  # the fields added here get their KERN classes too

    @staticmethod
    def initial_for(answers: dict[int, int | None]) -> dict[str, str]:
        return {f"q{q}": NOT_APPLICABLE if level is None else str(level) for q, level in answers.items()}

    def levels(self) -> dict[int, int | None]:
        """Question id → level (``None`` = does not apply), for the answered questions only."""
        result: dict[int, int | None] = {}
        for question in self.questions:
            value = self.cleaned_data.get(question_field_name(question))
            if value == NOT_APPLICABLE:
                result[question.pk] = None
            elif value:
                result[question.pk] = int(value)
        return result

    def bound_fields_of(self, dimension: Dimension) -> list[forms.BoundField]:
        return [self[question_field_name(q)] for q in self.questions if q.dimension_id == dimension.pk]


class ReopenForm(KernForm):
    reason = forms.CharField(label=_("Begründung für die Gemeinde"), required=False, max_length=500)


class ModelForm(KernModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = MaturityModel
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class DimensionForm(KernModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Dimension
        fields = ["code", "title", "description", "weight", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class QuestionForm(KernModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Question
        fields = ["code", "text", "help_text", "weight", "position", *(f"level_{n}" for n in LEVELS)]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "help_text": forms.Textarea(attrs={"rows": 2}),
            **{f"level_{n}": forms.Textarea(attrs={"rows": 2}) for n in LEVELS},
        }


class RoundForm(KernForm):
    title = forms.CharField(label=_("Titel"), max_length=200)
    model = forms.ModelChoiceField(label=_("Modellversion"), queryset=MaturityModel.objects.none(), empty_label=None)
    opened_on = forms.DateField(label=_("Eröffnet am"), widget=forms.DateInput)
    due_on = forms.DateField(label=_("Abgabe bis"), widget=forms.DateInput, required=False)

    def __init__(self, *args: Any, models: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["model"].queryset = models  # type: ignore[attr-defined]
        if not self.is_bound:
            today = dt.date.today()
            self.initial.setdefault("title", _("Selbsteinschätzung %(y)s") % {"y": today.year})
            self.initial.setdefault("opened_on", today)
            first = models.first()
            if first is not None:
                self.initial.setdefault("model", first.pk)


class FieldLinksForm(KernForm):
    """One group of checkboxes per dimension: the fields of action it addresses."""

    def __init__(self, *args: Any, dimensions: list[Dimension], fields: list[FieldOfAction], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(f.lineage), str(f)) for f in fields]
        self.codes = [d.code for d in dimensions]
        for d in dimensions:
            self.fields[d.code] = forms.MultipleChoiceField(
                label=d.title, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
            )
        style_widgets(self)

    def lineages(self, code: str) -> list[uuid.UUID]:
        return [uuid.UUID(value) for value in self.cleaned_data.get(code, [])]


class GapMeasureForm(KernForm):
    title = forms.CharField(label=_("Titel der Maßnahme"), max_length=300)
    summary = forms.CharField(label=_("Kurzbeschreibung"), widget=forms.Textarea(attrs={"rows": 4}))


class HeatmapFilterForm(KernForm):
    """GET filters of the heatmap; invalid values are ignored (the unfiltered view)."""

    verband = forms.TypedChoiceField(label=_("Gemeindeverband"), required=False, coerce=int, empty_value=None)
    groesse = forms.ChoiceField(label=_("Größenklasse"), required=False)

    def __init__(self, *args: Any, associations: list[MunicipalAssociation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["groesse"].choices = [  # type: ignore[attr-defined]
            ("", _("alle Größenklassen")),
            *((code, size_class_label(code)) for code in comparison.SIZE_CLASS_CODES),
        ]
        if associations:
            self.fields["verband"].choices = [  # type: ignore[attr-defined]
                ("", _("alle Gemeindeverbände")),
                *((str(a.pk), f"{a.name} ({a.type_label})") for a in associations),
            ]
        else:
            del self.fields["verband"]

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {"association": None, "size_class": None}
        return {
            "association": self.cleaned_data.get("verband"),
            "size_class": self.cleaned_data.get("groesse") or None,
        }
