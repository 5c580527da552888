"""The consideration (Abwägung) of a process: the public table with its downloads, and the team's work list."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kreiskurs.accounts.access import district_for, login_required_404, row_in_district
from kreiskurs.core.feedback import attempt
from kreiskurs.tabular.writing import csv_bytes, xlsx_bytes
from kreiskurs.territory.selectors import district_by_slug

from .. import selectors
from ..forms import ConsiderationForm
from ..models import Comment, Idea, Process
from ..selectors import consideration as reads
from ..services.consideration import respond_to_contribution
from .common import frame


def _public_process(request: HttpRequest, slug: str, pk: int) -> Process:
    return selectors.process_for(request.user, district_by_slug(slug), pk)


@require_GET
def consideration(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = _public_process(request, slug, pk)
    rows = reads.consideration_table(process)
    context = frame(
        request,
        process.district,
        process=process,
        rows=rows,
        answered=sum(1 for r in rows if r.consideration),
        hidden=reads.hidden_count(process),
    )
    return render(request, "participation/consideration.html", context)


def _filename(process: Process, ext: str) -> str:
    return f"abwaegung-{process.district.slug}-{process.pk}.{ext}"


@require_GET
def consideration_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = _public_process(request, slug, pk)
    body = csv_bytes(reads.table_header(), reads.table_cells(reads.consideration_table(process)))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(process, "csv")}"'
    return response


@require_GET
def consideration_xlsx(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = _public_process(request, slug, pk)
    cells = reads.table_cells(reads.consideration_table(process))
    body = xlsx_bytes(reads.table_header(), cells, title=_("Abwägung"))
    response = HttpResponse(body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{_filename(process, "xlsx")}"'
    return response


@login_required_404
@require_GET
def manage_consideration(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The team's work list: every weighed contribution with its form; ``?offen=1`` shows those without a response."""
    district = district_for(request.user, slug, "participation.consider")
    process = row_in_district(Process.objects.select_related("version"), district, pk)
    only_open = request.GET.get("offen") == "1"
    rows = reads.consideration_table(process, only_open=only_open, staff=True)
    changes = reads.change_choices(reads.change_target(process))
    forms = [(row, _form(row, changes)) for row in rows]
    context = {
        "district": district,
        "process": process,
        "forms": forms,
        "only_open": only_open,
        "awaiting": reads.awaiting_response(Process.objects.filter(pk=process.pk)),
    }
    return render(request, "participation/manage/consideration.html", context)


def _form(row: reads.Row, changes: list[tuple[str, str]], data: Any = None) -> ConsiderationForm:
    response = row.consideration
    initial: dict[str, Any] = {"revision": response.revision if response else 0}
    if response:
        initial.update(decision=response.decision, reason=response.reason, change_key=response.change_key)
    return ConsiderationForm(data, changes=changes, initial=initial, prefix=f"{row.kind}-{row.pk}")


@login_required_404
@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, slug: str, pk: int, kind: str, object_id: int) -> HttpResponse:
    district = district_for(request.user, slug, "participation.consider")
    process = row_in_district(Process.objects.select_related("version"), district, pk)
    model: Any = {"comment": Comment, "idea": Idea}.get(kind)
    if model is None:
        raise Http404
    contribution = model.objects.filter(process=process, pk=object_id).first()
    rows = reads.consideration_table(process, staff=True)
    row = next((r for r in rows if r.kind == kind and r.pk == object_id), None)
    if contribution is None or row is None:
        raise Http404(_("Diesen Beitrag gibt es in diesem Verfahren nicht."))
    changes = reads.change_choices(reads.change_target(process))
    form = _form(row, changes, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = attempt(
            request,
            form,
            lambda: respond_to_contribution(
                by=request.user,
                contribution=contribution,
                decision=data["decision"],
                reason=data["reason"],
                change_key=data["change_key"],
                expected_revision=data["revision"] or 0,
            ),
        )
        if saved is not None:
            messages.success(request, _("Die Abwägung zu %(n)s ist gespeichert.") % {"n": row.number})
            back = reverse("participation_manage:consideration", args=[slug, pk])
            return redirect(f"{back}?offen=1" if request.GET.get("offen") == "1" else back)
    context = {"district": district, "process": process, "row": row, "form": form}
    return render(request, "participation/manage/consideration_form.html", context)
