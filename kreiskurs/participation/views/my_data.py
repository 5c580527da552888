"""A participant's own data: settings, download (JSON) and deletion — for accounts and for pseudonymous sessions."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from kreiskurs.forms import KernForm

from .. import selectors
from ..forms import ProfileForm
from ..services import participants as participant_services


class DeleteForm(KernForm):
    keep = forms.TypedChoiceField(
        label=gettext_lazy("Was soll mit Ihren Beiträgen geschehen?"),
        choices=[
            ("0", gettext_lazy("Ideen, Kommentare und Thesen löschen")),
            ("1", gettext_lazy("Beiträge anonym stehen lassen (ohne Namen, ohne Verbindung zu mir)")),
        ],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(label=gettext_lazy("Ja, meine Daten endgültig löschen."), required=True)


@require_http_methods(["GET", "POST"])
def overview(request: HttpRequest) -> HttpResponse:
    participants = selectors.participants_of(request)
    forms_ = [
        (p, ProfileForm.for_participant(p, request.POST if request.method == "POST" else None)) for p in participants
    ]
    if request.method == "POST":
        for participant, form in forms_:
            if f"p{participant.pk}-display_name" in request.POST and form.is_valid():
                participant_services.update_profile(participant=participant, values=form.cleaned_data)
                messages.success(request, _("Gespeichert."))
                return redirect("my_data:overview")
    context = {"rows": forms_, "delete_form": DeleteForm(), "has_account": request.user.is_authenticated}
    return render(request, "participation/my_data.html", context)


def export(request: HttpRequest) -> HttpResponse:
    user = request.user if request.user.is_authenticated else None
    data = participant_services.export_data(selectors.participants_of(request), user=user)
    if request.user.is_authenticated:
        data["account"] = {
            "username": request.user.get_username(),
            "email": getattr(request.user, "email", ""),
            "email_confirmed_at": (
                confirmed.isoformat() if (confirmed := getattr(request.user, "email_confirmed_at", None)) else None
            ),
            "display_name": getattr(request.user, "display_name", ""),
            "date_joined": request.user.date_joined.isoformat(),  # type: ignore[union-attr]
        }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="kreiskurs-meine-daten-{timezone.localdate():%Y-%m-%d}.json"'
    )
    return response


@require_POST
def delete(request: HttpRequest) -> HttpResponse:
    form = DeleteForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Bitte wählen Sie, was mit Ihren Beiträgen geschieht, und bestätigen Sie das Löschen.")
        )
        return redirect("my_data:overview")
    user = request.user if request.user.is_authenticated else None
    if user is not None and (user.is_superuser or user.memberships.exists()):  # type: ignore[union-attr]
        messages.error(request, _("Konten mit einer Rolle im Kreis löscht die Verwaltung (Rollen zuerst entziehen)."))
        return redirect("my_data:overview")
    participant_services.forget(
        participants=selectors.participants_of(request), keep_contributions=form.cleaned_data["keep"], user=user
    )
    logout(request)  # also ends the pseudonymous session
    messages.success(request, _("Ihre Daten sind gelöscht."))
    return redirect("portal:index")
