"""Shapes of the read API (pydantic via django-ninja)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema


class DistrictOut(Schema):
    key: str
    name: str
    slug: str
    type: str
    type_code: int
    land: str
    seat: str
    population: int
    area_km2: Decimal
    reference_date: dt.date
    has_published_strategy: bool


class MunicipalityOut(Schema):
    ags: str
    ars: str
    name: str
    slug: str
    type: str
    type_code: int
    population: int
    area_km2: Decimal
    postcode: str
    association: str | None
    association_key: str | None


class AdoptionOut(Schema):
    body: str
    body_label: str
    municipality_ags: str | None
    date: dt.date
    reference: str
    url: str


class VersionOut(Schema):
    number: int
    state: str
    adopted_at: dt.datetime | None
    change_summary: str
    based_on: int | None
    adoptions: list[AdoptionOut]


class ValueOut(Schema):
    id: str
    title: str
    description: str


class FieldOut(Schema):
    id: str
    code: str
    title: str
    description: str


class GoalOut(Schema):
    id: str
    code: str
    title: str
    description: str
    parent: str | None
    field: str | None


class BaselineSectionOut(Schema):
    id: str
    title: str
    text: str
    field: str | None


class SwotItemOut(Schema):
    id: str
    kind: str
    text: str
    explanation: str
    fields: list[str]
    goals: list[str]


class ParticipationOut(Schema):
    ags: str
    name: str
    role: str


class MeasureOut(Schema):
    id: str
    code: str
    title: str
    summary: str
    phase: str
    priority: str
    measure_type: str
    fields: list[str]
    goals: list[str]
    lead_unit: str
    lead_person: str
    start: dt.date | None
    end: dt.date | None
    estimated_cost: Decimal | None
    municipalities: list[ParticipationOut]


class StrategyOut(Schema):
    district: str
    title: str
    is_example: bool
    version: VersionOut
    vision_title: str
    vision_text: str
    values: list[ValueOut]
    fields_of_action: list[FieldOut]
    goals: list[GoalOut]
    measures: list[MeasureOut]
    baseline: list[BaselineSectionOut]
    swot: list[SwotItemOut]


class IndicatorOut(Schema):
    code: str
    name: str
    unit: str
    description: str
    source: str
    direction: str
    level: str
    scope: str
    baseline_value: Decimal | None
    baseline_date: dt.date | None
    target_value: Decimal | None
    target_date: dt.date | None
    latest_period: str | None
    latest_value: Decimal | None


class MeasurementOut(Schema):
    period: str
    ags: str | None
    municipality: str | None
    value: Decimal
    source: str
    note: str


class PhaseOut(Schema):
    kind: str
    title: str
    start: dt.datetime
    end: dt.datetime
    actions: list[str]


class ProcessOut(Schema):
    id: int
    title: str
    summary: str
    template: str
    state: str  # upcoming / running / closed
    external_source: str
    phases: list[PhaseOut]


#: why a statement's counts may be null (as in Polis; docs/api.md, docs/participation.md "Thesen")
_UNTIL_VOTED = "null, solange abgestimmt werden kann (bis counts_public_from)"


class StatementOut(Schema):
    id: int
    external_id: str
    text: str
    agree: int | None = Field(description=f"Zustimmungen; {_UNTIL_VOTED}")
    disagree: int | None = Field(description=f"Ablehnungen; {_UNTIL_VOTED}")
    pass_: int | None = Field(alias="pass", description=f"Enthaltungen (übersprungen); {_UNTIL_VOTED}")
    counts_public: bool = Field(description="ob agree, disagree und pass angegeben sind (die Abstimmung ist vorbei)")
    counts_public_from: dt.datetime | None = Field(
        description="ab wann die Zahlen offen sind: Ende der letzten Abstimmungsphase (null: keine solche Phase)"
    )


class ErrorOut(Schema):
    """A refused request (400) or a missing object (404)."""

    detail: str


class ValidationErrorOut(Schema):
    """A parameter of the wrong type or out of range (422), one entry per problem."""

    detail: list[dict[str, Any]]


class ConsiderationRowOut(Schema):
    """One contribution of a process with the team's response (empty while it awaits one)."""

    number: str  # "K12" (comment) / "I3" (idea), as in the public table
    kind: str  # comment / idea
    where: str
    text: str
    author: str
    created_at: dt.datetime
    decision: str  # adopted / partly / rejected / noted, or "" while awaiting a response
    decision_label: str
    reason: str
    change: str
    change_url: str | None


class ConsiderationOut(Schema):
    """The consideration (Abwägung) of one process; hidden contributions are only counted."""

    process_id: int
    title: str
    answered: int
    awaiting: int
    hidden: int
    rows: list[ConsiderationRowOut]
