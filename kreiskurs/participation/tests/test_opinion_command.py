"""``kreiskurs opinion_map``: the JSON schema, Polis ids, hidden statements, bounded queries."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from kreiskurs.participation.models import Participant, Process, Statement
from kreiskurs.participation.selectors.opinion import opinion_map_of
from kreiskurs.participation.services.polis import import_polis
from tests import factories

from .test_polis import T0, write_export

pytestmark = pytest.mark.django_db


@pytest.fixture
def district() -> Any:
    return factories.DistrictFactory(key="05558", slug="coesfeld-test")


def two_camp_export(folder: Path, voters: int = 20) -> Path:
    """Voters 100.. split in two camps over comments 0–6, all agree with 7 and 8; 8 is moderated out.

    The author (101) is in the camp that agrees, as Polis records an author's agreement."""
    comments = [(c, 101, 1, f"These Nummer {c}") for c in range(8)] + [(8, 101, -1, "Ausgeblendet")]
    votes = []
    for voter in range(100, 100 + voters):
        sign = 1 if voter % 2 else -1
        votes += [(c, voter, sign if c < 7 else 1, T0 + c) for c in range(7)]
        votes += [(7, voter, 1, T0 + 7), (8, voter, 1, T0 + 8)]
    return write_export(folder, comments, votes)


def imported(tmp_path: Path, district: Any, voters: int = 20) -> Process:
    return import_polis(by=None, district=district, folder=two_camp_export(tmp_path / "export", voters)).process


def run(process_id: int) -> dict[str, Any]:
    out = io.StringIO()
    call_command("opinion_map", "--process", str(process_id), "--format", "json", stdout=out)
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def test_the_command_prints_participants_groups_and_consensus_in_the_documented_shape(
    tmp_path: Path, district: Any
) -> None:
    process = imported(tmp_path, district)
    data = run(process.pk)
    assert set(data) == {"participants", "groups", "consensus"}
    assert len(data["participants"]) == 20
    for person in data["participants"]:
        assert set(person) == {"id", "external_id", "x", "y", "group"}
        assert isinstance(person["x"], float) and isinstance(person["y"], float)
    # external_id is the Polis voter-id the participant was imported with
    assert sorted(int(p["external_id"]) for p in data["participants"]) == list(range(100, 120))
    assert [g["size"] for g in data["groups"]] == [10, 10]
    for group in data["groups"]:
        assert set(group) == {"id", "size", "representative"}
        assert group["representative"]
        members = {int(p["external_id"]) % 2 for p in data["participants"] if p["group"] == group["id"]}
        assert len(members) == 1  # each group is one camp
    entry = data["consensus"][0]
    assert set(entry) == {"statement", "external_id", "text", "direction", "probability", "z"}
    assert (entry["external_id"], entry["direction"]) == ("7", "agree")


def test_a_statement_moderated_out_in_polis_appears_nowhere(tmp_path: Path, district: Any) -> None:
    process = imported(tmp_path, district)
    hidden = Statement.objects.get(process=process, external_id="8")
    data = run(process.pk)
    mentioned = {s["statement"] for g in data["groups"] for s in g["representative"]}
    mentioned |= {s["statement"] for s in data["consensus"]}
    assert hidden.pk not in mentioned


def test_participants_created_in_kreiskurs_have_no_external_id(tmp_path: Path, district: Any) -> None:
    process = imported(tmp_path, district)
    Participant.objects.filter(origin_process=process).update(external_id="")
    assert {p["external_id"] for p in run(process.pk)["participants"]} == {None}


def test_the_number_of_queries_does_not_grow_with_votes(
    tmp_path: Path, district: Any, django_assert_num_queries: Any
) -> None:
    small = imported(tmp_path / "a", district, voters=6)
    large = imported(tmp_path / "b", district, voters=40)
    with django_assert_num_queries(3):
        opinion_map_of(small)
    with django_assert_num_queries(3):
        opinion_map_of(large)


def test_an_unknown_process_is_refused_with_a_message() -> None:
    with pytest.raises(CommandError, match="gibt es nicht"):
        run(999_999)
