"""Writes of the actor registry: actor groups, stakeholders, bodies and who sits in them.

Every function is keyword-only and atomic, validates with ``full_clean()``,
refuses stale edits (``core.editing``) and writes its audit entry in the same
transaction. Actor groups and stakeholders are plain district rows, saved with
``core.rows`` (field changes as people read them); bodies have members with
roles, so their writes are spelled out here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kreiskurs.audit.services import record_change
from kreiskurs.core import rows
from kreiskurs.core.editing import lock_for_edit
from kreiskurs.territory.models import District

from .models import ActorGroup, Body, BodyMembership, Stakeholder

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor

# --- actor groups and stakeholders ------------------------------------------------------------------


@transaction.atomic
def save_actor_group(
    *, by: Actor, district: District, group: ActorGroup | None, values: dict[str, Any], expected_revision: int | None
) -> ActorGroup:
    """Create (``group`` is None) or edit an actor group of ``district``; names are unique per district."""
    return rows.save_district_row(
        by=by, district=district, obj=group or ActorGroup(), values=values, expected_revision=expected_revision
    )


@transaction.atomic
def delete_actor_group(*, by: Actor, district: District, group: ActorGroup) -> None:
    """Delete an actor group; a group that still has stakeholders (or other rows referring to it) is refused."""
    rows.delete_district_row(by=by, district=district, obj=group)


@transaction.atomic
def save_stakeholder(
    *,
    by: Actor,
    district: District,
    stakeholder: Stakeholder | None,
    values: dict[str, Any],
    expected_revision: int | None,
) -> Stakeholder:
    """Create (``stakeholder`` is None) or edit a stakeholder of ``district``; the group is of the same district."""
    return rows.save_district_row(
        by=by, district=district, obj=stakeholder or Stakeholder(), values=values, expected_revision=expected_revision
    )


def _refuse_if_linked(stakeholder: Stakeholder) -> None:
    """Rows of other apps that name the stakeholder through a many-to-many field (a measure's partners)
    would silently lose it (the database cascades such links); so a linked stakeholder stays.

    Read from the model's relations, so the registry need not know the apps above it.
    """
    for relation in Stakeholder._meta.related_objects:
        if not relation.many_to_many:
            continue
        through = relation.through  # type: ignore[attr-defined]
        column = relation.field.m2m_reverse_field_name()  # type: ignore[attr-defined]
        if through._default_manager.filter(**{column: stakeholder}).exists():
            raise ValidationError(
                _("Der Akteur ist %(role)s von %(things)s und kann nicht gelöscht werden.")
                % {"role": relation.field.verbose_name, "things": relation.field.model._meta.verbose_name_plural}
            )


@transaction.atomic
def delete_stakeholder(*, by: Actor, district: District, stakeholder: Stakeholder) -> None:
    """Delete a stakeholder with their body memberships; a partner of measures is refused (versions keep it)."""
    _refuse_if_linked(stakeholder)
    rows.delete_district_row(by=by, district=district, obj=stakeholder)


# --- bodies -------------------------------------------------------------------------------------------


def _clean_line(value: str) -> str:
    return " ".join(value.split())


def _check_name_free(district: District, name: str, exclude: int | None = None) -> None:
    others = Body.objects.filter(district=district, name=name)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if others.exists():
        raise ValidationError({"name": _("Ein Gremium mit diesem Namen gibt es bereits.")})


@transaction.atomic
def create_body(*, by: Actor, district: District, name: str, description: str = "") -> Body:
    """A new body (Lenkungskreis, Digitalbeirat, working group) of ``district``; names are unique per district."""
    body = Body(district=district, name=_clean_line(name), description=description.strip())
    _check_name_free(district, body.name)
    body.full_clean()
    body.save()
    record_change(by=by, district=district, action="create", obj=body, revision=body.revision)
    return body


@transaction.atomic
def update_body(*, by: Actor, body: Body, name: str, description: str, expected_revision: int | None = None) -> Body:
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
def delete_body(*, by: Actor, body: Body) -> None:
    """Delete a body with its memberships (the stakeholders stay in the registry)."""
    members = sorted(f"{m.stakeholder.name} ({m.role})" for m in body.memberships.select_related("stakeholder"))
    record_change(
        by=by, district=body.district, action="delete", obj=body, changes={"members": (members, [])} if members else {}
    )
    body.delete()


@transaction.atomic
def add_member(*, by: Actor, body: Body, stakeholder: Stakeholder, role: str) -> BodyMembership:
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
def remove_member(*, by: Actor, membership: BodyMembership) -> None:
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
