"""The demo content for Kreis Coesfeld: two rounds, a draft for Dülmen, links to HF1–HF6, visible gaps."""

from __future__ import annotations

import pytest

from kreiskurs.accounts.models import User
from kreiskurs.demo.loader import load_demo
from kreiskurs.maturity import selectors
from kreiskurs.maturity.demo import load_demo_maturity
from kreiskurs.maturity.models import Assessment, FieldLink, MaturityModel
from kreiskurs.strategy.models import FieldOfAction

pytestmark = pytest.mark.django_db


def test_demo_maturity_for_coesfeld() -> None:
    district = load_demo()
    if not MaturityModel.objects.filter(district=district).exists():  # until the demo loader calls it itself
        load_demo_maturity(district)
    rounds = list(selectors.rounds_of(district).order_by("opened_on"))
    assert [(r.title, r.state, r.model.version, r.submitted, r.drafts) for r in rounds] == [
        ("Selbsteinschätzung 2024", "closed", 1, 11, 0),
        ("Selbsteinschätzung 2025", "open", 2, 10, 1),
    ]
    draft = Assessment.objects.get(round=rounds[1], state="draft")
    assert draft.municipality.ags == "05558016"
    assert draft.answered == 8  # Verwaltung and Infrastruktur, four questions each
    assert User.objects.get(username="gemeinde").memberships.get().municipality == draft.municipality

    fields = {f.lineage: f.code for f in FieldOfAction.objects.filter(version__district=district)}
    links = {(link.dimension_code, fields[link.field_lineage]) for link in FieldLink.objects.filter(district=district)}
    assert links == {
        ("verwaltung", "HF1"),
        ("infrastruktur", "HF2"),
        ("bildung", "HF3"),
        ("gesundheit", "HF4"),
        ("mobilitaet", "HF5"),
        ("wirtschaft", "HF6"),
        ("beteiligung", "HF6"),
        ("daten", "HF1"),
        ("wandel", "HF1"),
    }
    gaps = [row.dimension.code for row in selectors.gap_analysis(rounds[1]).gaps]
    assert "gesundheit" in gaps and "bildung" not in gaps
    heat = selectors.heatmap(rounds[1])
    assert [g.code for g in heat.groups] == ["S4", "S5"]
    # progress from 2024 to 2025 in the district median of Verwaltung
    before = selectors.heatmap(rounds[0]).district_median[0].score
    assert before is not None and heat.district_median[0].score is not None
    assert heat.district_median[0].score > before
