"""Who evaluates: the strategy team runs rounds and decides; the steering circle may propose changes."""

import rules

from kreiskurs.accounts.rules import is_steering_member, is_strategy_team, is_superuser

# Open a round, rate, write findings, publish; accept or reject change proposals.
rules.add_perm("evaluation.manage_rounds", is_superuser | is_strategy_team)
# Propose a change to the strategy from a round's findings.
rules.add_perm("evaluation.propose_change", is_superuser | is_strategy_team | is_steering_member)
