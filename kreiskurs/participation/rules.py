"""Who may do what in participation: staff roles by district, participants by the running phase.

The phase kind declares the allowed actions (``models.PHASE_ACTIONS``); a
participant may act if the process is published, the running phase allows
the action, and they are registered — or the process allows pseudonymous
participation. Object: the process.
"""

from __future__ import annotations

from typing import Any

import rules

from kreiskurs.accounts.rules import is_district_member, is_moderator, is_strategy_team, is_superuser

from .models import Action


@rules.predicate
def may_take_part(user: Any, process: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) or getattr(process, "allow_pseudonymous", False))


def phase_allows(action: str) -> Any:
    @rules.predicate(name=f"phase_allows_{action}")
    def predicate(user: Any, process: Any) -> bool:
        return bool(process is not None and process.allows(action))

    return predicate


# Creating and editing processes, phases, surveys, events, staff statements; idea status; idea → measure.
rules.add_perm("participation.manage_processes", is_superuser | is_strategy_team)
# Moderation queue: approve, hide with a public reason, resolve reports.
rules.add_perm("participation.moderate", is_superuser | is_strategy_team | is_moderator)
# The opinion map: recompute it now, outside the debounce (after moderation or a pol.is import).
rules.add_perm("participation.recompute_opinion_map", is_superuser | is_strategy_team | is_moderator)
# Text analysis: suggested duplicates (merge, "Keine Dublette") and the themes of a process's ideas.
rules.add_perm("participation.review_text_analysis", is_superuser | is_strategy_team | is_moderator)
# Confirm or correct the suggested field of action and goal of an idea.
rules.add_perm("participation.assign_field", is_superuser | is_strategy_team)
# The consideration (Abwägung): respond to contributions with decision, reason and the change they led to.
rules.add_perm("participation.consider", is_superuser | is_strategy_team)
# Unpublished processes and participation figures in the back office.
rules.add_perm("participation.view_internal", is_superuser | is_district_member)

for _action in Action:
    # What participants may do: only in a phase that allows it (role × phase, tested).
    rules.add_perm(f"participation.{_action.value}", may_take_part & phase_allows(_action.value))
