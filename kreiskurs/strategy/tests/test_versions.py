"""Versions: adoption freezes, revision copies with lineage, comparison by identity."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kreiskurs.audit.models import AuditEntry
from kreiskurs.strategy import services
from kreiskurs.strategy.comparison import compare_versions
from kreiskurs.strategy.errors import VersionFrozen
from kreiskurs.strategy.models import (
    Alignment,
    ExistingGoal,
    ExistingStrategy,
    FieldOfAction,
    Goal,
    Measure,
    MeasureMunicipality,
    StrategyVersion,
    VersionState,
)
from tests import factories

pytestmark = pytest.mark.django_db

ADOPTION = {"body": "kreistag", "date": dt.date(2024, 3, 20), "reference": "SV-1", "url": "", "municipality": None}


def test_adopt_freezes_the_version_for_every_service() -> None:
    version = factories.adopted_strategy()
    assert version.state == VersionState.ADOPTED and version.adopted_at is not None
    measure = Measure.objects.filter(version=version).first()
    assert measure is not None
    with pytest.raises(VersionFrozen):
        services.update_element(by=None, obj=measure, values={"title": "neu"}, expected_revision=measure.revision)
    with pytest.raises(VersionFrozen):
        services.create_element(by=None, version=version, model=Goal, values={"code": "Z9", "title": "x"})
    with pytest.raises(VersionFrozen):
        services.delete_element(by=None, obj=measure)
    with pytest.raises(VersionFrozen):
        services.update_version_text(by=None, version=version, values={"vision_text": "x"}, expected_revision=None)
    measure.refresh_from_db()
    assert measure.title == "Maßnahme M1"


def test_adoption_needs_a_draft_with_content() -> None:
    empty = factories.strategy_with_draft()
    with pytest.raises(ValidationError, match="ohne Handlungsfelder"):
        services.adopt_version(by=None, version=empty, **ADOPTION)
    adopted = factories.adopted_strategy()
    with pytest.raises(ValidationError, match="Nur ein Entwurf"):
        services.adopt_version(by=None, version=adopted, **ADOPTION)


def test_municipal_council_adoption_names_a_municipality_of_the_district() -> None:
    version = factories.adopted_strategy()
    with pytest.raises(ValidationError):
        services.record_adoption(
            by=None, version=version, body="municipal_council", date=dt.date(2024, 5, 1), reference="1"
        )
    foreign = factories.MunicipalityFactory()
    with pytest.raises(ValidationError, match="gehört nicht"):
        services.record_adoption(
            by=None,
            version=version,
            body="municipal_council",
            date=dt.date(2024, 5, 1),
            reference="1",
            municipality=foreign,
        )
    own = factories.MunicipalityFactory(district=version.district)
    services.record_adoption(
        by=None, version=version, body="municipal_council", date=dt.date(2024, 5, 1), reference="DS 1", municipality=own
    )
    assert version.adoptions.count() == 2


def test_revision_copies_everything_with_the_same_lineage() -> None:
    draft0 = factories.strategy_with_draft()
    field = factories.add_field(draft0)
    parent = factories.add_goal(draft0, "Z1", field=field)
    child = factories.add_goal(draft0, "Z1.1", parent=parent, field=field)
    m1 = factories.add_measure(draft0, "M1", fields=[field], goals=[child])
    m2 = factories.add_measure(draft0, "M2", fields=[field], goals=[parent])
    services.update_element(by=None, obj=m2, values={}, m2m={"dependencies": [m1]}, expected_revision=m2.revision)
    municipality = factories.MunicipalityFactory(district=draft0.district)
    services.save_measure_details(
        by=None,
        measure=m1,
        participations=[(municipality, "pilot")],
        scores=[],
        milestones=[("Start", dt.date(2025, 1, 1), None)],
    )
    existing = ExistingStrategy.objects.create(district=draft0.district, title="KEK")
    their = ExistingGoal.objects.create(district=draft0.district, strategy=existing, code="K1", title="Gleichwertig")
    services.set_alignment(by=None, goal=parent, existing_goal=their, kind="supports")
    v1 = services.adopt_version(by=None, version=draft0, **ADOPTION)

    v2 = services.start_revision(by=None, strategy=v1.strategy)
    assert (v2.number, v2.state, v2.based_on_id) == (2, VersionState.DRAFT, v1.pk)
    new_child = Goal.objects.get(version=v2, lineage=child.lineage)
    assert new_child.pk != child.pk
    assert new_child.parent.lineage == parent.lineage and new_child.parent.version_id == v2.pk
    assert new_child.field.version_id == v2.pk
    new_m2 = Measure.objects.get(version=v2, lineage=m2.lineage)
    assert [d.lineage for d in new_m2.dependencies.all()] == [m1.lineage]
    assert all(d.version_id == v2.pk for d in new_m2.dependencies.all())
    new_m1 = Measure.objects.get(version=v2, lineage=m1.lineage)
    assert [g.lineage for g in new_m1.goals.all()] == [child.lineage]
    assert MeasureMunicipality.objects.get(measure=new_m1).role == "pilot"
    assert new_m1.milestones.get().title == "Start"
    assert Alignment.objects.get(goal__version=v2).goal.lineage == parent.lineage
    # the adopted version is untouched
    assert Measure.objects.filter(version=v1).count() == 2


def test_only_one_open_draft_and_revision_needs_an_adopted_version() -> None:
    draft = factories.strategy_with_draft()
    with pytest.raises(ValidationError, match="offenen Entwurf"):
        services.start_revision(by=None, strategy=draft.strategy)
    adopted = factories.adopted_strategy()
    services.start_revision(by=None, strategy=adopted.strategy)
    with pytest.raises(ValidationError, match="offenen Entwurf"):
        services.start_revision(by=None, strategy=adopted.strategy)


def test_adopting_a_revision_supersedes_the_previous_version() -> None:
    v1 = factories.adopted_strategy()
    v2 = services.start_revision(by=None, strategy=v1.strategy)
    services.adopt_version(by=None, version=v2, **(ADOPTION | {"reference": "SV-2"}))
    v1.refresh_from_db()
    assert v1.state == VersionState.SUPERSEDED


def test_the_database_holds_exactly_one_adopted_version_per_strategy() -> None:
    v1 = factories.adopted_strategy(measures=1)
    v2 = services.start_revision(by=None, strategy=v1.strategy)
    with pytest.raises(IntegrityError), transaction.atomic():
        StrategyVersion.objects.filter(pk=v2.pk).update(state="adopted")  # bypassing adopt_version
    v2.refresh_from_db()
    assert v2.state == "draft"


def test_comparison_matches_by_identity_not_title() -> None:
    v1 = factories.adopted_strategy(measures=3)
    v2 = services.start_revision(by=None, strategy=v1.strategy)
    m1, m2, m3 = Measure.objects.filter(version=v2).order_by("code")
    # renaming and recoding keeps identity: "changed", not "removed + added"
    services.update_element(
        by=None,
        obj=m1,
        values={"code": "M1a", "title": "Ganz neuer Titel", "priority": "high"},
        expected_revision=m1.revision,
    )
    services.delete_element(by=None, obj=m2)
    field = m3.fields_of_action.get()
    goal = factories.add_goal(v2, "Z2", field=field)
    services.update_element(
        by=None, obj=m3, values={}, m2m={"goals": [*m3.goals.all(), goal]}, expected_revision=m3.revision
    )
    added = factories.add_measure(v2, "M4", fields=[field])
    v2 = services.update_version_text(
        by=None, version=v2, values={"vision_text": "Neues Leitbild"}, expected_revision=None
    )

    diff = compare_versions(v1, v2)
    kinds = {k.key: k for k in diff.kinds}
    assert [m.lineage for m in kinds["measures"].added] == [added.lineage]
    assert [m.lineage for m in kinds["measures"].removed] == [m2.lineage]
    changed = {c.new.lineage: {f.name: (f.old_text, f.new_text) for f in c.changes} for c in kinds["measures"].changed}
    assert changed[m1.lineage]["code"] == ("M1", "M1a")
    assert changed[m1.lineage]["title"] == ("Maßnahme M1", "Ganz neuer Titel")
    assert changed[m1.lineage]["priority"] == ("mittel – innerhalb von 2 Jahren", "hoch – sofort beginnen")
    assert changed[m3.lineage]["goals"] == ("Z1 Ziel Z1", "Z1 Ziel Z1, Z2 Ziel Z2")
    assert [g.code for g in kinds["goals"].added] == ["Z2"]
    assert [c.name for c in diff.vision] == ["vision_text"]
    assert compare_versions(v1, v1).is_empty


def test_every_change_is_audited_with_field_changes() -> None:
    user = factories.UserFactory()
    draft = factories.strategy_with_draft(by=user)
    field = services.create_element(
        by=user, version=draft, model=FieldOfAction, values={"code": "HF1", "title": "Verwaltung"}
    )
    services.update_element(by=user, obj=field, values={"title": "Verwaltung digital"}, expected_revision=1)
    entries = list(AuditEntry.objects.for_object(field).order_by("id"))
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[1].actor == user
    assert entries[1].changes == {"title": ["Verwaltung", "Verwaltung digital"]}
    assert entries[1].revision == 2


def test_word_diff_marks_only_the_changed_words() -> None:
    from kreiskurs.strategy.comparison import word_diff

    left, right = word_diff("Der Kreis nutzt die Digitalisierung.", "Der Kreis nutzt die KI verantwortungsvoll.")
    assert [t for changed, t in left if changed] == ["Digitalisierung."]
    assert [t for changed, t in right if changed] == ["KI verantwortungsvoll."]
    assert "".join(t for _c, t in left) == "Der Kreis nutzt die Digitalisierung."
