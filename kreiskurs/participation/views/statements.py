"""Opinion maps: the public statements page (vote, propose) and the back office page where staff add statements.

Voting buttons are plain POST forms; with htmx the answer is the statement's
row alone, without it a redirect back to the same place on the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import rules
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from kreiskurs.accounts.access import district_for, login_required_404, row_in_district
from kreiskurs.core.http import HtmxHttpRequest
from kreiskurs.forms import KernForm, add_bot_fields, refuse_bots
from kreiskurs.fragments import integer
from kreiskurs.territory.selectors import district_by_slug

from .. import selectors
from ..forms import ParticipationForm
from ..models import Action, Participant, Process, Statement, Visibility, Vote
from ..selectors import statements as statement_reads
from ..services import statements as services
from ..services.base import NotAllowedNow
from .common import address, form_errors, frame, join_url
from .statement_rows import Place, render_row, render_rows

PER_PAGE = 50


class StatementForm(ParticipationForm):
    text = forms.CharField(
        label=gettext_lazy("Ihre These"),
        max_length=services.MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Eine kurze Aussage, der man zustimmen oder widersprechen kann (höchstens 300 Zeichen)."
        ),
    )


class VoteForm(KernForm):
    """Sent by one of the three buttons (``name="vote"``); the form renders no input for it.

    Only joined participants vote, so the timestamp check of the bot protection
    (made for registration and first contributions) does not apply: votes come
    in quick succession and are never refused as "too fast". The honeypot stays,
    and the rate limit for votes (``protection.LIMITS["vote"]``) guards against floods.
    """

    vote = forms.TypedChoiceField(choices=Vote.choices, coerce=int)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bot_fields(self, stamp=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        refuse_bots(self)
        return data


class StaffStatementForm(KernForm):
    text = forms.CharField(
        label=gettext_lazy("These"), max_length=services.MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )


@dataclass
class Row:
    """One statement as the page shows it."""

    statement: Statement
    tally: statement_reads.Tally
    own: int | None
    trap: SafeString | None  # the vote form's bot-trap field, ``None`` where the visitor cannot vote

    @property
    def votable(self) -> bool:
        return self.statement.visibility == Visibility.VISIBLE

    @property
    def own_label(self) -> str:
        return str(Vote(self.own).label) if self.own is not None else ""

    @property
    def tally_text(self) -> str:
        """The counts line: the message of the former ``{% blocktranslate %}``, filled in here (a block
        translation per row was a fifth of the page's rendering time; issue 12)."""
        return _("%(a)s stimmen zu · %(d)s stimmen nicht zu · %(p)s überspringen") % {
            "a": integer(self.tally.agree),
            "d": integer(self.tally.disagree),
            "p": integer(self.tally.passed),
        }


def _rows(statements: list[Statement], participant: Participant | None, *, can_vote: bool) -> list[Row]:
    """Counts (kept on each statement row) and the participant's own votes (one query) for the given statements."""
    ids = [s.pk for s in statements]
    own = statement_reads.own_votes(participant, ids)
    # the vote form's only rendered field (the bot trap) once per page, not a form per row: a form and its
    # field group cost ~0.5 ms per statement (issue 12); each row gets it with its own ids (``s<pk>-website``)
    trap = str(VoteForm(auto_id="s0-%s")["website"].as_field_group()) if can_vote else ""
    rows = []
    for s in statements:
        own_trap = None
        if trap and s.visibility == Visibility.VISIBLE:
            own_trap = mark_safe(trap.replace('"s0-', f'"s{s.pk}-'))  # the form's own markup
        rows.append(Row(s, statement_reads.Tally.of(s), own.get(s.pk), own_trap))
    return rows


def _page(request: HttpRequest, process: Process, participant: Participant | None) -> tuple[Page[Statement], int]:
    return statement_reads.page_of(process, participant, request.user, request.GET.get("seite"), PER_PAGE)


def _context(
    request: HttpRequest, process: Process, participant: Participant | None, form: StatementForm | None
) -> dict[str, Any]:
    district = process.district
    page, hidden = _page(request, process, participant)
    can_vote = process.allows(Action.VOTE)  # the phase; whether this person may: the rule (rules.py)
    can_propose = process.allows(Action.WRITE_STATEMENT)
    may_vote = participant is not None and rules.has_perm(f"participation.{Action.VOTE}", request.user, process)
    may_propose = participant is not None and rules.has_perm(
        f"participation.{Action.WRITE_STATEMENT}", request.user, process
    )
    rows = _rows(list(page.object_list), participant, can_vote=may_vote)
    here = reverse("statements:list", args=[district.slug, process.pk])
    counts_public = statement_reads.counts_public(process)  # until the vote is over: after one's own vote
    place = Place(request, district.slug, process.pk, page.number, counts_public=counts_public)
    return frame(
        request,
        district,
        process=process,
        participant=participant,
        page=page,
        rows=render_rows(rows, place),
        hidden=hidden,
        can_vote=can_vote,
        can_propose=can_propose,
        form=(form or StatementForm()) if may_propose else None,
        join_url=join_url(process, here) if participant is None and (can_vote or can_propose) else "",
        phase=process.phase_at(),
    )


@require_http_methods(["GET", "POST"])
def statement_list(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The statements with their counts; voting and proposing while the phase allows it."""
    district = district_by_slug(slug)
    process = selectors.process_for(request.user, district, pk)
    participant = selectors.participant_for(request, district)
    form = None
    if request.method == "POST":
        if participant is None:
            return redirect(join_url(process, reverse("statements:list", args=[slug, pk])))
        form = StatementForm(request.POST)
        if form.is_valid():
            try:
                statement = services.propose_statement(
                    by=request.user,
                    process=process,
                    participant=participant,
                    text=form.cleaned_data["text"],
                    address=address(request),
                )
            except NotAllowedNow as exc:
                form.add_error(None, str(exc.args[0]) if exc.args else _("Das ist jetzt nicht möglich."))
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                if statement.visibility == Visibility.PENDING:
                    messages.success(
                        request, _("Danke! Ihre These erscheint, sobald die Moderation sie freigegeben hat.")
                    )
                else:
                    messages.success(request, _("Danke! Ihre These ist veröffentlicht."))
                return redirect(_place(process, participant, statement, request.user))
    return render(request, "participation/statements/list.html", _context(request, process, participant, form))


def _place(process: Process, participant: Participant | None, statement: Statement, user: Any) -> str:
    """The statement's page and anchor on the statements page (a new statement is never hidden: it comes
    after the older readable ones, see ``statement_reads.for_page``)."""
    readable = statement_reads.for_page(process, participant, user).exclude(visibility=Visibility.HIDDEN)
    before = readable.filter(pk__lt=statement.pk).count()
    url = reverse("statements:list", args=[process.district.slug, process.pk])
    return f"{url}?seite={before // PER_PAGE + 1}#these-{statement.pk}"


@require_POST
def vote(request: HtmxHttpRequest, slug: str, pk: int, statement: int) -> HttpResponse:
    """Agree, disagree or pass; answers the statement's row to htmx, else goes back to the statement."""
    district = district_by_slug(slug)
    process = selectors.process_for(request.user, district, pk)
    participant = selectors.participant_for(request, district)
    shown = Statement.objects.filter(process=process).visible_to(request.user, participant)
    target = get_object_or_404(shown.select_related("author", "process__district"), pk=statement)
    target.process = process  # with its phases prefetched
    form = VoteForm(request.POST)
    error = ""
    if not form.is_valid():
        error = form_errors(form)
    else:
        try:
            services.cast_vote(
                by=request.user,
                statement=target,
                participant=participant,
                vote=form.cleaned_data["vote"],
                address=address(request),
            )
        except NotAllowedNow as exc:
            error = str(exc.args[0]) if exc.args else _("Das ist jetzt nicht möglich.")
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if request.htmx:
        can_vote = participant is not None and rules.has_perm(f"participation.{Action.VOTE}", request.user, process)
        row = _rows([target], participant, can_vote=can_vote)[0]
        place = Place(
            request, slug, process.pk, _page_number(request), counts_public=statement_reads.counts_public(process)
        )
        return HttpResponse(render_row(row, place, error))
    if error:
        messages.error(request, error)
    url = reverse("statements:list", args=[slug, pk])
    return redirect(f"{url}?seite={_page_number(request)}#these-{target.pk}")


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, int(request.POST.get("seite", "1")))
    except ValueError:
        return 1


# --- back office -------------------------------------------------------------------------------


@login_required_404
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Staff add statements and see every statement with its counts and moderation state."""
    district = district_for(request.user, slug, "participation.manage_processes")
    process = row_in_district(Process.objects.all(), district, pk)
    form = StaffStatementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_statement(by=request.user, process=process, text=form.cleaned_data["text"])
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Die These wurde angelegt."))
            return redirect("statements_manage:list", slug, pk)
    page = Paginator(
        Statement.objects.filter(process=process).select_related("author").order_by("id"), PER_PAGE
    ).get_page(request.GET.get("seite"))
    statements = list(page.object_list)
    context = {
        "district": district,
        "process": process,
        "form": form,
        "page": page,
        "rows": [(s, statement_reads.Tally.of(s)) for s in statements],
        "can_moderate": rules.has_perm("participation.moderate", request.user, district),
    }
    return render(request, "participation/statements/manage.html", context)
