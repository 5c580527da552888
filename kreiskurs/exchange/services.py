"""Importing an exchange document: the whole version lands, or nothing does.

The document is checked first (``validation.validated``: JSON, schema,
district, references); then every row is built and validated in memory and
only when no row has a problem is anything written, in one transaction, with
one audit entry. The district must not have a strategy or indicators of the
same codes yet: the import restores a version into an installation that does
not know it (after the GV100AD import), it does not merge.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kreiskurs.audit.labels import register_action_labels
from kreiskurs.audit.services import record_change
from kreiskurs.monitoring.models import Indicator, IndicatorLink, Measurement
from kreiskurs.monitoring.periods import parse_period
from kreiskurs.planner_stats import refresh_after_commit
from kreiskurs.strategy.models import (
    Adoption,
    BaselineSection,
    Criterion,
    CriterionScore,
    FieldOfAction,
    Goal,
    Measure,
    MeasureMunicipality,
    Milestone,
    Strategy,
    StrategyVersion,
    SwotItem,
    Value,
)
from kreiskurs.territory.models import District, Municipality

from .document import export_version
from .validation import DocumentRefused, Problem, validated

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor

register_action_labels({"import_strategy": gettext_lazy("Strategie aus Austauschdatei eingelesen")})

#: foreign keys set by the importer itself, not checked row by row
_OWN = ["district", "version", "strategy", "measure", "indicator", "criterion", "municipality", "parent", "field"]


def export_strategy(*, district: District, number: int) -> dict[str, Any]:
    """The exchange document of version ``number`` of the district's strategy (any state: callers decide who may)."""
    version = StrategyVersion.objects.filter(district=district, number=number).first()
    if version is None:
        raise StrategyVersion.DoesNotExist(_("Version %(n)s gibt es im Kreis nicht.") % {"n": number})
    return export_version(version)


class _Rows:
    """Rows built from the document, each checked with ``full_clean`` before anything is saved."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def check(self, obj: models.Model, path: str) -> None:
        try:
            obj.full_clean(exclude=_OWN, validate_unique=False)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                where = path if field == "__all__" else f"{path}/{field}"
                self.problems.extend(Problem(str(m), where) for m in messages)


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


@transaction.atomic
def import_strategy(*, by: Actor, district: District, data: bytes) -> StrategyVersion:
    """Create the district's strategy with the version the document describes (raises ``DocumentRefused``)."""
    document = validated(data, district)
    district = District.objects.select_for_update().get(pk=district.pk)
    if Strategy.objects.filter(district=district).exists():
        raise DocumentRefused(
            [Problem(_("Der Kreis hat schon eine Strategie; eingelesen wird nur in einen Kreis ohne."), "/strategy")]
        )
    taken = set(Indicator.objects.filter(district=district).values_list("code", flat=True))
    clashes = [
        Problem(_("Den Indikator %(code)s gibt es im Kreis schon.") % {"code": i["code"]}, f"/indicators/{n}/code")
        for n, i in enumerate(document["indicators"])
        if i["code"] in taken
    ]
    if clashes:
        raise DocumentRefused(clashes)
    version = _write(district, document)
    record_change(by=by, district=district, action="import_strategy", obj=version)
    refresh_after_commit(Measure, Measurement)
    return version


def _write(district: District, doc: dict[str, Any]) -> StrategyVersion:
    rows = _Rows()
    ags = dict(Municipality.objects.filter(district=district).values_list("ags", "pk"))
    head = doc["version"]
    strategy = Strategy(district=district, **doc["strategy"])
    rows.check(strategy, "/strategy")
    adopted_at = head["adopted_at"]
    version = StrategyVersion(
        district=district,
        number=head["number"],
        state=head["state"],
        vision_title=head["vision_title"],
        vision_text=head["vision_text"],
        change_summary=head["change_summary"],
        consultation_until=_date(head["consultation_until"]),
        adopted_at=dt.datetime.fromisoformat(adopted_at.replace("Z", "+00:00")) if adopted_at else None,
    )
    rows.check(version, "/version")
    adoptions = [
        Adoption(
            district=district,
            body=a["body"],
            municipality_id=ags.get(a["municipality"] or ""),
            date=dt.date.fromisoformat(a["date"]),
            reference=a["reference"],
            url=a["url"],
        )
        for a in head["adoptions"]
    ]
    for n, adoption in enumerate(adoptions):
        rows.check(adoption, f"/version/adoptions/{n}")
    common = {"district": district}
    values = [
        Value(**common, lineage=uuid.UUID(v["id"]), title=v["title"], description=v["description"], position=n)
        for n, v in enumerate(doc["values"])
    ]
    baseline = [
        BaselineSection(**common, lineage=uuid.UUID(b["id"]), title=b["title"], text=b["text"], position=n)
        for n, b in enumerate(doc["baseline"])
    ]
    swot = [
        SwotItem(
            **common,
            lineage=uuid.UUID(f["id"]),
            kind=f["kind"],
            text=f["text"],
            explanation=f["explanation"],
            position=n,
        )
        for n, f in enumerate(doc["swot"])
    ]
    fields = [
        FieldOfAction(
            **common,
            lineage=uuid.UUID(f["id"]),
            code=f["code"],
            title=f["title"],
            description=f["description"],
            position=n,
        )
        for n, f in enumerate(doc["fields_of_action"])
    ]
    goals = [
        Goal(
            **common,
            lineage=uuid.UUID(g["id"]),
            code=g["code"],
            title=g["title"],
            description=g["description"],
            position=n,
        )
        for n, g in enumerate(doc["goals"])
    ]
    criteria = [
        Criterion(
            **common,
            lineage=uuid.UUID(c["id"]),
            title=c["title"],
            kind=c["kind"],
            description=c["description"],
            weight=c["weight"],
            position=n,
        )
        for n, c in enumerate(doc["criteria"])
    ]
    measures = [_measure(district, m) for m in doc["measures"]]
    indicators = [_indicator(district, i) for i in doc["indicators"]]
    for name, objs in (
        ("values", values),
        ("baseline", baseline),
        ("swot", swot),
        ("fields_of_action", fields),
        ("goals", goals),
        ("criteria", criteria),
        ("measures", measures),
        ("indicators", indicators),
    ):
        for n, obj in enumerate(objs):
            rows.check(obj, f"/{name}/{n}")
    if rows.problems:
        raise DocumentRefused(rows.problems[:20])

    strategy.save()
    version.strategy = strategy
    version.save()
    for obj in adoptions:
        obj.version = version
    Adoption.objects.bulk_create(adoptions)
    for group in (values, baseline, swot, fields, goals, criteria, measures):
        for obj in group:
            obj.version = version
    Value.objects.bulk_create(values)
    FieldOfAction.objects.bulk_create(fields)
    Goal.objects.bulk_create(goals)
    Criterion.objects.bulk_create(criteria)
    field_pk = {f.code: f.pk for f in fields}
    goal_pk = {g.code: g.pk for g in goals}
    for goal, g in zip(goals, doc["goals"], strict=True):
        goal.parent_id = goal_pk.get(g["parent"] or "")
        goal.field_id = field_pk.get(g["field"] or "")
    Goal.objects.bulk_update(goals, ["parent", "field"])
    for section, b in zip(baseline, doc["baseline"], strict=True):
        section.field_id = field_pk.get(b["field"] or "")
    BaselineSection.objects.bulk_create(baseline)
    SwotItem.objects.bulk_create(swot)
    swot_pk = {str(f.lineage): f.pk for f in swot}
    SwotItem.fields_of_action.through.objects.bulk_create(
        SwotItem.fields_of_action.through(swotitem_id=item.pk, fieldofaction_id=field_pk[code])
        for item, f in zip(swot, doc["swot"], strict=True)
        for code in f["fields"]
    )
    Goal.findings.through.objects.bulk_create(
        Goal.findings.through(goal_id=goal.pk, swotitem_id=swot_pk[finding])
        for goal, g in zip(goals, doc["goals"], strict=True)
        for finding in g["findings"]
    )
    Measure.objects.bulk_create(measures)
    _measure_rows(district, doc["measures"], measures, field_pk, goal_pk, criteria, ags)
    Indicator.objects.bulk_create(indicators)
    _indicator_rows(district, doc["indicators"], indicators, ags, rows)
    return version


def _measure(district: District, m: dict[str, Any]) -> Measure:
    return Measure(
        district=district,
        lineage=uuid.UUID(m["id"]),
        **{
            k: m[k]
            for k in (
                "code",
                "title",
                "summary",
                "objectives",
                "expected_impact",
                "lead_unit",
                "lead_person",
                "measure_type",
                "priority",
                "digital_check",
                "digital_check_note",
                "funding",
                "funding_programme",
                "phase",
                "origin",
                "origin_note",
                "weight",
                "reporting_interval",
                "join_needs_confirmation",
            )
        },
        estimated_cost=_decimal(m["estimated_cost"]),
        start=_date(m["start"]),
        end=_date(m["end"]),
        council_links="\n".join(m["council_links"]),
    )


def _measure_rows(
    district: District,
    docs: list[dict[str, Any]],
    measures: list[Measure],
    field_pk: dict[str, int],
    goal_pk: dict[str, int],
    criteria: list[Criterion],
    ags: dict[str, int],
) -> None:
    measure_pk = {m.code: m.pk for m in measures}
    criterion_pk = {str(c.lineage): c.pk for c in criteria}
    fields_through, goals_through, deps_through = (
        Measure.fields_of_action.through,
        Measure.goals.through,
        Measure.dependencies.through,
    )
    f_rows, g_rows, d_rows, municipalities, milestones, scores = [], [], [], [], [], []
    for measure, m in zip(measures, docs, strict=True):
        f_rows += [fields_through(measure_id=measure.pk, fieldofaction_id=field_pk[c]) for c in m["fields"]]
        g_rows += [goals_through(measure_id=measure.pk, goal_id=goal_pk[c]) for c in m["goals"]]
        d_rows += [deps_through(from_measure_id=measure.pk, to_measure_id=measure_pk[c]) for c in m["dependencies"]]
        municipalities += [
            MeasureMunicipality(district=district, measure=measure, municipality_id=ags[r["ags"]], role=r["role"])
            for r in m["municipalities"]
        ]
        milestones += [
            Milestone(
                district=district,
                measure=measure,
                lineage=uuid.UUID(r["id"]),
                title=r["title"],
                due=_date(r["due"]),
                done_on=_date(r["done_on"]),
            )
            for r in m["milestones"]
        ]
        scores += [
            CriterionScore(
                district=district,
                measure=measure,
                criterion_id=criterion_pk[r["criterion"]],
                passed=r["passed"],
                score=r["score"],
            )
            for r in m["scores"]
        ]
    fields_through.objects.bulk_create(f_rows)
    goals_through.objects.bulk_create(g_rows)
    deps_through.objects.bulk_create(d_rows)
    MeasureMunicipality.objects.bulk_create(municipalities)
    Milestone.objects.bulk_create(milestones)
    CriterionScore.objects.bulk_create(scores)


def _indicator(district: District, i: dict[str, Any]) -> Indicator:
    return Indicator(
        district=district,
        **{k: i[k] for k in ("code", "name", "unit", "description", "source", "direction", "level", "scope")},
        baseline_value=_decimal(i["baseline_value"]),
        baseline_date=_date(i["baseline_date"]),
        target_value=_decimal(i["target_value"]),
        target_date=_date(i["target_date"]),
    )


def _indicator_rows(
    district: District, docs: list[dict[str, Any]], indicators: list[Indicator], ags: dict[str, int], rows: _Rows
) -> None:
    """Links and measurements; a value out of range refuses the whole import (the transaction is rolled back)."""
    links, measurements = [], []
    for n, (indicator, i) in enumerate(zip(indicators, docs, strict=True)):
        links += [
            IndicatorLink(district=district, indicator=indicator, kind=kind, lineage=uuid.UUID(lineage))
            for kind, key in (("goal", "goals"), ("measure", "measures"))
            for lineage in i[key]
        ]
        for m, row in enumerate(i["measurements"]):
            period = parse_period(row["period"])
            measurements.append(
                measurement := Measurement(
                    district=district,
                    indicator=indicator,
                    municipality_id=ags.get(row["municipality"] or ""),
                    period=period.label,
                    period_start=period.start,
                    value=Decimal(row["value"]),
                    source=row["source"],
                    note=row["note"],
                )
            )
            rows.check(measurement, f"/indicators/{n}/measurements/{m}")
    if rows.problems:
        raise DocumentRefused(rows.problems[:20])
    IndicatorLink.objects.bulk_create(links)
    Measurement.objects.bulk_create(measurements)
