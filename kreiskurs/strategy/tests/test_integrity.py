"""Rules that keep versions frozen, tenants apart and comparisons truthful."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from kreiskurs.accounts.models import Role
from kreiskurs.actors import services as actor_services
from kreiskurs.audit.models import AuditEntry
from kreiskurs.strategy import services
from kreiskurs.strategy.comparison import compare_versions
from kreiskurs.strategy.errors import VersionFrozen
from kreiskurs.strategy.models import Alignment, ExistingGoal, ExistingStrategy, FieldOfAction, Goal, Measure
from tests import factories

pytestmark = pytest.mark.django_db

ADOPTION = {"body": "kreistag", "date": dt.date(2024, 3, 20), "reference": "SV-1", "url": "", "municipality": None}


def test_services_refuse_rows_of_other_versions_and_districts() -> None:
    draft = factories.strategy_with_draft()
    other = factories.strategy_with_draft()
    foreign_goal = factories.add_goal(other, "Z1")
    with pytest.raises(ValidationError, match="Version"):
        services.create_element(
            by=None, version=draft, model=Goal, values={"code": "Z1", "title": "x", "parent": foreign_goal}
        )
    field = factories.add_field(draft)
    measure = factories.add_measure(draft, "M1", fields=[field])
    stranger = factories.StakeholderFactory(district=other.district)
    with pytest.raises(ValidationError, match="Kreis"):
        services.update_element(by=None, obj=measure, values={}, m2m={"partners": [stranger]}, expected_revision=None)
    foreign_strategy = ExistingStrategy.objects.create(district=other.district, title="Fremd")
    with pytest.raises(ValidationError, match="Kreis"):
        services.save_registry_row(
            by=None, district=draft.district, obj=ExistingGoal(), values={"strategy": foreign_strategy, "title": "x"}
        )
    assert not measure.partners.exists()


def test_a_write_that_loaded_the_version_before_adoption_is_refused() -> None:
    draft = factories.strategy_with_draft()
    field = factories.add_field(draft)
    goal = factories.add_goal(draft, field=field)
    assert goal.version.is_editable  # the object carries the draft state it was loaded with
    services.adopt_version(by=None, version=draft, **ADOPTION)
    with pytest.raises(VersionFrozen):
        services.update_element(by=None, obj=goal, values={"title": "zu spät"}, expected_revision=None)
    goal.refresh_from_db()
    assert goal.title != "zu spät"


def test_registry_rows_used_by_versions_cannot_be_deleted() -> None:
    draft = factories.strategy_with_draft()
    field = factories.add_field(draft)
    goal = factories.add_goal(draft, field=field)
    partner = factories.StakeholderFactory(district=draft.district)
    factories.add_measure(draft, "M1", fields=[field])
    measure = Measure.objects.get(version=draft)
    services.update_element(by=None, obj=measure, values={}, m2m={"partners": [partner]}, expected_revision=None)
    existing = ExistingStrategy.objects.create(district=draft.district, title="KEK")
    their = ExistingGoal.objects.create(district=draft.district, strategy=existing, title="Ziel")
    services.set_alignment(by=None, goal=goal, existing_goal=their, kind="supports")
    adopted = services.adopt_version(by=None, version=draft, **ADOPTION)
    with pytest.raises(ValidationError):
        actor_services.delete_stakeholder(by=None, district=draft.district, stakeholder=partner)
    for row in (their, existing):
        with pytest.raises(ValidationError):
            services.delete_registry_row(by=None, district=draft.district, obj=row)
    assert Measure.objects.get(version=adopted).partners.get() == partner
    assert Alignment.objects.filter(goal__version=adopted).count() == 1


def test_measures_others_depend_on_cannot_be_deleted() -> None:
    draft = factories.strategy_with_draft()
    field = factories.add_field(draft)
    base = factories.add_measure(draft, "M1", fields=[field])
    dependent = factories.add_measure(draft, "M2", fields=[field])
    services.update_element(by=None, obj=dependent, values={}, m2m={"dependencies": [base]}, expected_revision=None)
    with pytest.raises(ValidationError, match="M2"):
        services.delete_element(by=None, obj=base)


def test_alignment_note_changes_are_audited_and_published() -> None:
    draft = factories.strategy_with_draft()
    goal = factories.add_goal(draft, field=factories.add_field(draft))
    existing = ExistingStrategy.objects.create(district=draft.district, title="KEK")
    their = ExistingGoal.objects.create(district=draft.district, strategy=existing, title="Ziel")
    services.set_alignment(by=None, goal=goal, existing_goal=their, kind="supports", note="alt")
    before = AuditEntry.objects.count()
    services.set_alignment(by=None, goal=goal, existing_goal=their, kind="supports", note="neue Anmerkung")
    assert AuditEntry.objects.count() == before + 1
    version = services.adopt_version(by=None, version=draft, **ADOPTION)
    assert "neue Anmerkung" in Client().get(f"/{version.district.slug}/einbettung/").content.decode()


def test_alignment_matrix_is_set_in_one_step_and_refuses_unknown_values_whole() -> None:
    draft = factories.strategy_with_draft()
    field = factories.add_field(draft)
    g1, g2 = factories.add_goal(draft, "Z1", field=field), factories.add_goal(draft, "Z2", field=field)
    existing = ExistingStrategy.objects.create(district=draft.district, title="KEK")
    their = ExistingGoal.objects.create(district=draft.district, strategy=existing, title="Ziel")
    cells = {(g1.pk, their.pk): "supports", (g2.pk, their.pk): "conflicts"}
    assert services.set_alignment_matrix(by=None, version=draft, cells=cells) == 2
    assert services.set_alignment_matrix(by=None, version=draft, cells=cells) == 0
    with pytest.raises(ValidationError, match="„unterstützt“ ist keine Art"):
        services.set_alignment_matrix(
            by=None, version=draft, cells={(g1.pk, their.pk): "", (g2.pk, their.pk): "unterstützt"}
        )
    other = factories.strategy_with_draft()
    foreign = factories.add_goal(other, field=factories.add_field(other))
    with pytest.raises(ValidationError, match="nicht zu diesem Entwurf"):
        services.set_alignment_matrix(by=None, version=draft, cells={(foreign.pk, their.pk): "supports"})
    kinds = dict(Alignment.objects.filter(goal__version=draft).values_list("goal__code", "kind"))
    assert kinds == {"Z1": "supports", "Z2": "conflicts"}  # nothing changed by the refused matrices


def test_comparison_ignores_renamed_relations_and_sees_details() -> None:
    v1 = factories.adopted_strategy(measures=2)
    v2 = services.start_revision(by=None, strategy=v1.strategy)
    field = FieldOfAction.objects.get(version=v2)
    services.update_element(by=None, obj=field, values={"title": "Neuer Titel"}, expected_revision=None)
    m1 = Measure.objects.get(version=v2, code="M1")
    municipality = factories.MunicipalityFactory(district=v1.district)
    services.save_measure_details(
        by=None,
        measure=m1,
        participations=[(municipality, "pilot")],
        scores=[],
        milestones=[("Start", dt.date(2026, 1, 1), None)],
    )
    kinds = {k.key: k for k in compare_versions(v1, v2).kinds}
    assert [c.new.code for c in kinds["fields"].changed] == ["HF1"]
    changed = {c.new.code: {f.name for f in c.changes} for c in kinds["measures"].changed}
    assert changed == {"M1": {"participations", "milestones"}}  # M2 is untouched by the renamed field


def test_private_persons_are_never_named_in_comparisons() -> None:
    v1 = factories.adopted_strategy(measures=1)
    v2 = services.start_revision(by=None, strategy=v1.strategy)
    person = factories.StakeholderFactory(district=v1.district, name="Erika Mustermann", kind="person")
    measure = Measure.objects.get(version=v2)
    services.update_element(by=None, obj=measure, values={}, m2m={"partners": [person]}, expected_revision=None)
    services.adopt_version(by=None, version=v2, **(ADOPTION | {"reference": "SV-2"}))
    body = Client().get(f"/{v1.district.slug}/versionen/vergleich/?von=1&bis=2").content.decode()
    assert "Privatperson" in body and "Erika Mustermann" not in body


def test_bad_filter_values_filter_nothing_instead_of_failing() -> None:
    version = factories.adopted_strategy(measures=2)
    response = Client().get(f"/{version.district.slug}/massnahmen/?field=abc&goal=%27")
    assert response.status_code == 200
    assert "2 Maßnahmen gefunden" in response.content.decode()


def test_readers_of_the_back_office_land_on_the_draft_measure() -> None:
    adopted = factories.adopted_strategy(measures=1)
    draft = services.start_revision(by=None, strategy=adopted.strategy)
    measure = Measure.objects.get(version=draft)
    client = Client()
    client.force_login(factories.member(draft.district, Role.STEERING))
    response = client.get(f"/{draft.district.slug}/verwaltung/massnahmen/{measure.pk}/")
    assert response.status_code == 302 and response["Location"].endswith(f"?version={draft.number}")
    assert client.get(response["Location"]).status_code == 200


def test_revision_of_a_district_without_strategy_is_404() -> None:
    district = factories.DistrictFactory()
    client = Client()
    client.force_login(factories.member(district, Role.STRATEGY_TEAM))
    assert client.post(f"/{district.slug}/verwaltung/versionen/fortschreiben/").status_code == 404
