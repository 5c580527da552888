"""Writes of the strategy cycle: the mandate and the time plan's stages; audited, no lost updates."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from kreiskurs.actors.models import Body
from kreiskurs.audit.services import record_change
from kreiskurs.core.rows import save_district_row
from kreiskurs.territory.models import District

from .models import Mandate, Stage, StageKind

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor


@transaction.atomic
def save_mandate(
    *,
    by: Actor,
    district: District,
    values: dict[str, Any],
    bodies: Iterable[Body] = (),
    expected_revision: int | None = None,
) -> Mandate:
    """Record or correct the district's mandate and name the bodies of its project organisation.

    Rule: the decision cannot lie in the future; the bodies are the district's own
    (from the actor registry). A save on a mandate that someone else changed after
    the form was opened is refused (``EditConflict``)."""
    bodies = list(bodies)
    if any(b.district_id != district.pk for b in bodies):
        raise ValidationError({"bodies": _("Das Gremium gehört nicht zu diesem Kreis.")})
    mandate = Mandate.objects.filter(district=district).first() or Mandate()
    mandate = save_district_row(
        by=by, district=district, obj=mandate, values=values, expected_revision=expected_revision
    )
    before = sorted(b.name for b in mandate.bodies.all())
    after = sorted(b.name for b in bodies)
    if before != after:
        mandate.bodies.set(bodies)
        Mandate.objects.filter(pk=mandate.pk).update(revision=models.F("revision") + 1)
        mandate.refresh_from_db(fields=["revision"])
        record_change(
            by=by,
            district=district,
            action="update",
            obj=mandate,
            changes={"bodies": (before, after)},
            revision=mandate.revision,
        )
    return mandate


@transaction.atomic
def save_stage(
    *, by: Actor, district: District, kind: str, values: dict[str, Any], expected_revision: int | None = None
) -> Stage:
    """Set the planned and actual dates of one stage of the district's cycle (the row is made on first save).

    Rule: an end does not lie before its start, an actual end needs an actual start;
    lost updates are refused like everywhere (``EditConflict``)."""
    if kind not in StageKind.values:
        raise ValidationError(_("Diese Phase gibt es nicht."))
    stage = Stage.objects.filter(district=district, kind=kind).first() or Stage(kind=kind)
    return save_district_row(by=by, district=district, obj=stage, values=values, expected_revision=expected_revision)
