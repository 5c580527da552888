"""The opinion map of a statements process, computed from its votes on the fly.

The algorithm is plain Python (``participation.opinion``); this reads the votes
in three queries (votes, statements, participants), hands them over and turns
the result into the JSON the command prints (``docs/opinion-map.md``).
Statements that are not visible (hidden by moderation, or still waiting for it)
are excluded, so their votes count nowhere.
"""

from __future__ import annotations

from typing import Any, cast

from ..models import Participant, Process, Statement, StatementVote, Visibility
from ..opinion import StatementStat, compute_opinion_map


def opinion_map_of(process: Process, *, seed: int = 0) -> dict[str, Any]:
    """``{"participants": [...], "groups": [...], "consensus": [...]}`` for the process's statement votes."""
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

    return {
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
