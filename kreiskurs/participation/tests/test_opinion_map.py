"""The opinion map's algorithm on constructed data with a known structure (no database)."""

from __future__ import annotations

import numpy as np

from kreiskurs.participation.opinion import compute_opinion_map
from kreiskurs.participation.opinion.agreement import adjusted_rand_index


def two_camps(
    per_camp: int = 30, divisive: int = 10, noise: float = 0.05, seed: int = 3
) -> tuple[list[int], list[int], list[int]]:
    """Camp A agrees with the divisive statements 0..divisive-1, camp B disagrees; everyone agrees with
    statement ``divisive`` (the consensus); a few votes are flipped at random."""
    rng = np.random.default_rng(seed)
    participants, statements, values = [], [], []
    for person in range(2 * per_camp):
        camp_sign = 1 if person < per_camp else -1
        for statement in range(divisive + 1):
            value = camp_sign if statement < divisive else 1
            if statement < divisive and rng.random() < noise:
                value = -value
            participants.append(person)
            statements.append(statement)
            values.append(value)
    return participants, statements, values


def test_two_clear_camps_become_two_groups_that_match_the_camps_exactly() -> None:
    participants, statements, values = two_camps()
    result = compute_opinion_map(participants, statements, values)
    assert len(result.groups) == 2
    found = [p.group for p in sorted(result.participants, key=lambda p: p.participant)]
    truth = [person < 30 for person in range(60)]
    assert adjusted_rand_index(found, truth) == 1.0
    assert sorted(g.size for g in result.groups) == [30, 30]


def test_the_statement_both_camps_agree_with_is_a_consensus_statement() -> None:
    result = compute_opinion_map(*two_camps())
    agreed = [c.statement for c in result.consensus if c.direction == "agree"]
    assert agreed[0] == 10
    assert all(c.statement == 10 for c in result.consensus)  # no divisive statement is consensus


def test_each_group_is_represented_by_the_divisive_statements_in_its_direction() -> None:
    result = compute_opinion_map(*two_camps())
    for group in result.groups:
        members = [p.participant for p in result.participants if p.group == group.id]
        camp_agrees = members[0] < 30
        divisive = [r for r in group.representative if r.statement != 10]
        assert divisive
        assert {r.direction for r in divisive} == {"agree" if camp_agrees else "disagree"}


def test_the_result_is_the_same_on_every_run_and_for_any_vote_order() -> None:
    participants, statements, values = two_camps(noise=0.2)
    first = compute_opinion_map(participants, statements, values)
    again = compute_opinion_map(participants, statements, values)
    order = np.random.default_rng(9).permutation(len(values))
    shuffled = compute_opinion_map(
        [participants[i] for i in order], [statements[i] for i in order], [values[i] for i in order]
    )
    assert first == again
    assert [p.group for p in first.participants] == [p.group for p in shuffled.participants]
    assert np.allclose([p.x for p in first.participants], [p.x for p in shuffled.participants])


def test_no_group_has_a_single_person_even_with_a_lone_outlier() -> None:
    participants, statements, values = two_camps(per_camp=4)
    for statement in range(11):  # one person who passes on everything, far from both camps
        participants.append(99)
        statements.append(statement)
        values.append(0)
    result = compute_opinion_map(participants, statements, values)
    assert result.groups
    assert min(g.size for g in result.groups) >= 2
    assert {p.group for p in result.participants} == {g.id for g in result.groups}


def test_moderated_out_statements_are_left_out_of_every_part_of_the_result() -> None:
    participants, statements, values = two_camps()
    with_hidden = compute_opinion_map(participants, statements, values, excluded_statements={0, 10})
    mentioned = {r.statement for g in with_hidden.groups for r in g.representative}
    mentioned |= {c.statement for c in with_hidden.consensus}
    assert mentioned and not mentioned & {0, 10}
    assert with_hidden.n_statements == 9
    assert with_hidden.consensus == []  # the only consensus statement was moderated out


def test_participants_with_fewer_than_seven_votes_are_placed_but_not_grouped() -> None:
    participants, statements, values = two_camps()
    participants += [77] * 6
    statements += list(range(6))
    values += [1] * 6
    result = compute_opinion_map(participants, statements, values)
    newcomer = next(p for p in result.participants if p.participant == 77)
    assert newcomer.group is None
    assert newcomer.x != 0.0
    assert sum(g.size for g in result.groups) == 60


def test_the_latest_vote_on_a_statement_counts() -> None:
    participants, statements, values = two_camps()
    # person 0 (camp A) first agreed with everything; the camp-B votes come later and count
    changed = compute_opinion_map(
        [0] * 10 + participants + [0] * 10,
        list(range(10)) + statements + list(range(10)),
        [1] * 10 + values + [-1] * 10,
    )
    person = next(p for p in changed.participants if p.participant == 0)
    other_camp = next(p for p in changed.participants if p.participant == 59)
    assert person.group == other_camp.group
    assert changed.n_votes == len(values)


def test_adjusted_rand_index_ignores_label_names_and_scores_chance_near_zero() -> None:
    assert adjusted_rand_index([0, 0, 1, 1], ["b", "b", "a", "a"]) == 1.0
    assert adjusted_rand_index([0, 0, 1, 1], [0, 1, 0, 1]) < 0.0
