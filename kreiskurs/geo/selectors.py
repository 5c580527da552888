"""Reads for the district map: which layers there are, and one layer's value per municipality.

A layer colours the municipalities by one of:

- ``measures`` – how many measures of the current (adopted) strategy version each municipality takes part in;
- ``measure:<lineage>`` – a municipality's role in one measure of that version;
- ``indicator:<code>`` – an indicator with scope "per municipality": each municipality's latest
  measurement (its own latest period, shown next to it);
- ``maturity:<code>`` – a dimension score (or ``overall``) from each municipality's latest submitted
  maturity self-assessment; individual results are internal, so only users with
  ``maturity.view_results`` get this layer.

Numeric layers are classed by equal intervals (:mod:`.classes`). Every read takes the district; the
number of queries does not depend on the number of municipalities, measures or measurements.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby
from typing import Any, NamedTuple

import rules
from django.db.models import OuterRef, QuerySet, Subquery, TextField
from django.db.models.functions import Cast
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kreiskurs.choices import label
from kreiskurs.collation import natural, sort_key
from kreiskurs.maturity import selectors as maturity_selectors
from kreiskurs.maturity.models import Dimension
from kreiskurs.monitoring.models import Indicator, Measurement, Scope
from kreiskurs.monitoring.templatetags.measured import measured
from kreiskurs.prepared import Prepared
from kreiskurs.strategy import selectors as strategy_selectors
from kreiskurs.strategy.models import Measure, MeasureMunicipality, StrategyVersion
from kreiskurs.strategy.selectors.measures import LIST_FIELDS
from kreiskurs.territory.models import District, Municipality

from .classes import class_index, equal_intervals
from .counts import measure_counts
from .models import Boundary

#: Sequential fills, light to dark; each has at least 3:1 contrast with STROKE (WCAG 1.4.11).
RAMP = ("#eaf2fb", "#bcd6ee", "#8cb8e0", "#5b97cc", "#2f6fae")
#: Roles: a colour-blind-safe set (Okabe–Ito), each at least 3:1 against STROKE.
ROLE_COLOURS = {
    MeasureMunicipality.Role.LEAD: "#0072b2",
    MeasureMunicipality.Role.PILOT: "#e69f00",
    MeasureMunicipality.Role.ROLLOUT: "#009e73",
    MeasureMunicipality.Role.INTERESTED: "#cc79a7",
}
#: Borders of the municipalities (and of legend swatches).
STROKE = "#1b1f2e"
#: "No value": white with a dashed border, told apart by the pattern, not by colour.
NO_DATA = "#ffffff"
#: Decimal places of maturity scores on the map (they arrive as floats).
SCORE_PLACES = Decimal("0.01")


class MeasureChoice(NamedTuple):
    lineage: uuid.UUID
    code: str
    title: str
    measure: Measure  # its role layer reads the row


@dataclass(frozen=True)
class LayerOption:
    value: str
    label: str
    group: str

    @property
    def short_label(self) -> str:
        """The label cut to 90 characters for the layer choice (plain slicing: the template filter
        ``truncatechars`` costs more than the rest of the page once a strategy has 500 measures)."""
        return self.label if len(self.label) <= 90 else self.label[:89].rstrip() + "…"


@dataclass
class LegendEntry:
    label: str
    colour: str
    dashed: bool = False
    count: int = 0


@dataclass
class MapRow:
    municipality: Municipality
    value: Decimal | None
    text: str  # the value as shown: "71", "federführend", "–"
    detail: str  # the period of an indicator value
    entry: LegendEntry

    @property
    def boundary(self) -> Boundary | None:
        return getattr(self.municipality, "boundary", None)


@dataclass
class MapLayer:
    option: LayerOption
    value_heading: str
    detail_heading: str = ""
    unit: str = ""
    numeric: bool = True
    method: str = ""
    legend: list[LegendEntry] = field(default_factory=list)
    rows: list[MapRow] = field(default_factory=list)

    @property
    def with_geometry(self) -> list[MapRow]:
        return [r for r in self.rows if r.boundary is not None]


# --- what the map can show ---------------------------------------------------------------------


@dataclass
class MapSources:
    """Everything the layer choice depends on, read once per page."""

    district: District
    version: StrategyVersion | None
    measures: list[MeasureChoice]
    indicators: list[Indicator]
    maturity: dict[int, dict[str, float]]
    dimensions: dict[str, str]  # code → title


_INDICATORS = Prepared(
    lambda district: Indicator.objects.filter(district_id=district, scope=Scope.MUNICIPALITY).order_by(natural("code")),
    district=int,
)
#: one measure of a version by lineage, with the columns a list row reads (the role layer)
_MEASURE = Prepared(
    lambda version, lineage: Measure.objects.filter(version_id=version, lineage=lineage).only(*LIST_FIELDS)[:1],
    version=int,
    lineage=uuid.UUID,
)


def municipality_indicators(district: District) -> QuerySet[Indicator]:
    return _INDICATORS(district=district.pk)


def maturity_scores(district: District) -> dict[int, dict[str, float]]:
    """The maturity layer's data: ``latest_scores`` of the maturity app (its documented contract)."""
    return maturity_selectors.latest_scores(district)


def dimension_titles(district: District) -> dict[str, str]:
    """Dimension code → title; the newest model's title wins (codes stay the same across model versions)."""
    rows = Dimension.objects.filter(district=district).order_by("model__version", "position", "id")
    return {code: title for code, title in rows.values_list("code", "title")}


def map_sources(district: District, version: StrategyVersion | None, user: Any, asked: str | None = None) -> MapSources:
    """What the layer choice offers. A single measure's role layer is offered only when it is asked for
    (``asked``: the ``layer`` parameter, e.g. from the link on a measure's profile): the choice itself
    names the aggregate layers, so the page does not grow with the strategy (one option per measure
    made 5,000 options and 644 KiB at 5,000 measures; issue 12)."""
    measures = []
    kind, _sep, ref = (asked or "").partition(":")
    if version is not None and kind == "measure":
        try:
            lineage = uuid.UUID(ref)
        except ValueError:
            lineage = None
        found = _MEASURE.first(version=version.pk, lineage=lineage) if lineage is not None else None
        if found is not None:
            Measure.version.field.set_cached_value(found, version)  # type: ignore[attr-defined]
            measures = [MeasureChoice(found.lineage, found.code, found.title, found)]
    see_maturity = rules.has_perm("maturity.view_results", user, district)
    scores = maturity_scores(district) if see_maturity else {}
    return MapSources(
        district=district,
        version=version,
        measures=measures,
        indicators=list(municipality_indicators(district)),
        maturity=scores,
        dimensions=dimension_titles(district) if scores else {},
    )


def option_tags(options: list[LayerOption], selected: LayerOption | None) -> SafeString:
    """The ``<optgroup>``/``<option>`` markup of the layer choice, built here rather than in a
    template loop (per-option template work was most of the page's time when it listed every measure)."""
    parts = []
    for group, items in groupby(options, key=lambda o: o.group):
        tags = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((o.value, mark_safe(" selected") if o == selected else "", o.short_label) for o in items),
        )
        parts.append(format_html('<optgroup label="{}">{}</optgroup>', group, tags))
    return mark_safe("".join(parts))  # every part went through format_html


def layer_options(sources: MapSources) -> list[LayerOption]:
    options = []
    if sources.version is not None:
        group = _("Maßnahmen (geltende Fassung, Version %(n)s)") % {"n": sources.version.number}
        options.append(LayerOption("measures", _("Anzahl der Maßnahmen je Gemeinde"), group))
        options.extend(
            LayerOption(
                f"measure:{m.lineage}", _("Rolle in %(code)s %(title)s") % {"code": m.code, "title": m.title}, group
            )
            for m in sources.measures
        )
    group = _("Indikatoren (letzter Messwert je Gemeinde)")
    options.extend(LayerOption(f"indicator:{i.code}", f"{i.code} {i.name}", group) for i in sources.indicators)
    if sources.maturity:
        group = _("Digitale Reife (letzte Selbsteinschätzung, intern)")
        codes = {code for scores in sources.maturity.values() for code in scores}
        if "overall" in codes:
            options.append(LayerOption("maturity:overall", _("Reifegrad gesamt"), group))
        ordered = [c for c in sources.dimensions if c in codes] + sorted(codes - set(sources.dimensions) - {"overall"})
        options.extend(
            LayerOption(f"maturity:{c}", _("Reifegrad: %(d)s") % {"d": sources.dimensions.get(c, c)}, group)
            for c in ordered
        )
    return options


# --- one layer ---------------------------------------------------------------------------------


_FOR_MAP = Prepared(  # unordered: sorted below
    lambda district: (
        Municipality.objects.filter(district_id=district)
        .select_related("boundary")
        .defer("boundary__geometry", "boundary__simplified")
        .annotate(simplified_json=Cast("boundary__simplified", TextField()))
        .order_by()
    ),
    district=int,
)


def municipalities_for_map(district: District) -> list[Municipality]:
    """The district's municipalities with their boundary's extent and its simplified copy as the JSON text
    stored (``simplified_json``: the page passes it on to map.js as it is; decoding and encoding it again
    cost ~1.5 ms a page), in natural order by ``sort_key`` (the rule of ``natural``, which SQLite runs as
    a call per comparison). Neither geometry is loaded as a value."""
    return sorted(_FOR_MAP(district=district.pk), key=lambda m: sort_key(m.name))


def _range_label(low: Decimal, high: Decimal) -> str:
    if low == high:
        return measured(low)
    return _("%(low)s bis %(high)s") % {"low": measured(low), "high": measured(high)}


def _numeric(layer: MapLayer, municipalities: list[Municipality], values: dict[int, tuple[Decimal, str]]) -> MapLayer:
    """Rows and legend of a numeric layer: equal-interval classes on the ramp."""
    classes = equal_intervals(v for v, _detail in values.values())
    ramp = (
        [RAMP[round(i * (len(RAMP) - 1) / (len(classes) - 1))] for i in range(len(classes))]
        if len(classes) > 1
        else [RAMP[2]]
    )
    entries = [LegendEntry(_range_label(c.lower, c.upper), colour) for c, colour in zip(classes, ramp, strict=True)]
    missing = LegendEntry(_("kein Wert"), NO_DATA, dashed=True)
    for m in municipalities:
        if m.pk in values:
            value, detail = values[m.pk]
            index = class_index(value, classes)
            entry = entries[index] if index is not None else missing
            layer.rows.append(MapRow(m, value, measured(value), detail, entry))
        else:
            layer.rows.append(MapRow(m, None, "–", "", missing))
        layer.rows[-1].entry.count += 1
    layer.legend = entries + ([missing] if missing.count else [])
    layer.method = _(
        "Gleich breite Klassen zwischen dem kleinsten und dem größten Wert (höchstens fünf); "
        "je dunkler, desto höher der Wert."
    )
    return layer


def _measure_count_layer(option: LayerOption, sources: MapSources, municipalities: list[Municipality]) -> MapLayer:
    counts = measure_counts(sources.district, sources.version)
    values = {m.pk: (Decimal(counts.get(m.pk, 0)), "") for m in municipalities}
    layer = MapLayer(option, value_heading=_("Maßnahmen"), unit=_("Maßnahmen"))
    return _numeric(layer, municipalities, values)


def _measure_role_layer(
    option: LayerOption, measure: Measure, sources: MapSources, municipalities: list[Municipality]
) -> MapLayer:
    roles = {
        p.municipality.pk: p.role for p in strategy_selectors.participations_of([measure])[measure.pk] if not p.pending
    }
    entries = {
        str(role): LegendEntry(label(MeasureMunicipality.Role, role), colour) for role, colour in ROLE_COLOURS.items()
    }
    missing = LegendEntry(_("nicht beteiligt"), NO_DATA, dashed=True)
    layer = MapLayer(option, value_heading=_("Rolle"), numeric=False)
    for m in municipalities:
        role = roles.get(m.pk)
        entry = entries.get(role, missing) if role else missing
        entry.count += 1
        layer.rows.append(MapRow(m, None, entry.label, "", entry))
    layer.legend = [e for e in entries.values() if e.count] + [missing]
    layer.method = _("Jede Rolle hat ihre Farbe; nicht beteiligte Gemeinden sind weiß mit gestrichelter Grenze.")
    return layer


def _indicator_layer(option: LayerOption, indicator: Indicator, municipalities: list[Municipality]) -> MapLayer:
    latest = Measurement.objects.filter(indicator=indicator, municipality=OuterRef("pk")).order_by(
        "-period_start", "-period"
    )
    rows = (
        Municipality.objects.filter(district_id=indicator.district_id)
        .annotate(
            latest_value=Subquery(latest.values("value")[:1]), latest_period=Subquery(latest.values("period")[:1])
        )
        .filter(latest_value__isnull=False)
        .values_list("pk", "latest_value", "latest_period")
    )
    values = {pk: (Decimal(value).normalize(), period) for pk, value, period in rows}
    heading = _("Wert (%(unit)s)") % {"unit": indicator.unit} if indicator.unit else _("Wert")
    layer = MapLayer(option, value_heading=heading, detail_heading=_("Zeitraum"), unit=indicator.unit)
    return _numeric(layer, municipalities, values)


def _maturity_layer(
    option: LayerOption, code: str, sources: MapSources, municipalities: list[Municipality]
) -> MapLayer:
    values = {
        pk: (Decimal(str(scores[code])).quantize(SCORE_PLACES).normalize(), "")
        for pk, scores in sources.maturity.items()
        if code in scores
    }
    layer = MapLayer(option, value_heading=_("Punkte (0–4)"), unit=_("Punkte"))
    return _numeric(layer, municipalities, values)


def build_layer(option: LayerOption, sources: MapSources, municipalities: list[Municipality]) -> MapLayer:
    """The values of one layer (an option of :func:`layer_options`) for every municipality."""
    kind, _sep, ref = option.value.partition(":")
    if kind == "measures":
        return _measure_count_layer(option, sources, municipalities)
    if kind == "measure":
        choice = next(m for m in sources.measures if str(m.lineage) == ref)
        return _measure_role_layer(option, choice.measure, sources, municipalities)
    if kind == "indicator":
        indicator = next(i for i in sources.indicators if i.code == ref)
        return _indicator_layer(option, indicator, municipalities)
    if kind == "maturity":
        return _maturity_layer(option, ref, sources, municipalities)
    raise ValueError(option.value)


def choose(options: list[LayerOption], value: str | None) -> LayerOption | None:
    """The option asked for (``None`` when there is no such option); the first one when none is asked for."""
    if not value:
        return options[0] if options else None
    if value.startswith("measure:"):  # lineages are compared as UUIDs (any spelling of the same one)
        try:
            value = f"measure:{uuid.UUID(value.partition(':')[2])}"
        except ValueError:
            return None
    return next((o for o in options if o.value == value), None)


def attributions(municipalities: list[Municipality]) -> list[str]:
    """The distinct source notes of the boundaries shown (the licence asks for them)."""
    notes = [getattr(m, "boundary", None) for m in municipalities]
    return sorted({b.attribution for b in notes if b is not None and b.attribution})
