"""Writes that turn a maturity gap into a measure of the open strategy draft."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kreiskurs.accounts.types import account_of
from kreiskurs.audit.services import record_change
from kreiskurs.strategy import selectors as strategy_selectors
from kreiskurs.strategy import services as strategy_services
from kreiskurs.strategy.models import FieldOfAction, Measure
from kreiskurs.strategy.models.measures import Origin

from ..models import AssessmentRound, Dimension, FieldLink, GapMeasure

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor


@transaction.atomic
def create_measure_from_gap(
    *, by: Actor, round: AssessmentRound, dimension_code: str, title: str, summary: str
) -> Measure:
    """Create a measure in the open draft that addresses a gap of ``round`` (origin: evaluation).

    The measure goes into the fields of action linked to the dimension (those present in the draft);
    the trail round → dimension → measure is kept as a :class:`GapMeasure`.
    """
    dimension = Dimension.objects.filter(model_id=round.model_id, code=dimension_code).first()
    if dimension is None:
        raise ValidationError(_("Diese Dimension gehört nicht zur Runde."))
    draft = strategy_selectors.open_version(round.district)
    lineages = FieldLink.objects.filter(district_id=round.district_id, dimension_code=dimension_code).values(
        "field_lineage"
    )
    fields = list(FieldOfAction.objects.filter(version=draft, lineage__in=lineages)) if draft else []
    note = _("Reife-Lücke „%(d)s“ (%(r)s)") % {"d": dimension.title, "r": round.title}
    measure = strategy_services.create_measure_in_draft(
        by=by,
        district=round.district,
        prefix="R",
        values={"title": title, "summary": summary, "origin": Origin.EVALUATION, "origin_note": note[:300]},
        fields_of_action=fields,
    )
    gap = GapMeasure(
        district=round.district,
        round=round,
        dimension_code=dimension_code,
        version=measure.version,
        measure_lineage=measure.lineage,
        created_by=account_of(by),
    )
    gap.full_clean()
    gap.save()
    record_change(by=by, district=round.district, action="create", obj=gap, changes={"Maßnahme": (None, str(measure))})
    return measure
