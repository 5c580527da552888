"""Forms of the participation app. Every form participants submit is a ``ParticipationForm`` (bot protection)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kreiskurs.actors.models import ActorGroup
from kreiskurs.forms import KernForm
from kreiskurs.territory.models import District, Municipality

from .models import AgeBand, Participant
from .protection import HONEYPOT, STAMP, form_stamp, looks_like_a_bot


class ParticipationForm(KernForm):
    """Adds a honeypot people do not see and a signed timestamp; ``is_valid`` is False for bots."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        honeypot = forms.CharField(
            required=False,
            label=_("Bitte leer lassen"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        honeypot.is_honeypot = True  # type: ignore[attr-defined]  # rendered out of sight (forms/field.html)
        self.fields[HONEYPOT] = honeypot
        self.fields[STAMP] = forms.CharField(required=False, widget=forms.HiddenInput, initial=form_stamp)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.is_bound and looks_like_a_bot(self.data):
            raise forms.ValidationError(
                _("Das Formular wurde zu schnell oder unvollständig abgeschickt. Bitte versuchen Sie es noch einmal."),
                code="bot",
            )
        return data


class JoinForm(ParticipationForm):
    display_name = forms.CharField(
        label=_("Anzeigename oder Pseudonym"),
        max_length=60,
        help_text=_("Unter diesem Namen erscheinen Ihre Beiträge. Ihr echter Name ist nicht nötig."),
    )
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.none(),
        required=False,
        label=_("Wohnort (freiwillig)"),
        help_text=_("Nur für die Auswertung, aus welchen Gemeinden Beiträge kommen; nie einzeln veröffentlicht."),
    )
    actor_group = forms.ModelChoiceField(
        queryset=ActorGroup.objects.none(),
        required=False,
        label=_("Ich spreche für (freiwillig)"),
        help_text=_("Damit der Kreis sieht, welche Gruppen noch fehlen."),
    )
    age_band = forms.ChoiceField(
        choices=[("", _("keine Angabe")), *AgeBand.choices],
        required=False,
        label=_("Altersgruppe (freiwillig)"),
        help_text=_("Nur für die Auswertung der Beteiligung nach Altersgruppen."),
    )
    consent = forms.BooleanField(label=_("Ich willige ein (Text oben)."), required=True)

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(district=district)  # type: ignore[attr-defined]
        self.fields["actor_group"].queryset = ActorGroup.objects.filter(district=district)  # type: ignore[attr-defined]


class ProfileForm(KernForm):
    display_name = forms.CharField(label=_("Anzeigename oder Pseudonym"), max_length=60)
    daily_digest = forms.BooleanField(
        label=_("Benachrichtigungen einmal täglich gesammelt statt einzeln"), required=False
    )

    @classmethod
    def for_participant(cls, participant: Participant, data: Any = None) -> ProfileForm:
        return cls(
            data,
            prefix=f"p{participant.pk}",
            initial={
                "display_name": participant.display_name,
                "daily_digest": participant.daily_digest,
            },
        )
