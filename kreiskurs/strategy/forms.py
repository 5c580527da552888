"""Forms of the back office. They validate input; services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kreiskurs.actors.models import Stakeholder
from kreiskurs.forms import KernForm, KernModelForm
from kreiskurs.territory.models import Municipality

from .models import (
    Adoption,
    BaselineSection,
    Criterion,
    ExistingGoal,
    ExistingStrategy,
    FieldOfAction,
    Goal,
    Measure,
    MeasureMunicipality,
    StatusReport,
    StrategyVersion,
    SwotItem,
    Value,
)


class RevisionMixin(forms.Form):
    """Carries the revision the editor saw, for optimistic concurrency."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)


class VersionForm(RevisionMixin, KernModelForm):
    class Meta:
        model = StrategyVersion
        fields = ["vision_title", "vision_text", "change_summary"]
        widgets = {
            "vision_text": forms.Textarea(attrs={"rows": 8}),
            "change_summary": forms.Textarea(attrs={"rows": 4}),
        }


class ValueForm(RevisionMixin, KernModelForm):
    class Meta:
        model = Value
        fields = ["title", "description", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class FieldOfActionForm(RevisionMixin, KernModelForm):
    class Meta:
        model = FieldOfAction
        fields = ["code", "title", "description", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class CriterionForm(RevisionMixin, KernModelForm):
    class Meta:
        model = Criterion
        fields = ["title", "kind", "description", "weight", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class VersionScopedForm(RevisionMixin, KernModelForm):
    """A form whose choices come from one version (and its district) only."""

    def __init__(self, *args: Any, version: StrategyVersion, **kwargs: Any) -> None:
        self.version = version
        super().__init__(*args, **kwargs)
        self.scope_choices(version)

    def scope_choices(self, version: StrategyVersion) -> None:
        """Limit related-object choices to ``version``; subclasses with relations override."""

    def _post_clean(self) -> None:
        # The service sets district and version; validate with them in place.
        self.instance.version = self.version
        self.instance.district_id = self.version.district_id
        super()._post_clean()  # type: ignore[misc]


class GoalForm(VersionScopedForm):
    class Meta:
        model = Goal
        fields = ["code", "title", "description", "parent", "field", "position", "findings"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "findings": forms.CheckboxSelectMultiple}

    def scope_choices(self, version: StrategyVersion) -> None:
        parents = Goal.objects.filter(version=version)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.fields["field"].queryset = FieldOfAction.objects.filter(version=version)  # type: ignore[attr-defined]
        self.fields["findings"].queryset = SwotItem.objects.filter(version=version)  # type: ignore[attr-defined]

    def clean_parent(self) -> Goal | None:
        parent: Goal | None = self.cleaned_data.get("parent")
        node = parent
        while node is not None:
            if self.instance.pk and node.pk == self.instance.pk:
                raise forms.ValidationError(_("Ein Ziel kann nicht sein eigenes Oberziel sein."))
            node = node.parent
        return parent


class BaselineSectionForm(VersionScopedForm):
    class Meta:
        model = BaselineSection
        fields = ["title", "field", "text", "position"]
        widgets = {"text": forms.Textarea(attrs={"rows": 12})}

    def scope_choices(self, version: StrategyVersion) -> None:
        self.fields["field"].queryset = FieldOfAction.objects.filter(version=version)  # type: ignore[attr-defined]


class SwotItemForm(VersionScopedForm):
    class Meta:
        model = SwotItem
        fields = ["kind", "text", "explanation", "fields_of_action", "position"]
        widgets = {"explanation": forms.Textarea(attrs={"rows": 3}), "fields_of_action": forms.CheckboxSelectMultiple}

    def scope_choices(self, version: StrategyVersion) -> None:
        self.fields["fields_of_action"].queryset = FieldOfAction.objects.filter(version=version)  # type: ignore[attr-defined]


MEASURE_FIELDS = list(Measure.compared_fields)
MEASURE_M2M = ("fields_of_action", "goals", "partners", "dependencies")


class MeasureForm(VersionScopedForm):
    class Meta:
        model = Measure
        fields = MEASURE_FIELDS
        localized_fields = ("estimated_cost",)  # German decimal comma: 1.000,50
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "expected_impact": forms.Textarea(attrs={"rows": 3}),
            "digital_check_note": forms.Textarea(attrs={"rows": 2}),
            "council_links": forms.Textarea(attrs={"rows": 2}),
            "fields_of_action": forms.CheckboxSelectMultiple,
            "goals": forms.CheckboxSelectMultiple,
            "partners": forms.CheckboxSelectMultiple,
            "dependencies": forms.CheckboxSelectMultiple,
            "start": forms.DateInput,
            "end": forms.DateInput,
        }

    #: the profile in sections, as the Steckbrief reads
    SECTIONS = (
        (_("Beschreibung"), ("code", "title", "summary", "objectives", "expected_impact")),
        (_("Einordnung"), ("fields_of_action", "goals", "dependencies")),
        (
            _("Umsetzung"),
            (
                "measure_type",
                "priority",
                "phase",
                "start",
                "end",
                "reporting_interval",
                "weight",
                "lead_unit",
                "lead_person",
                "partners",
                "join_needs_confirmation",
            ),
        ),
        (
            _("Finanzierung und Digital-Check"),
            ("estimated_cost", "funding", "funding_programme", "digital_check", "digital_check_note"),
        ),
        (_("Herkunft und Beschlüsse"), ("origin", "origin_note", "council_links")),
    )

    def sections(self) -> list[tuple[Any, list[Any]]]:
        return [(label, [self[name] for name in names]) for label, names in self.SECTIONS]

    def scope_choices(self, version: StrategyVersion) -> None:
        self.fields["fields_of_action"].queryset = FieldOfAction.objects.filter(version=version)  # type: ignore[attr-defined]
        self.fields["goals"].queryset = Goal.objects.filter(version=version)  # type: ignore[attr-defined]
        self.fields["partners"].queryset = Stakeholder.objects.for_district(version.district)  # type: ignore[attr-defined]
        others = Measure.objects.filter(version=version)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["dependencies"].queryset = others  # type: ignore[attr-defined]


class ParticipationForm(KernForm):
    municipality = forms.ModelChoiceField(queryset=Municipality.objects.none(), label=_("Gemeinde"), required=False)
    role = forms.ChoiceField(choices=MeasureMunicipality.Role.choices, label=_("Rolle"))

    def __init__(self, *args: Any, district: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(district=district)  # type: ignore[attr-defined]


class MilestoneForm(KernForm):
    title = forms.CharField(label=_("Meilenstein"), max_length=300, required=False)
    due = forms.DateField(label=_("fällig am"), required=False, widget=forms.DateInput)
    done_on = forms.DateField(label=_("erreicht am"), required=False, widget=forms.DateInput)


class ScoreForm(KernForm):
    criterion = forms.IntegerField(widget=forms.HiddenInput)
    passed = forms.NullBooleanField(label=_("erfüllt"), required=False, widget=forms.NullBooleanSelect)
    score = forms.IntegerField(label=_("Punkte (0–5)"), min_value=0, max_value=5, required=False)


ParticipationFormSet = forms.formset_factory(ParticipationForm, extra=3)
MilestoneFormSet = forms.formset_factory(MilestoneForm, extra=2)
ScoreFormSet = forms.formset_factory(ScoreForm, extra=0)


class ExistingStrategyForm(RevisionMixin, KernModelForm):
    class Meta:
        model = ExistingStrategy
        fields = ["title", "owner", "year", "url", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, district: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class ExistingGoalForm(RevisionMixin, KernModelForm):
    class Meta:
        model = ExistingGoal
        fields = ["strategy", "code", "title"]

    def __init__(self, *args: Any, district: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["strategy"].queryset = ExistingStrategy.objects.filter(district=district)  # type: ignore[attr-defined]


class AdoptionForm(KernModelForm):
    class Meta:
        model = Adoption
        fields = ["body", "municipality", "date", "reference", "url"]
        widgets = {"date": forms.DateInput}

    def __init__(self, *args: Any, district: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(district=district)  # type: ignore[attr-defined]

    def _post_clean(self) -> None:
        """Model validation happens in the service, with the version in place."""


class ConsultationForm(KernForm):
    """Releasing a draft for consultation: the last day the public may comment and rate."""

    until = forms.DateField(
        label=_("Beteiligung bis"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Wird öffentlich als Frist der Beteiligung angezeigt."),
    )


class SettleForm(KernForm):
    """Adopting a version with open items: the user confirms they are settled in the same step."""

    settle = forms.BooleanField(
        label=_("Offene Punkte mit dem Beschluss abschließen"),
        required=False,
        help_text=_(
            "Laufende Beteiligungsverfahren und offene Evaluationsrunden werden heute beendet; "
            "Beiträge ohne Antwort bleiben in der Abwägung offen."
        ),
    )


class RevisionStartForm(KernForm):
    change_summary = forms.CharField(
        label=_("Anlass der Fortschreibung"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class StatusReportForm(KernModelForm):
    class Meta:
        model = StatusReport
        fields = ["date", "phase", "progress", "text", "risks", "next_steps", "spent_budget"]
        localized_fields = ("spent_budget",)
        widgets = {
            "date": forms.DateInput,
            "text": forms.Textarea(attrs={"rows": 4}),
            "risks": forms.Textarea(attrs={"rows": 2}),
            "next_steps": forms.Textarea(attrs={"rows": 2}),
        }

    def _post_clean(self) -> None:
        """Model validation happens in the service, with the measure in place."""


class MilestoneDoneForm(KernForm):
    done_on = forms.DateField(label=_("erreicht am"), required=False, widget=forms.DateInput)


class ImplementationChangeForm(KernForm):
    """An implementation update without a new version: a new date or a new responsible person, with a reason."""

    kind = forms.ChoiceField(label=_("Was ändert sich?"), choices=[])
    milestone: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Meilenstein (bei einem Meilensteintermin)")
    )
    new_date = forms.DateField(label=_("Neuer Termin"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    new_text = forms.CharField(label=_("Neue verantwortliche Person"), max_length=200, required=False)
    reason = forms.CharField(label=_("Begründung (öffentlich)"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, measure: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .models import ImplementationChange

        self.fields["kind"].choices = ImplementationChange.Kind.choices  # type: ignore[attr-defined]
        self.fields["milestone"].queryset = measure.milestones.order_by("due", "id")  # type: ignore[attr-defined]
