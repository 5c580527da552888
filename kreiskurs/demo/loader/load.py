"""Loading the demo district in order: territory, accounts, actors, strategy v1 and v2, then what builds on them."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kreiskurs.actors import services as actor_services
from kreiskurs.geo.demo import load_demo_boundaries
from kreiskurs.maturity.demo import load_demo_maturity
from kreiskurs.strategy import services
from kreiskurs.strategy.models import (
    Criterion,
    ExistingGoal,
    ExistingStrategy,
    FieldOfAction,
    Goal,
    Measure,
    Strategy,
    StrategyVersion,
    Value,
    VersionState,
)
from kreiskurs.territory.importer import import_gv100ad
from kreiskurs.territory.models import District, Municipality

from .. import content
from .accounts import _accounts
from .base import DISTRICT_KEY, GV100AD_EXCERPT
from .cycle import _baseline_v1, _baseline_v2, _preparation
from .evaluation import _evaluation
from .initiatives import _municipal_platform
from .monitoring import _indicators
from .participation import _participation
from .strategy import _adoption, _measure, _revision, _status_reports


def demo_loaded() -> bool:
    return Strategy.objects.filter(district__key=DISTRICT_KEY).exists()


@transaction.atomic
def load_demo() -> District:
    """Import the territory excerpt and build the example strategy (twice: adopted v1, v2 in consultation)."""
    import_gv100ad(GV100AD_EXCERPT)
    district = District.objects.get(key=DISTRICT_KEY)
    munis = {m.ags[-3:]: m for m in Municipality.objects.filter(district=district)}
    admin = _accounts(district, munis)
    by = admin

    groups = {
        name: actor_services.save_actor_group(
            by=by, district=district, group=None, values={"name": name}, expected_revision=None
        )
        for name in content.ACTOR_GROUPS
    }
    stakeholders = {}
    for name, group, influence, interest, level in content.STAKEHOLDERS:
        stakeholders[name] = actor_services.save_stakeholder(
            by=by,
            district=district,
            stakeholder=None,
            expected_revision=None,
            values={
                "name": name,
                "group": groups[group],
                "influence": influence,
                "interest": interest,
                "participation_level": level,
                "contact_name": "Beispielkontakt",
                "email": "kontakt@example.org",
            },
        )

    _preparation(by, district, timezone.localdate())

    strategy = services.create_strategy(by=by, district=district, title="Digitalstrategie", is_example=True)
    v1 = strategy.versions.get()
    services.update_version_text(
        by=by,
        version=v1,
        values={
            "vision_title": content.VISION_TITLE,
            "vision_text": content.VISION_TEXT,
            "change_summary": "Erste Fassung der Digitalstrategie.",
        },
        expected_revision=None,
    )
    for i, (title, description) in enumerate(content.VALUES):
        services.create_element(
            by=by, version=v1, model=Value, values={"title": title, "description": description, "position": i}
        )
    fields = {}
    for i, (code, title, description) in enumerate(content.FIELDS):
        fields[code] = services.create_element(
            by=by,
            version=v1,
            model=FieldOfAction,
            values={"code": code, "title": title, "description": description, "position": i},
        )
    goals: dict[str, Goal] = {}
    for i, (code, title, field, parent, description) in enumerate(content.GOALS):
        goals[code] = services.create_element(
            by=by,
            version=v1,
            model=Goal,
            values={
                "code": code,
                "title": title,
                "description": description,
                "field": fields[field],
                "parent": goals.get(parent or ""),
                "position": i,
            },
        )
    criteria = []
    for i, (title, kind, description, weight) in enumerate(content.CRITERIA):
        criteria.append(
            services.create_element(
                by=by,
                version=v1,
                model=Criterion,
                values={"title": title, "kind": kind, "description": description, "weight": weight, "position": i},
            )
        )
    existing: dict[str, ExistingGoal] = {}
    for title, owner, year, their_goals in content.EXISTING:
        es = services.save_registry_row(
            by=by,
            district=district,
            obj=ExistingStrategy(),
            values={"title": title, "owner": owner, "year": year, "description": "Beispiel."},
        )
        for code, goal_title in their_goals:
            existing[code] = services.save_registry_row(
                by=by, district=district, obj=ExistingGoal(), values={"strategy": es, "code": code, "title": goal_title}
            )
    for ours, theirs, kind in content.ALIGNMENTS:
        services.set_alignment(by=by, goal=goals[ours], existing_goal=existing[theirs], kind=kind)

    measures: dict[str, Measure] = {}
    for n, row in enumerate(content.MEASURES):
        measures[row[0]] = _measure(by, v1, row, fields, goals, stakeholders, munis, criteria, n)
    services.update_element(
        by=by, obj=measures["M19"], values={}, m2m={"dependencies": [measures["M18"]]}, expected_revision=None
    )

    _baseline_v1(by, v1)
    first, *others = content.ADOPTIONS
    v1 = services.adopt_version(by=by, version=v1, **_adoption(first, munis))
    for adoption in others:
        services.record_adoption(by=by, version=v1, **_adoption(adoption, munis))

    _revision(by, strategy, munis, criteria, fields)
    _baseline_v2(by, StrategyVersion.objects.get(strategy=strategy, number=2))
    _indicators(by, district, goals, measures)
    _status_reports(district)
    _evaluation(district, v1)
    # version 2's edits are done: the team releases it for consultation (public, frozen), which is
    # what the commenting and prioritisation processes show; to edit it again, take it back into draft
    services.set_version_state(
        by=by, version=StrategyVersion.objects.get(strategy=strategy, number=2), state=VersionState.CONSULTATION
    )
    _participation(district, munis)
    _municipal_platform(district, munis)
    load_demo_boundaries(district)
    load_demo_maturity(district)
    return district
