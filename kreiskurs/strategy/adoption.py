"""What must be settled before a version is adopted, and what adoption carries over to it.

Adoption ends a consultation: processes still running on the version, evaluation rounds still
open and contributions still awaiting the team's response are *open items*. The apps that own them
(participation, evaluation — above ``strategy`` in the dependency direction) register a check for
them here in their ``AppConfig.ready()``; ``adopt_version`` lists them and refuses, or, with the
user's confirmation (``settle=True``), settles them in the same transaction. A check without a
``settle`` function is only acknowledged by the confirmation (contributions awaiting a response keep
waiting: a reason cannot be invented for them).

Open join requests and enrolments recorded against the version that is superseded move to the
newly adopted one (``carry_enrolments``), so nothing stays attached to a superseded version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kreiskurs.audit.labels import register_action_labels
from kreiskurs.audit.services import record_change

from .models import Enrolment, Measure, StrategyVersion

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor


#: the actions this module writes into the audit log (see ``kreiskurs.audit.labels``)
register_action_labels({"carry_enrolments": gettext_lazy("offene Beitritte in die neue Fassung übernommen")})


@dataclass(frozen=True)
class OpenItem:
    """Something still open on a version that adoption would cut off."""

    key: str  # which check reported it, e.g. "processes"
    label: str  # German, read by the person adopting: "Beteiligungsverfahren läuft noch: Entwurf kommentieren"
    count: int
    settled_by_adoption: bool  # closed when the user confirms, or only acknowledged


Check = Callable[[StrategyVersion], list[OpenItem]]
Settle = Callable[..., None]  # (*, by, version, today) -> None


@dataclass(frozen=True)
class _Registered:
    key: str
    check: Check
    settle: Settle | None


_CHECKS: dict[str, _Registered] = {}


def register_adoption_check(key: str, check: Check, settle: Settle | None = None) -> None:
    """Called by an app's ``ready()``; registering the same key again replaces it."""
    _CHECKS[key] = _Registered(key, check, settle)


def open_items(version: StrategyVersion) -> list[OpenItem]:
    """Everything the registered checks find open on ``version``, in the order they were registered."""
    return [item for registered in _CHECKS.values() for item in registered.check(version)]


def settle_open_items(*, by: Actor, version: StrategyVersion, today: dt.date) -> None:
    """Run every registered settle function (inside the adoption's transaction)."""
    for registered in _CHECKS.values():
        if registered.settle is not None:
            registered.settle(by=by, version=version, today=today)


def refusal_message(items: list[OpenItem]) -> str:
    listed = "; ".join(item.label for item in items)
    return _(
        "Vor dem Beschluss ist noch offen: %(items)s. Erledigen Sie das zuerst oder bestätigen Sie, "
        "dass es mit dem Beschluss abgeschlossen wird."
    ) % {"items": listed}


def carry_enrolments(*, by: Actor, old: StrategyVersion, new: StrategyVersion) -> int:
    """Move open join requests, and enrolments confirmed after ``new`` was copied, from ``old`` to ``new``.

    The copy (``copying._carry_enrolments``) carried what was confirmed before it; confirmed joins and
    leaves written into an editable draft are in its rows already, and applying them again on top is
    harmless (the same role, the same removal). A request whose measure ``new`` no longer has is declined
    with a note. Returns how many rows moved.
    """
    lineages = set(Measure.objects.filter(version=new).values_list("lineage", flat=True))
    moved = 0
    carried = Q(state=Enrolment.State.REQUESTED) | Q(state=Enrolment.State.CONFIRMED, decided_at__gte=new.created_at)
    for row in Enrolment.objects.select_for_update().filter(carried, version=old).order_by("created_at", "id"):
        if row.measure_lineage in lineages:
            row.version = new
            row.save(update_fields=["version"])
            moved += 1
        elif row.state == Enrolment.State.REQUESTED:
            row.state = Enrolment.State.DECLINED
            row.note = str(_("Die Maßnahme ist in der neuen Fassung entfallen."))[:300]
            row.save(update_fields=["state", "note"])
    if moved:
        record_change(
            by=by, district=new.district, action="carry_enrolments", obj=new, changes={"enrolments": (0, moved)}
        )
    return moved
