"""The voting flow as in Polis: one statement at a time, its counts after one's own vote, "Weiter" to the next.

Plain GET pages and POST forms (POST-redirect-GET), no JavaScript needed:

- ``abstimmen/`` shows the next statement the participant has neither voted on
  nor passed (order: ``selectors/voting.py``), with the progress;
- ``abstimmen/?these=<id>`` shows one statement again: after a vote, with its
  counts, the participant's vote (which they may still change) and "Weiter";
- ``abstimmen/<id>/`` takes the vote (``services.statements.cast_vote``, which
  keeps one vote per participant and statement and refuses a closed process)
  and answers with a redirect: to the statement with its counts after agreeing or
  disagreeing, straight to the next statement after a pass ("überspringen").
"""

from __future__ import annotations

from typing import Any

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kreiskurs.territory.selectors import district_by_slug

from .. import selectors
from ..models import Action, Participant, Process, Statement, Vote
from ..selectors import statements as statement_reads
from ..selectors import voting as voting_reads
from ..services import statements as services
from ..services.base import NotAllowedNow
from .common import address, form_errors, frame, join_url
from .statements import VoteForm


def _flow_url(process: Process) -> str:
    return reverse("statements:flow", args=[process.district.slug, process.pk])


def _shown(process: Process, value: str) -> Statement:
    """The statement ``?these=`` names: released and of this process (else 404)."""
    try:
        pk = int(value)
    except ValueError:
        raise Http404(_("Keine solche These")) from None
    return get_object_or_404(Statement.objects.filter(process=process).visible().select_related("author"), pk=pk)


@require_GET
def flow(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One statement at a time: the next unseen one, or the one just voted on with its counts."""
    district = district_by_slug(slug)
    process = selectors.process_for(request.user, district, pk)
    participant = selectors.participant_for(request, district)
    can_vote = process.allows(Action.VOTE)
    # joined and allowed by the rule (a pseudonym of this browser may not vote where accounts are required)
    may_vote = participant is not None and rules.has_perm(f"participation.{Action.VOTE}", request.user, process)
    context: dict[str, Any] = {
        "process": process,
        "can_vote": can_vote,
        "may_vote": may_vote,
        "list_url": reverse("statements:list", args=[slug, pk]),
        "join_url": join_url(process, _flow_url(process)) if can_vote and not may_vote else "",
    }
    if participant is not None and may_vote:
        context.update(_statement_context(request, process, participant))
    return render(request, "participation/statements/flow.html", frame(request, district, **context))


def _statement_context(request: HttpRequest, process: Process, participant: Participant) -> dict[str, Any]:
    if "these" in request.GET:
        statement: Statement | None = _shown(process, request.GET["these"])
        progress = voting_reads.progress_of(process, participant)
    else:
        position = voting_reads.position(process, participant)
        statement, progress = position.next, position.progress
    own = statement_reads.own_votes(participant, [statement.pk]).get(statement.pk) if statement else None
    return {
        "statement": statement,
        "progress": progress,
        "own": own,
        "own_label": str(Vote(own).label) if own is not None else "",
        # as in Polis: the counts only after one's own vote (see views/statements.py, ``_rows``)
        "tally": statement_reads.tallies([statement.pk])[statement.pk] if statement and own is not None else None,
        "form": VoteForm(auto_id="flow-%s") if statement else None,
        "may_propose": rules.has_perm(f"participation.{Action.WRITE_STATEMENT}", request.user, process),
    }


@require_POST
def flow_vote(request: HttpRequest, slug: str, pk: int, statement: int) -> HttpResponse:
    """Agree, disagree or pass on one statement of the flow; then back to it (with counts) or on to the next."""
    district = district_by_slug(slug)
    process = selectors.process_for(request.user, district, pk)
    participant = selectors.participant_for(request, district)
    back = _flow_url(process)
    if participant is None:
        return redirect(join_url(process, back))
    shown = Statement.objects.filter(process=process).visible_to(request.user, participant)
    target = get_object_or_404(shown.select_related("process__district"), pk=statement)
    target.process = process  # with its phases prefetched
    form = VoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(f"{back}?these={target.pk}")
    try:
        vote = services.cast_vote(
            by=request.user,
            statement=target,
            participant=participant,
            vote=form.cleaned_data["vote"],
            address=address(request),
        )
    except NotAllowedNow as exc:
        messages.error(request, str(exc.args[0]) if exc.args else _("Das ist jetzt nicht möglich."))
        return redirect(back)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    if vote == Vote.PASS:
        return redirect(back)
    return redirect(f"{back}?these={target.pk}")
