"""Forms of the legal pages: editing a text, the district's contact address, reporting a barrier."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kreiskurs.forms import BotProtectedForm, KernForm

from .models import DistrictContact, LegalPage


class PageForm(KernForm):
    title = forms.CharField(label=_("Überschrift"), max_length=LegalPage._meta.get_field("title").max_length)
    body = forms.CharField(
        label=_("Text"),
        help_text=LegalPage._meta.get_field("body").help_text,
        widget=forms.Textarea(attrs={"rows": 24}),
        max_length=50_000,
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ContactForm(KernForm):
    email = forms.EmailField(
        label=DistrictContact._meta.get_field("email").verbose_name,
        required=False,
        help_text=_("Leer lassen: Rückmeldungen gehen an die Adresse der Plattform."),
    )


class FeedbackForm(BotProtectedForm):
    """A report of a barrier; the honeypot and the session-bound stamp keep scripts out."""

    message = forms.CharField(
        label=_("Ihre Nachricht"),
        help_text=_("Welche Barriere ist Ihnen begegnet? Welche Inhalte brauchen Sie in anderer Form?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
    )
    page_address = forms.CharField(
        label=_("Betroffene Seite (optional)"),
        required=False,
        max_length=500,
        help_text=_("Adresse oder Name der Seite"),
    )
    name = forms.CharField(label=_("Ihr Name (optional)"), required=False, max_length=100)
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse für die Antwort (optional)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
