"""Back office of the maturity model: versions, dimensions, questions, links to fields of action."""

from __future__ import annotations

from typing import Any

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kreiskurs.accounts.access import district_for, login_required_404, row_in_district
from kreiskurs.audit.models import AuditEntry
from kreiskurs.core.feedback import attempt

from .. import selectors, services
from ..forms import DimensionForm, FieldLinksForm, ModelForm, QuestionForm
from ..models import Dimension, FieldLink, MaturityModel, Question


def _refused(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, _("Nicht gespeichert: %(why)s") % {"why": " ".join(exc.messages)})


@login_required_404
@require_safe
def model_list(request: HttpRequest, slug: str) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.view_internal")
    context = {
        "district": district,
        "models": selectors.models_of(district),
        "can_manage": rules.has_perm("maturity.manage", request.user, district),
    }
    return render(request, "maturity/manage/model_list.html", context)


@login_required_404
@require_safe
def model_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    district = district_for(request.user, slug, "strategy.view_internal")
    model = row_in_district(MaturityModel.objects.select_related("based_on"), district, pk)
    latest = selectors.latest_model(district)
    can_manage = rules.has_perm("maturity.manage", request.user, district)
    context = {
        "district": district,
        "model": model,
        "dimensions": selectors.model_structure(model),
        "editable": can_manage and not model.is_frozen,
        "can_fork": can_manage and model.is_frozen and latest is not None and latest.pk == model.pk,
        "rounds": model.rounds.order_by("-opened_on"),
    }
    return render(request, "maturity/manage/model_detail.html", context)


@login_required_404
@require_POST
def model_new_version(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    district = district_for(request.user, slug, "maturity.manage")
    model = row_in_district(MaturityModel.objects.all(), district, pk)
    try:
        new = services.start_model_version(by=request.user, model=model)
    except ValidationError as exc:
        _refused(request, exc)
        return redirect("maturity_manage:model", slug, pk)
    messages.success(request, _("Version %(n)s ist angelegt und kann bearbeitet werden.") % {"n": new.version})
    return redirect("maturity_manage:model", slug, new.pk)


def _form_page(request: HttpRequest, context: dict[str, Any], obj: models.Model | None) -> HttpResponse:
    """The shared back-office form page, with the object's change history."""
    context["obj"] = obj
    context["history"] = AuditEntry.objects.for_object(obj).select_related("actor")[:50] if obj is not None else None
    return render(request, "strategy/manage/form.html", context)


@login_required_404
@require_http_methods(["GET", "POST"])
def model_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    district = district_for(request.user, slug, "maturity.manage")
    model = row_in_district(MaturityModel.objects.all(), district, pk)
    if model.is_frozen:
        raise Http404
    form = ModelForm(request.POST or None, instance=model, initial={"revision": model.revision})
    if request.method == "POST" and form.is_valid():
        values = {n: form.cleaned_data[n] for n in ModelForm.Meta.fields}
        saved = attempt(
            request,
            form,
            lambda: services.update_model(
                by=request.user, model=model, values=values, expected_revision=form.cleaned_data.get("revision")
            ),
        )
        if saved is not None:
            messages.success(request, _("Gespeichert."))
            return redirect("maturity_manage:model", slug, pk)
    return _form_page(request, {"district": district, "form": form, "title": _("Reifegradmodell bearbeiten")}, model)


@login_required_404
@require_http_methods(["GET", "POST"])
def dimension_edit(request: HttpRequest, slug: str, pk: int | None = None, model: int | None = None) -> HttpResponse:
    district = district_for(request.user, slug, "maturity.manage")
    if pk is not None:
        dimension = row_in_district(Dimension.objects.select_related("model"), district, pk)
        owner = dimension.model
    else:
        owner = row_in_district(MaturityModel.objects.all(), district, model)
        dimension = Dimension(model=owner, position=owner.dimensions.count())
    if owner.is_frozen:
        raise Http404
    form = DimensionForm(request.POST or None, instance=dimension, initial={"revision": dimension.revision})
    if request.method == "POST" and form.is_valid():
        values = {n: form.cleaned_data[n] for n in DimensionForm.Meta.fields}
        saved = attempt(
            request,
            form,
            lambda: services.save_dimension(
                by=request.user,
                model=owner,
                dimension=dimension,
                values=values,
                expected_revision=form.cleaned_data.get("revision"),
            ),
        )
        if saved is not None:
            messages.success(request, _("Die Dimension „%(d)s“ ist gespeichert.") % {"d": saved})
            return redirect("maturity_manage:model", slug, owner.pk)
    return _form_page(
        request,
        {
            "district": district,
            "form": form,
            "title": _("Dimension bearbeiten") if dimension.pk else _("Dimension anlegen"),
            "delete_url": _url("dimension_delete", slug, dimension.pk) if dimension.pk else None,
        },
        dimension if dimension.pk else None,
    )


def _url(name: str, slug: str, pk: int) -> str:
    from django.urls import reverse

    return reverse(f"maturity_manage:{name}", args=[slug, pk])


@login_required_404
@require_POST
def dimension_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    district = district_for(request.user, slug, "maturity.manage")
    dimension = row_in_district(Dimension.objects.select_related("model"), district, pk)
    try:
        services.delete_dimension(by=request.user, dimension=dimension)
        messages.success(request, _("Die Dimension ist gelöscht."))
    except ValidationError as exc:
        _refused(request, exc)
    return redirect("maturity_manage:model", slug, dimension.model_id)


@login_required_404
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, slug: str, pk: int | None = None, dimension: int | None = None) -> HttpResponse:
    district = district_for(request.user, slug, "maturity.manage")
    if pk is not None:
        question = row_in_district(Question.objects.select_related("dimension__model"), district, pk)
        owner = question.dimension
    else:
        owner = row_in_district(Dimension.objects.select_related("model"), district, dimension)
        question = Question(dimension=owner, position=owner.questions.count())
    if owner.model.is_frozen:
        raise Http404
    form = QuestionForm(request.POST or None, instance=question, initial={"revision": question.revision})
    if request.method == "POST" and form.is_valid():
        values = {n: form.cleaned_data[n] for n in QuestionForm.Meta.fields}
        saved = attempt(
            request,
            form,
            lambda: services.save_question(
                by=request.user,
                dimension=owner,
                question=question,
                values=values,
                expected_revision=form.cleaned_data.get("revision"),
            ),
        )
        if saved is not None:
            messages.success(request, _("Die Frage %(c)s ist gespeichert.") % {"c": saved.code})
            return redirect("maturity_manage:model", slug, owner.model_id)
    return _form_page(
        request,
        {
            "district": district,
            "form": form,
            "title": (_("Frage bearbeiten") if question.pk else _("Frage anlegen")) + f" – {owner.title}",
            "delete_url": _url("question_delete", slug, question.pk) if question.pk else None,
        },
        question if question.pk else None,
    )


@login_required_404
@require_POST
def question_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    district = district_for(request.user, slug, "maturity.manage")
    question = row_in_district(Question.objects.select_related("dimension"), district, pk)
    try:
        services.delete_question(by=request.user, question=question)
        messages.success(request, _("Die Frage ist gelöscht."))
    except ValidationError as exc:
        _refused(request, exc)
    return redirect("maturity_manage:model", slug, question.dimension.model_id)


@login_required_404
@require_http_methods(["GET", "POST"])
def field_links(request: HttpRequest, slug: str) -> HttpResponse:
    """Which fields of action each dimension addresses (used by the gap analysis)."""
    district = district_for(request.user, slug, "maturity.manage")
    model = selectors.latest_model(district)
    if model is None:
        raise Http404
    dimensions = list(model.dimensions.all())
    fields = selectors.linkable_fields(district)
    current: dict[str, list[str]] = {}
    for code, lineage in FieldLink.objects.filter(district=district).values_list("dimension_code", "field_lineage"):
        current.setdefault(code, []).append(str(lineage))
    form = FieldLinksForm(request.POST or None, initial=current, dimensions=dimensions, fields=fields)
    if request.method == "POST" and form.is_valid():
        links = {code: form.lineages(code) for code in form.codes}
        saved = attempt(
            request, form, lambda: services.set_field_link_table(by=request.user, district=district, links=links)
        )
        if saved is not None:
            messages.success(request, _("Die Zuordnung ist gespeichert."))
            return redirect("maturity_manage:overview", slug)
    return render(
        request,
        "strategy/manage/form.html",
        {
            "district": district,
            "form": form,
            "title": _("Dimensionen und Handlungsfelder"),
            "submit_label": _("Zuordnung speichern"),
        },
    )
