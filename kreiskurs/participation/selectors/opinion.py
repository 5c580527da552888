"""The opinion map of a statements process: computed from its votes, and the stored one.

The algorithm is plain Python (``participation.opinion``); :func:`computed_map`
reads the votes in three queries (votes, statements, participants), hands them
over and turns the result into the JSON the command prints
(``docs/opinion-map.md``) plus each group's votes on the statements the page
names. Statements that are not visible (hidden by moderation, or still waiting
for it) are excluded, so their votes count nowhere. The stored result
(``models.OpinionMap``) is written by ``services.opinion``; :func:`votes_marker`
says whether it still matches the votes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, cast

import rules
from django.db.models import Count, Max

from ..models import OpinionMap, Participant, Process, Statement, StatementVote, Visibility
from ..opinion import StatementStat, compute_opinion_map


@dataclass(frozen=True)
class ComputedMap:
    result: dict[str, Any]  # the command's JSON
    shares: dict[str, dict[str, list[int]]]  # statement id → group id ("rest" too) → [agree, disagree, votes]
    vote_count: int


def votes_marker(process: Process) -> str:
    """What identifies the votes a map is computed from: their number, the latest, the statements left out.

    Two queries whatever the votes. A changed vote has a new ``voted_at``; a
    withdrawn one lowers the count; moderation changes the statements left out."""
    votes = StatementVote.objects.filter(statement__process=process).aggregate(n=Count("pk"), last=Max("voted_at"))
    visible = Statement.objects.filter(process=process).visible().values("pk")
    left_out = sorted(Statement.objects.filter(process=process).exclude(pk__in=visible).values_list("pk", flat=True))
    last = votes["last"].isoformat() if votes["last"] else "-"
    raw = f"{votes['n']}|{last}|{','.join(map(str, left_out))}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def computed_map(process: Process, *, seed: int = 0) -> ComputedMap:
    """Compute the map from the process's votes now (three queries)."""
    votes = list(
        StatementVote.objects.filter(statement__process=process).values_list("participant_id", "statement_id", "vote")
    )
    statements = {
        s.pk: s for s in Statement.objects.filter(process=process).only("id", "text", "external_id", "visibility")
    }
    excluded = {pk for pk, s in statements.items() if s.visibility != Visibility.VISIBLE}
    result = compute_opinion_map(
        [v[0] for v in votes], [v[1] for v in votes], [v[2] for v in votes], excluded_statements=excluded, seed=seed
    )
    ids = [p.participant for p in result.participants]
    external = dict(Participant.objects.filter(pk__in=ids).values_list("pk", "external_id"))

    def statement(stat: StatementStat) -> dict[str, Any]:
        row = statements[cast(int, stat.statement)]
        return {
            "statement": row.pk,
            "external_id": row.external_id or None,
            "text": row.text,
            "direction": stat.direction,
            "probability": stat.probability,
            "z": stat.z,
        }

    data = {
        "participants": [
            {
                "id": p.participant,
                "external_id": external.get(cast(int, p.participant)) or None,
                "x": round(p.x, 6),
                "y": round(p.y, 6),
                "group": p.group,
            }
            for p in result.participants
        ],
        "groups": [
            {"id": g.id, "size": g.size, "representative": [statement(s) for s in g.representative]}
            for g in result.groups
        ],
        "consensus": [statement(s) for s in result.consensus],
    }
    named = {s["statement"] for g in data["groups"] for s in g["representative"]}
    named |= {s["statement"] for s in data["consensus"]}
    return ComputedMap(result=data, shares=_shares(data, votes, named), vote_count=len(votes))


def _shares(
    data: dict[str, Any], votes: list[tuple[int, int, int]], named: set[int]
) -> dict[str, dict[str, list[int]]]:
    """Per named statement and group: agrees, disagrees and votes of the group's members (and of everyone
    grouped elsewhere, per group under ``"rest:<id>"``)."""
    group_of = {p["id"]: p["group"] for p in data["participants"] if p["group"] is not None}
    groups = [str(g["id"]) for g in data["groups"]]
    counts: dict[str, dict[str, list[int]]] = {str(s): {g: [0, 0, 0] for g in groups} for s in named}
    for participant, statement, vote in votes:
        group = group_of.get(participant)
        if group is None or statement not in named:
            continue
        cell = counts[str(statement)][str(group)]
        cell[0] += vote == 1
        cell[1] += vote == -1
        cell[2] += 1
    for per_group in counts.values():
        total = [sum(c[i] for c in per_group.values()) for i in range(3)]
        for group in groups:
            per_group[f"rest:{group}"] = [total[i] - per_group[group][i] for i in range(3)]
    return counts


def opinion_map_of(process: Process, *, seed: int = 0) -> dict[str, Any]:
    """``{"participants": [...], "groups": [...], "consensus": [...]}`` for the process's statement votes."""
    return computed_map(process, seed=seed).result


def stored_map(process: Process) -> OpinionMap | None:
    """The stored map of the process, with its last recomputation job (one query)."""
    return OpinionMap.objects.select_related("job").filter(process=process).first()


def current_result(process: Process) -> dict[str, Any]:
    """The command's JSON: the stored result when it matches the votes (three queries), else computed now."""
    stored = OpinionMap.objects.filter(process=process).only("result", "votes_marker").first()
    if stored is not None and stored.votes_marker and stored.votes_marker == votes_marker(process):
        return stored.result
    return opinion_map_of(process)


def opinion_status(user: Any, process: Process) -> dict[str, Any] | None:
    """The back office's view of the stored map (state, when, how many votes, the running job), or ``None``
    for a process without statements and without a stored map (at most two queries)."""
    stored = stored_map(process)
    if stored is None and not (
        process.template == Process.Template.STATEMENTS
        or process.external_source == "polis"
        or process.phases.filter(kind="statements").exists()
    ):
        return None
    job = stored.job if stored else None
    if job is not None and not job.is_finished:
        state = "running" if job.state == "running" else "queued"
    elif stored is not None and stored.queued_for is not None:
        state = "queued"
    elif stored is None or stored.computed_at is None:
        state = "never"
    elif job is not None and job.state == "failed":
        state = "failed"
    else:
        state = "outdated" if stored.is_outdated else "current"
    return {
        "stored": stored,
        "job": job,
        "state": state,
        "may_recompute": rules.has_perm("participation.recompute_opinion_map", user, process.district),
    }
