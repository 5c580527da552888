"""The strategy document of one version as blocks (``content.py``), read in a fixed number of queries.

The chapters follow the issue's order: preamble, baseline (with SWOT where
recorded), embedding in existing strategies, vision and values, goals, fields
of action, one profile per measure, indicators, the implementation and
monitoring concept, adoption records and the participation summary. The
version's own rows decide the content; what changes after adoption (status
reports, enrolments) is not part of the adopted document.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count, Max, Min, Q
from django.utils.translation import gettext as _

from kreiskurs.monitoring.models import Indicator, IndicatorLink
from kreiskurs.participation.models import Comment, Idea, Process
from kreiskurs.participation.selectors import consideration
from kreiskurs.strategy import models as strategy_models
from kreiskurs.strategy import selectors as strategy_selectors
from kreiskurs.strategy.models import Adoption, FieldOfAction, Goal, Measure, StrategyVersion

from . import formatting as fmt
from .content import BulletList, Document, Facts, Heading, Paragraph, Table, table_or_note
from .measures import measure_profiles


def _labels(model: Any, name: str) -> dict[str, str]:
    return {str(k): str(v) for k, v in model._meta.get_field(name).flatchoices}


def document_title(version: StrategyVersion) -> str:
    return f"{version.strategy.title} – {version.district.display_name}"


def strategy_document(version: StrategyVersion) -> Document:
    """The whole strategy of ``version`` (any state: the caller decides who may read it)."""
    district = version.district
    doc = Document(
        title=version.strategy.title,
        subtitle=district.display_name,
        running_head=_("%(title)s – Version %(number)s") % {"title": document_title(version), "number": version.number},
        title_lines=_title_lines(version),
        author=district.display_name,
    )
    goals = list(Goal.objects.filter(version=version).select_related("field", "parent").order_by("position", "code"))
    fields = list(FieldOfAction.objects.filter(version=version).order_by("position", "code"))
    _preamble(doc, version)
    _baseline(doc, version)
    _embedding(doc, version)
    _vision(doc, version)
    _goals(doc, goals)
    _fields(doc, fields, goals, version)
    indicators = list(Indicator.objects.filter(district=district).order_by("code"))
    links = list(IndicatorLink.objects.filter(district=district).values_list("indicator_id", "kind", "lineage"))
    doc.add(Heading(1, _("Maßnahmen")))
    profiles = measure_profiles(version, indicators, links)
    if not profiles:
        doc.add(Paragraph(_("Diese Version enthält keine Maßnahmen."), "note"))
    for blocks in profiles:
        doc.add(*blocks)
    _indicators(doc, version, goals, indicators, links)
    _concept(doc, version, len(indicators))
    _adoptions(doc, version)
    _participation(doc, version)
    return doc


def _title_lines(version: StrategyVersion) -> list[str]:
    lines = [_("Version %(number)s · %(state)s") % {"number": version.number, "state": version.get_state_display()}]
    if version.adopted_at:
        lines.append(_("Beschlossen am %(date)s") % {"date": fmt.date(version.adopted_at)})
    if version.strategy.is_example:
        lines.append(_("Beispielinhalt: Diese Strategie ist ein erfundenes Beispiel."))
    return lines


def _preamble(doc: Document, version: StrategyVersion) -> None:
    doc.add(Heading(1, _("Präambel")))
    doc.add(
        Paragraph(
            _(
                "Dieses Dokument gibt die Digitalstrategie %(where)s in der Version %(number)s wieder "
                "(Stand: %(state)s). Es wird aus den Daten der Plattform Kreiskurs erzeugt; die "
                "Online-Fassung zeigt darüber hinaus den aktuellen Stand der Umsetzung."
            )
            % {
                "where": version.district.in_name,
                "number": version.number,
                "state": version.get_state_display(),
            },
            "lead",
        )
    )
    if version.change_summary:
        doc.add(Heading(2, _("Änderungen gegenüber der vorigen Version")))
        doc.add(*(Paragraph(p) for p in fmt.paragraphs(version.change_summary)))


def _baseline(doc: Document, version: StrategyVersion) -> None:
    """The baseline and its SWOT, where the installed strategy app records them (guarded: optional)."""
    section_model = getattr(strategy_models, "BaselineSection", None)
    swot_model = getattr(strategy_models, "SwotItem", None)
    if section_model is None and swot_model is None:
        return
    doc.add(Heading(1, _("Ausgangslage")))
    sections = list(section_model.objects.filter(version=version).order_by("position", "id")) if section_model else []
    items = list(swot_model.objects.filter(version=version).order_by("position", "id")) if swot_model else []
    if not sections and not items:
        doc.add(Paragraph(_("Für diese Version ist keine Ausgangslage erfasst."), "note"))
    for section in sections:
        doc.add(Heading(2, section.title), *(Paragraph(p) for p in fmt.paragraphs(section.text)))
    if items:
        doc.add(Heading(2, _("Stärken, Schwächen, Chancen und Risiken (SWOT)")))
        kinds = _labels(swot_model, "kind")
        for kind, label in kinds.items():
            found = [i for i in items if i.kind == kind]
            if found:
                doc.add(Heading(3, label))
                doc.add(BulletList([f"{i.text}: {i.explanation}" if i.explanation else i.text for i in found]))


def _embedding(doc: Document, version: StrategyVersion) -> None:
    matrix = strategy_selectors.alignment_matrix(version)
    doc.add(Heading(1, _("Einbettung in bestehende Strategien")))
    if matrix.strategies:
        doc.add(
            BulletList([", ".join(str(x) for x in (s.title, s.owner, s.year) if x) for s, _count in matrix.strategies])
        )
    kinds = _labels(strategy_models.Alignment, "kind")
    rows = [
        [f"{goal.code} {goal.title}", f"{column.strategy.title}: {column}", kinds.get(cell.kind, cell.kind), cell.note]
        for goal, cells in matrix.rows()
        for column, cell in cells
        if cell is not None
    ]
    doc.add(
        table_or_note(
            [_("Ziel"), _("Ziel der bestehenden Strategie"), _("Beziehung"), _("Anmerkung")],
            rows,
            _("Es sind keine Bezüge zu bestehenden Strategien erfasst."),
            caption=_("Abgleichsmatrix: unsere Ziele und die Ziele bestehender Strategien"),
        )
    )


def _vision(doc: Document, version: StrategyVersion) -> None:
    doc.add(Heading(1, _("Leitbild und Werte")))
    if version.vision_title:
        doc.add(Heading(2, version.vision_title))
    doc.add(*(Paragraph(p, "lead") for p in fmt.paragraphs(version.vision_text)))
    values = list(strategy_selectors.values_of(version))
    if values:
        doc.add(Heading(2, _("Werte")))
        for value in values:
            doc.add(Heading(3, value.title), *(Paragraph(p) for p in fmt.paragraphs(value.description)))


def _goals(doc: Document, goals: list[Goal]) -> None:
    doc.add(Heading(1, _("Ziele")))
    if not goals:
        doc.add(Paragraph(_("Diese Version enthält keine Ziele."), "note"))

    def walk(nodes: list[strategy_selectors.GoalNode], level: int) -> None:
        for node in nodes:
            goal = node.goal
            doc.add(Heading(min(level, 3), f"{goal.code} {goal.title}"))
            if goal.field_id and goal.field:
                doc.add(Paragraph(_("Handlungsfeld: %(field)s") % {"field": goal.field}, "note"))
            doc.add(*(Paragraph(p) for p in fmt.paragraphs(goal.description)))
            walk(node.children, level + 1)

    walk(strategy_selectors.goal_tree(goals), 2)


def _fields(doc: Document, fields: list[FieldOfAction], goals: list[Goal], version: StrategyVersion) -> None:
    doc.add(Heading(1, _("Handlungsfelder")))
    through = Measure.fields_of_action.through.objects.filter(measure__version=version)
    measure_codes: dict[int, list[str]] = {}
    for field_id, code in through.order_by("measure__code").values_list("fieldofaction_id", "measure__code"):
        measure_codes.setdefault(field_id, []).append(code)
    for field in fields:
        doc.add(Heading(2, f"{field.code} {field.title}"), *(Paragraph(p) for p in fmt.paragraphs(field.description)))
        own = [f"{g.code} {g.title}" for g in goals if g.field_id == field.pk]
        facts = [
            (_("Ziele"), "; ".join(own) or "–"),
            (_("Maßnahmen"), ", ".join(measure_codes.get(field.pk, [])) or "–"),
        ]
        doc.add(Facts(facts))


def _indicators(
    doc: Document,
    version: StrategyVersion,
    goals: list[Goal],
    indicators: list[Indicator],
    links: list[tuple[int, str, Any]],
) -> None:
    doc.add(Heading(1, _("Indikatoren")))
    codes = {g.lineage: g.code for g in goals}
    codes.update(Measure.objects.filter(version=version).values_list("lineage", "code"))
    linked: dict[int, list[str]] = {}
    for indicator_id, _kind, lineage in links:
        if lineage in codes:
            linked.setdefault(indicator_id, []).append(codes[lineage])
    rows = [
        [
            f"{i.code} {i.name}",
            i.unit,
            " ".join(
                x
                for x in (fmt.number(i.baseline_value), f"({fmt.date(i.baseline_date)})" if i.baseline_date else "")
                if x
            ),
            " ".join(
                x for x in (fmt.number(i.target_value), f"({fmt.date(i.target_date)})" if i.target_date else "") if x
            ),
            ", ".join(sorted(linked.get(i.pk, []))),
        ]
        for i in indicators
    ]
    doc.add(
        table_or_note(
            [_("Indikator"), _("Einheit"), _("Ausgangswert"), _("Zielwert"), _("misst")],
            rows,
            _("Es sind keine Indikatoren erfasst."),
        )
    )


def _concept(doc: Document, version: StrategyVersion, indicator_count: int) -> None:
    doc.add(Heading(1, _("Umsetzungs- und Monitoringkonzept")))
    doc.add(
        Paragraph(
            _(
                "Jede Maßnahme hat eine Federführung und ein Berichtsintervall. Die Federführung berichtet in "
                "diesem Intervall über Phase, Fortschritt und Mittelabfluss; die Berichte bilden eine "
                "fortlaufende Zeitleiste je Maßnahme. Der Fortschritt der Handlungsfelder, der Ziele und der "
                "Strategie wird aus den gewichteten Maßnahmen errechnet. %(count)s Indikatoren mit Ausgangs- "
                "und Zielwert messen die Wirkung; Evaluationsrunden bewerten Ziele und Maßnahmen und führen "
                "zu Änderungsvorschlägen für die nächste Version."
            )
            % {"count": indicator_count}
        )
    )
    measures = Measure.objects.filter(version=version)
    intervals = _labels(Measure, "reporting_interval")
    priorities = _labels(Measure, "priority")
    phases = _labels(Measure, "phase")
    for title, column, labels in (
        (_("Berichtsintervalle"), "reporting_interval", intervals),
        (_("Prioritäten"), "priority", priorities),
        (_("Geplante Phasen"), "phase", phases),
    ):
        counts = Counter({str(k): n for k, n in measures.values_list(column).annotate(n=Count("id")).order_by()})
        rows = [[label, str(counts[key])] for key, label in labels.items() if counts[key]]
        doc.add(Heading(2, title), table_or_note([title, _("Maßnahmen")], rows, _("Keine Maßnahmen.")))


def _adoptions(doc: Document, version: StrategyVersion) -> None:
    doc.add(Heading(1, _("Beschlüsse")))
    rows = [
        [str(a.municipality.name if a.municipality else a.get_body_display()), fmt.date(a.date), a.reference, a.url]
        for a in Adoption.objects.filter(version=version).select_related("municipality").order_by("date", "id")
    ]
    doc.add(
        table_or_note(
            [_("Gremium"), _("Beschlussdatum"), _("Drucksache / Beschlussnummer"), _("Link")],
            rows,
            _("Diese Version ist noch nicht beschlossen."),
        )
    )


def _participation(doc: Document, version: StrategyVersion) -> None:
    """Published processes of the district about this version or an earlier one (or about none)."""
    doc.add(Heading(1, _("Beteiligung")))
    templates = _labels(Process, "template")
    processes = list(
        Process.objects.published()
        .filter(district=version.district)
        .filter(Q(version__isnull=True) | Q(version__number__lte=version.number))
        .annotate(first=Min("phases__start"), last=Max("phases__end"))
        .order_by("first", "pk")
    )
    ids = [p.pk for p in processes]
    ideas = _counts(Idea.objects.visible().filter(process__in=ids))
    comments = _counts(Comment.objects.visible().filter(process__in=ids))
    rows = [
        [
            p.title,
            templates.get(p.template, p.template),
            fmt.span(getattr(p, "first", None), getattr(p, "last", None)),
            str(ideas[p.pk]),
            str(comments[p.pk]),
        ]
        for p in processes
    ]
    doc.add(
        table_or_note(
            [_("Verfahren"), _("Art"), _("Zeitraum"), _("Ideen"), _("Kommentare")],
            rows,
            _("Zu dieser Version gab es keine veröffentlichte Beteiligung."),
            caption=_("Veröffentlichte Beteiligungsverfahren und ihre öffentlichen Beiträge"),
        )
    )
    for process in processes:
        _consideration(doc, process)


#: the columns of the consideration table a page has room for: number, kind, place, contribution, decision, reason
CONSIDERATION_COLUMNS = (0, 1, 2, 3, 6, 7)
CONSIDERATION_WIDTHS = (7, 11, 15, 27, 13, 27)


def _consideration(doc: Document, process: Process) -> None:
    """The process's consideration table (Abwägungstabelle), where contributions were weighed."""
    rows = consideration.consideration_table(process)
    if not rows:
        return
    header = consideration.table_header()
    doc.add(
        Heading(2, _("Abwägung: %(process)s") % {"process": process.title}),
        Table(
            [header[i] for i in CONSIDERATION_COLUMNS],
            [[cells[i] for i in CONSIDERATION_COLUMNS] for cells in consideration.table_cells(rows)],
            widths=CONSIDERATION_WIDTHS,
        ),
    )


def _counts(rows: Any) -> Counter[int]:
    return Counter(dict(rows.values_list("process").annotate(n=Count("id")).values_list("process", "n").order_by()))
