"""The baseline (Ausgangslage): versioned sections and SWOT findings, copied by lineage and compared."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kreiskurs.audit.models import AuditEntry
from kreiskurs.strategy import selectors, services
from kreiskurs.strategy.comparison import compare_versions
from kreiskurs.strategy.errors import VersionFrozen
from kreiskurs.strategy.models import BaselineSection, FieldOfAction, Goal, StrategyVersion, SwotItem
from tests import factories

pytestmark = pytest.mark.django_db


def add_section(version: StrategyVersion, title: str = "Breitband", **values: object) -> BaselineSection:
    values = {"title": title, "text": "Ein **guter** Anfang.", **values}
    return services.create_element(by=None, version=version, model=BaselineSection, values=values)


def add_finding(
    version: StrategyVersion, text: str = "Glasfaser fehlt", kind: str = "weakness", fields: list | None = None
) -> SwotItem:
    return services.create_element(
        by=None,
        version=version,
        model=SwotItem,
        values={"kind": kind, "text": text},
        m2m={"fields_of_action": fields or []},
    )


def adopted_with_baseline() -> StrategyVersion:
    """An adopted version with a section on its field, two findings and a goal that answers one of them."""
    draft = factories.strategy_with_draft()
    field = factories.add_field(draft)
    goal = factories.add_goal(draft, field=field)
    factories.add_measure(draft, "M1", fields=[field], goals=[goal])
    add_section(draft, field=field)
    weakness = add_finding(draft, fields=[field])
    add_finding(draft, "Engagierte Verwaltung", kind="strength")
    services.update_element(by=None, obj=goal, values={}, m2m={"findings": [weakness]}, expected_revision=goal.revision)
    return services.adopt_version(by=None, version=draft, body="kreistag", date=dt.date(2024, 3, 20), reference="SV-1")


def test_a_goal_names_the_findings_it_answers_and_the_audit_log_says_so() -> None:
    version = adopted_with_baseline()
    goal = Goal.objects.get(version=version)
    assert [f.text for f in goal.findings.all()] == ["Glasfaser fehlt"]
    entry = AuditEntry.objects.for_object(goal).filter(action="update").get()
    assert entry.changes["findings"] == [[], ["Schwäche: Glasfaser fehlt"]]


def test_the_baseline_of_an_adopted_version_is_frozen() -> None:
    version = adopted_with_baseline()
    section = BaselineSection.objects.get(version=version)
    with pytest.raises(VersionFrozen):
        services.update_element(by=None, obj=section, values={"text": "neu"}, expected_revision=section.revision)
    with pytest.raises(VersionFrozen):
        add_finding(version, "noch einer")
    with pytest.raises(VersionFrozen):
        services.delete_element(by=None, obj=SwotItem.objects.filter(version=version).first())


def test_a_revision_copies_sections_and_findings_with_their_lineage_and_links() -> None:
    adopted = adopted_with_baseline()
    draft = services.start_revision(by=None, strategy=adopted.strategy)
    section = BaselineSection.objects.select_related("field").get(version=draft)
    old_section = BaselineSection.objects.get(version=adopted)
    assert section.lineage == old_section.lineage and section.pk != old_section.pk
    assert section.field is not None and section.field.version_id == draft.pk
    weakness = SwotItem.objects.get(version=draft, kind="weakness")
    assert [f.version_id for f in weakness.fields_of_action.all()] == [draft.pk]
    goal = Goal.objects.get(version=draft)
    assert list(goal.findings.all()) == [weakness]
    # the adopted version keeps its own rows
    assert SwotItem.objects.filter(version=adopted).count() == 2
    assert compare_versions(adopted, draft).is_empty


def test_the_comparison_reports_changed_added_and_removed_baseline_content() -> None:
    adopted = adopted_with_baseline()
    draft = services.start_revision(by=None, strategy=adopted.strategy)
    section = BaselineSection.objects.get(version=draft)
    services.update_element(by=None, obj=section, values={"text": "Es fehlt Glasfaser."}, expected_revision=1)
    add_finding(draft, "Förderprogramm des Landes", kind="opportunity")
    strength = SwotItem.objects.get(version=draft, kind="strength")
    services.delete_element(by=None, obj=strength)
    goal = Goal.objects.get(version=draft)
    services.update_element(by=None, obj=goal, values={}, m2m={"findings": []}, expected_revision=goal.revision)
    kinds = {k.key: k for k in compare_versions(adopted, draft).kinds}
    assert [c.changes[0].name for c in kinds["baseline"].changed] == ["text"]
    assert [str(e) for e in kinds["swot"].added] == ["Chance: Förderprogramm des Landes"]
    assert [str(e) for e in kinds["swot"].removed] == ["Stärke: Engagierte Verwaltung"]
    assert [ch.name for c in kinds["goals"].changed for ch in c.changes] == ["findings"]


def test_a_field_with_a_baseline_section_is_not_deleted() -> None:
    draft = factories.strategy_with_draft()
    field = factories.add_field(draft)
    add_section(draft, field=field)
    with pytest.raises(ValidationError, match="Ausgangslage"):
        services.delete_element(by=None, obj=field)
    assert FieldOfAction.objects.filter(pk=field.pk).exists()


def test_findings_and_goals_of_another_version_are_refused() -> None:
    adopted = adopted_with_baseline()
    draft = services.start_revision(by=None, strategy=adopted.strategy)
    old_field = FieldOfAction.objects.get(version=adopted)
    with pytest.raises(ValidationError):
        add_finding(draft, "fremd", fields=[old_field])


def test_reading_the_baseline_takes_the_same_queries_for_more_rows() -> None:
    version = factories.strategy_with_draft()
    field = factories.add_field(version)
    add_section(version, field=field)
    add_finding(version, fields=[field])

    def count() -> int:
        fresh = StrategyVersion.objects.select_related("district").get(pk=version.pk)
        with CaptureQueriesContext(connection) as ctx:
            baseline = selectors.baseline_of(fresh)
            for q in baseline.quadrants:
                for item in q.items:
                    list(item.fields_of_action.all()), list(item.goals.all())
        return len(ctx.captured_queries)

    few = count()
    for n in range(5):
        add_section(version, f"Abschnitt {n}", field=field)
        add_finding(version, f"Befund {n}", kind="threat", fields=[field])
    assert count() == few
