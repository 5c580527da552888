"""Forms of the participation app. Every form participants submit is a ``ParticipationForm`` (bot protection)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kreiskurs.actors.models import ActorGroup
from kreiskurs.forms import BotProtectedForm, KernForm
from kreiskurs.territory.models import District, Municipality

from .models import AgeBand, Participant


class ParticipationForm(BotProtectedForm):
    """Every form participants submit: honeypot and signed timestamp (``is_valid`` is False for bots)."""


#: why the two self-declarations are asked (shown under the fields and named in the consent text)
DECLARATION_HELP = _(
    "Freiwillig. Nur für die Auswertung, wie repräsentativ die Beteiligung ist; nur zusammengefasst, "
    "nie unter 5 Personen."
)


def declaration_fields(district: District) -> dict[str, forms.Field]:
    """The optional self-declarations: municipality of residence (the district's) and age band."""
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.filter(district=district).order_by("name"),
        required=False,
        empty_label=_("keine Angabe"),
        label=_("Wohnort (Gemeinde, freiwillig)"),
        help_text=DECLARATION_HELP,
    )
    age_band = forms.ChoiceField(
        choices=[("", _("keine Angabe")), *AgeBand.choices],
        required=False,
        label=_("Altersgruppe (freiwillig)"),
        help_text=DECLARATION_HELP,
    )
    return {"municipality": municipality, "age_band": age_band}


class JoinForm(ParticipationForm):
    display_name = forms.CharField(
        label=_("Anzeigename oder Pseudonym"),
        max_length=60,
        help_text=_("Unter diesem Namen erscheinen Ihre Beiträge. Ihr echter Name ist nicht nötig."),
    )
    actor_group = forms.ModelChoiceField(
        queryset=ActorGroup.objects.none(),
        required=False,
        label=_("Ich spreche für (freiwillig)"),
        help_text=_("Damit der Kreis sieht, welche Gruppen noch fehlen."),
    )
    consent = forms.BooleanField(label=_("Ich willige ein (Text oben)."), required=True)

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actor_group"].queryset = ActorGroup.objects.filter(district=district)  # type: ignore[attr-defined]
        consent = self.fields.pop("consent")
        self.fields.update(declaration_fields(district))
        self.fields["consent"] = consent  # the consent comes last, after everything it covers


class ProfileForm(KernForm):
    display_name = forms.CharField(label=_("Anzeigename oder Pseudonym"), max_length=60)
    daily_digest = forms.BooleanField(
        label=_("Benachrichtigungen einmal täglich gesammelt statt einzeln"), required=False
    )

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(declaration_fields(district))

    @classmethod
    def for_participant(cls, participant: Participant, data: Any = None) -> ProfileForm:
        return cls(
            data,
            district=participant.district,
            prefix=f"p{participant.pk}",
            initial={
                "display_name": participant.display_name,
                "daily_digest": participant.daily_digest,
                "municipality": participant.municipality_id,
                "age_band": participant.age_band,
            },
        )


class IdeaForm(ParticipationForm):
    title = forms.CharField(label=_("Titel Ihrer Idee"), max_length=200)
    text = forms.CharField(label=_("Beschreibung"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)
    field: forms.ModelChoiceField[Any] = forms.ModelChoiceField(queryset=None, required=False, label=_("Handlungsfeld"))
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.none(), required=False, label=_("Betrifft die Gemeinde")
    )
    actor_group = forms.ModelChoiceField(
        queryset=ActorGroup.objects.none(),
        required=False,
        label=_("Aus Sicht der Gruppe"),
        help_text=_("Leer lassen: Ihre eigene Angabe beim Mitmachen gilt."),
    )

    def __init__(self, *args: Any, process: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from kreiskurs.strategy.models import FieldOfAction, StrategyVersion

        # fields of action of a released version only: a draft being worked on is not public
        released = StrategyVersion.objects.public().filter(pk=process.version_id)
        self.fields["field"].queryset = FieldOfAction.objects.filter(version__in=released)  # type: ignore[attr-defined]
        self.fields["municipality"].queryset = Municipality.objects.filter(district_id=process.district_id)  # type: ignore[attr-defined]
        self.fields["actor_group"].queryset = ActorGroup.objects.filter(district_id=process.district_id)  # type: ignore[attr-defined]
        if not process.version_id:
            del self.fields["field"]


class CommentForm(ParticipationForm):
    text = forms.CharField(label=_("Ihr Kommentar"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000)


class ReportForm(ParticipationForm):
    reason = forms.CharField(label=_("Was ist das Problem?"), max_length=500)


class ModerationForm(KernForm):
    reason = forms.CharField(label=_("Grund (wird öffentlich angezeigt)"), max_length=300, required=False)


class IdeaStatusForm(KernForm):
    status = forms.ChoiceField(label=_("Status"), choices=[])
    reason = forms.CharField(
        label=_("Begründung (öffentlich)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    measure: forms.ModelChoiceField[Any] = forms.ModelChoiceField(queryset=None, required=False, label=_("Maßnahme"))
    merged_into: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Zusammengeführt mit Idee")
    )

    def __init__(self, *args: Any, idea: Any, measures: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .models import Idea, IdeaStatus

        self.fields["status"].choices = IdeaStatus.choices  # type: ignore[attr-defined]
        self.fields["measure"].queryset = measures  # type: ignore[attr-defined]
        self.fields["merged_into"].queryset = Idea.objects.filter(process_id=idea.process_id).exclude(pk=idea.pk)  # type: ignore[attr-defined]


class ProcessForm(KernForm):
    title = forms.CharField(label=_("Titel"), max_length=200)
    summary = forms.CharField(label=_("Worum geht es?"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    version: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Strategieversion")
    )
    moderation = forms.ChoiceField(label=_("Moderation"), choices=[])
    allow_pseudonymous = forms.BooleanField(label=_("Teilnahme ohne Konto (mit Pseudonym) erlauben"), required=False)

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from kreiskurs.strategy.models import StrategyVersion

        from .models import Process

        # only released versions (in consultation, adopted, superseded): what a process shows is public, and
        # a working draft is not; the version already linked stays selectable so saving keeps it
        linked = self.initial.get("version")
        offered = StrategyVersion.objects.public().filter(district=district)
        if linked is not None:
            offered = offered | StrategyVersion.objects.filter(district=district, pk=getattr(linked, "pk", linked))
        self.fields["version"].queryset = offered  # type: ignore[attr-defined]
        self.fields["version"].help_text = _(
            "Nur freigegebene Versionen: in Beteiligung, beschlossen oder abgelöst. "
            "Einen Entwurf veröffentlichen Sie unter „Versionen“ zur Beteiligung."
        )
        self.fields["moderation"].choices = Process.Moderation.choices  # type: ignore[attr-defined]


class NewProcessForm(ProcessForm):
    template = forms.ChoiceField(label=_("Vorlage"), choices=[])
    start = forms.DateField(label=_("Beginn der ersten Phase"), widget=forms.DateInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .models import Process

        self.fields["template"].choices = Process.Template.choices  # type: ignore[attr-defined]
        self.order_fields(["template", "title", "summary", "version", "start", "moderation", "allow_pseudonymous"])


class PhaseForm(KernForm):
    kind = forms.ChoiceField(label=_("Art"), choices=[])
    title = forms.CharField(label=_("Titel"), max_length=200)
    start = forms.DateTimeField(label=_("Beginn"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    end = forms.DateTimeField(label=_("Ende"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    description = forms.CharField(label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .models import PhaseKind

        self.fields["kind"].choices = PhaseKind.choices  # type: ignore[attr-defined]
        for name in ("start", "end"):
            self.fields[name].widget.format = "%Y-%m-%dT%H:%M"  # type: ignore[attr-defined]


class ConsiderationForm(KernForm):
    """The team's response to one contribution (Abwägung)."""

    decision = forms.ChoiceField(label=_("Entscheidung"), choices=[])
    reason = forms.CharField(label=_("Begründung (öffentlich)"), widget=forms.Textarea(attrs={"rows": 3}))
    change_key = forms.ChoiceField(label=_("Geänderte Stelle (optional)"), choices=[], required=False)
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, changes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .models import Decision

        self.fields["decision"].choices = Decision.choices  # type: ignore[attr-defined]
        self.fields["change_key"].choices = [("", _("– keine Änderung –")), *changes]  # type: ignore[attr-defined]


class FieldAssignmentForm(KernForm):
    """Confirm or correct an idea's field of action and goal (choices: the process's version, by lineage)."""

    field_lineage = forms.TypedChoiceField(label=_("Handlungsfeld"), choices=[], required=False, empty_value=None)
    goal_lineage = forms.TypedChoiceField(label=_("Ziel"), choices=[], required=False, empty_value=None)

    def __init__(self, *args: Any, version_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        import uuid

        from kreiskurs.strategy.models import FieldOfAction, Goal

        fields = FieldOfAction.objects.filter(version_id=version_id or 0).order_by("position", "code")
        goals = Goal.objects.filter(version_id=version_id or 0).order_by("position", "code")
        none = [("", _("– keins –"))]
        self.fields["field_lineage"].choices = none + [(str(f.lineage), str(f)) for f in fields]  # type: ignore[attr-defined]
        self.fields["goal_lineage"].choices = none + [(str(g.lineage), str(g)) for g in goals]  # type: ignore[attr-defined]
        self.fields["field_lineage"].coerce = uuid.UUID  # type: ignore[attr-defined]
        self.fields["goal_lineage"].coerce = uuid.UUID  # type: ignore[attr-defined]
