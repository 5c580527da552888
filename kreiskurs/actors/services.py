"""Writes of the actor registry that are not generic registry rows: bodies and who sits in them.

Actor groups and stakeholders are saved through the strategy back office's
generic registry (``strategy.services.save_district_row``); bodies have
members with roles, so they get named functions here. Every function is
keyword-only, atomic, validates with ``full_clean()`` and writes one audit
entry about the body in the same transaction.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kreiskurs.audit.services import record_change
from kreiskurs.core.editing import lock_for_edit
from kreiskurs.territory.models import District

from .models import Body, BodyMembership, Stakeholder


def _clean_line(value: str) -> str:
    return " ".join(value.split())


def _check_name_free(district: District, name: str, exclude: int | None = None) -> None:
    others = Body.objects.filter(district=district, name=name)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if others.exists():
        raise ValidationError({"name": _("Ein Gremium mit diesem Namen gibt es bereits.")})


@transaction.atomic
def create_body(*, by: Any, district: District, name: str, description: str = "") -> Body:
    """A new body (Lenkungskreis, Digitalbeirat, working group) of ``district``; names are unique per district."""
    body = Body(district=district, name=_clean_line(name), description=description.strip())
    _check_name_free(district, body.name)
    body.full_clean()
    body.save()
    record_change(by=by, district=district, action="create", obj=body, revision=body.revision)
    return body


@transaction.atomic
def update_body(*, by: Any, body: Body, name: str, description: str, expected_revision: int | None = None) -> Body:
    """Rename a body or change its task; refuses the save if someone else saved it since it was opened."""
    current = lock_for_edit(body, expected_revision)
    values = {"name": _clean_line(name), "description": description.strip()}
    changes = {k: (getattr(current, k), v) for k, v in values.items() if getattr(current, k) != v}
    for k, v in values.items():
        setattr(current, k, v)
    _check_name_free(current.district, current.name, exclude=current.pk)
    current.full_clean()
    if changes:
        current.revision += 1
        current.save()
        record_change(
            by=by, district=current.district, action="update", obj=current, changes=changes, revision=current.revision
        )
    return current


@transaction.atomic
def delete_body(*, by: Any, body: Body) -> None:
    """Delete a body with its memberships (the stakeholders stay in the registry)."""
    members = sorted(f"{m.stakeholder.name} ({m.role})" for m in body.memberships.select_related("stakeholder"))
    record_change(
        by=by, district=body.district, action="delete", obj=body, changes={"members": (members, [])} if members else {}
    )
    body.delete()


@transaction.atomic
def add_member(*, by: Any, body: Body, stakeholder: Stakeholder, role: str) -> BodyMembership:
    """Seat ``stakeholder`` in ``body`` in ``role``; a stakeholder sits in a body at most once."""
    if stakeholder.district_id != body.district_id:
        raise ValidationError({"stakeholder": _("Der Akteur gehört nicht zu diesem Kreis.")})
    role = _clean_line(role) or str(_("Mitglied"))
    membership = BodyMembership(district=body.district, body=body, stakeholder=stakeholder, role=role)
    membership.full_clean()
    membership.save()
    record_change(
        by=by,
        district=body.district,
        action="update",
        obj=body,
        changes={str(_("Mitglied %(name)s") % {"name": stakeholder.name}): ("", role)},
    )
    return membership


@transaction.atomic
def remove_member(*, by: Any, membership: BodyMembership) -> None:
    """Take a stakeholder out of a body."""
    body = membership.body
    record_change(
        by=by,
        district=body.district,
        action="update",
        obj=body,
        changes={str(_("Mitglied %(name)s") % {"name": membership.stakeholder.name}): (membership.role, "")},
    )
    membership.delete()
