"""The progress roll-up rule, with hand-computed cases."""

from __future__ import annotations

import datetime as dt

import pytest

from kreiskurs.strategy.rollup import MeasureProgress, goal_groups, roll_up, weighted_progress


def mp(key: str, phase: str, reported: int | None = None, weight: int = 1) -> MeasureProgress:
    return MeasureProgress(key, phase, reported, weight)


def test_reported_progress_wins_over_the_phase_default() -> None:
    assert mp("a", "pilot").progress == 30
    assert mp("a", "pilot", 45).progress == 45
    assert mp("a", "discontinued", 80).progress is None


def test_weighted_mean_by_hand() -> None:
    # (3*60 + 1*0 + 2*100) / (3+1+2) = 380/6 = 63.33 → 63.3
    measures = [mp("a", "rollout", weight=3), mp("b", "idea"), mp("c", "completed", weight=2)]
    assert weighted_progress(measures) == 63.3
    # discontinued and zero weights do not count; nothing left → None
    assert weighted_progress([mp("x", "discontinued"), mp("y", "pilot", weight=0)]) is None


def test_fields_count_each_measure_once_and_goals_include_sub_goals() -> None:
    measures = {
        k: m for k, m in [("a", mp("a", "pilot")), ("b", mp("b", "operating")), ("c", mp("c", "completed", 20))]
    }
    assert roll_up(measures, {"HF1": ["a", "b", "a"], "HF2": ["c"], "HF3": []}) == {
        "HF1": 60.0,
        "HF2": 20.0,
        "HF3": None,
    }
    parents = {"Z1": None, "Z1.1": "Z1", "Z1.1.1": "Z1.1", "Z2": None}
    groups = goal_groups(parents, {"Z1": ["a"], "Z1.1": ["b"], "Z1.1.1": ["c", "a"], "Z2": []})
    assert groups == {"Z1": {"a", "b", "c"}, "Z1.1": {"b", "c", "a"}, "Z1.1.1": {"c", "a"}, "Z2": set()}
    # Z1: (30 + 90 + 20) / 3 = 46.67 → 46.7
    assert roll_up(measures, groups)["Z1"] == 46.7


@pytest.mark.django_db
def test_progress_overview_on_real_rows() -> None:
    from kreiskurs.strategy import selectors, services
    from kreiskurs.strategy.models import FieldOfAction, Goal, Measure
    from tests import factories

    draft = factories.strategy_with_draft()
    field = factories.add_field(draft)
    parent = factories.add_goal(draft, "Z1", field=field)
    child = factories.add_goal(draft, "Z1.1", field=field, parent=parent)
    factories.add_measure(draft, "M1", fields=[field], goals=[parent], phase="rollout", weight=3)
    factories.add_measure(draft, "M2", fields=[field], goals=[child], phase="idea")
    m3 = factories.add_measure(draft, "M3", fields=[field], goals=[child], phase="pilot", weight=2)
    version = services.adopt_version(
        by=None,
        version=draft,
        body="kreistag",
        date=dt.date(2024, 1, 1),
        reference="1",
    )
    services.record_status_report(
        by=None, measure=Measure.objects.get(pk=m3.pk), date=dt.date(2025, 1, 1), phase="pilot", progress=50, text="x"
    )
    overview = selectors.progress_overview(version)
    # (3*60 + 1*0 + 2*50) / 6 = 280/6 = 46.67
    assert overview.strategy == 46.7
    assert overview.fields[FieldOfAction.objects.get(version=version).pk] == 46.7
    assert overview.goals[Goal.objects.get(version=version, code="Z1").pk] == 46.7  # includes its sub-goal's measures
    # Z1.1: (1*0 + 2*50) / 3 = 33.3
    assert overview.goals[Goal.objects.get(version=version, code="Z1.1").pk] == 33.3
    # the adopted version's roll-up is kept, and a new report of its timeline renews it
    assert selectors.progress_overview(version) == overview
    services.record_status_report(
        by=None, measure=Measure.objects.get(pk=m3.pk), date=dt.date(2025, 2, 1), phase="pilot", progress=80, text="y"
    )
    # (3*60 + 1*0 + 2*80) / 6 = 56.67
    assert selectors.progress_overview(version).strategy == 56.7
