"""Public process pages: list, process with its phases, joining as a participant."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kreiskurs.following.services import is_following
from kreiskurs.territory.selectors import district_by_slug

from .. import selectors
from ..forms import JoinForm
from ..models import Action
from ..protection import client_address
from ..services import notifications
from ..services import participants as participant_services
from ..services.participants import CONSENT_TEXT
from ..services.representativeness import current_of_process
from .common import frame


def process_list(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_by_slug(slug)
    processes = list(selectors.processes_visible_to(request.user, district))
    return render(request, "participation/process_list.html", frame(request, district, processes=processes))


def process_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    district = district_by_slug(slug)
    process = selectors.process_for(request.user, district, pk)
    participant = selectors.participant_for(request, district)
    phases = list(process.phases.all())
    idea_count, has_contributions = selectors.contributions_shown(process)
    context = frame(
        request,
        district,
        process=process,
        phases=phases,
        phase=process.phase_at(),
        participant=participant,
        ideas=selectors.newest_ideas(process, participant, request.user, 50),
        idea_count=idea_count,
        has_contributions=has_contributions,
        outcome=selectors.outcome(process),
        surveys=selectors.surveys_of(process),
        events=selectors.events_of(process),
        has_statements=any(p.kind == "statements" for p in phases) or process.external_source == "polis",
        has_prioritisation=any(p.kind == "prioritisation" for p in phases),
        has_commenting=process.version_id is not None and any(p.kind == "commenting" for p in phases),
        can_submit_idea=process.allows(Action.SUBMIT_IDEA),
        following=is_following(request.user, "process", str(process.pk)),
        representativeness=current_of_process(process=process),
    )
    return render(request, "participation/process_detail.html", context)


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Take part: a display name and consent; optionally whom one speaks for (the actor map's reach),
    the municipality of residence and the age band (the representativeness analysis)."""
    district = district_by_slug(slug)
    process = selectors.process_for(request.user, district, pk)
    next_url = request.GET.get("next") or request.POST.get("next") or process_url(process)
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = process_url(process)
    if selectors.participant_for(request, district) is not None:
        return redirect(next_url)
    if not request.user.is_authenticated and not process.allow_pseudonymous:
        return redirect(f"/konto/anmelden/?next={next_url}")
    form = JoinForm(request.POST or None, district=district, session=request.session)  # stamp bound to the session
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("display_name", "actor_group", "municipality", "age_band", "consent")}
        try:
            participant = participant_services.join(
                district=district,
                user=request.user if request.user.is_authenticated else None,
                address=client_address(request),
                **data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            selectors.remember_participant(request, participant)
            messages.success(request, _("Willkommen, %(n)s! Sie können jetzt mitmachen.") % {"n": participant})
            return redirect(next_url)
    context = frame(request, district, process=process, form=form, next=next_url, consent_text=CONSENT_TEXT)
    return render(request, "participation/join.html", context)


def process_url(process: object) -> str:
    from django.urls import reverse

    return reverse("participation:process", args=[process.district.slug, process.pk])  # type: ignore[attr-defined]


@require_POST
@login_required
def follow(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    district = district_by_slug(slug)
    process = selectors.process_for(request.user, district, pk)
    try:
        now_following = notifications.toggle_follow(user=request.user, process=process)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(process_url(process))
    if now_following:
        messages.success(request, _("Sie folgen dem Verfahren und erhalten E-Mails, wenn Phasen beginnen oder enden."))
    else:
        messages.success(request, _("Sie folgen dem Verfahren nicht mehr."))
    return redirect(process_url(process))
