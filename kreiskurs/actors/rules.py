"""Permissions of the actor registry: contact data is the strategy team's."""

import rules

from kreiskurs.accounts.rules import is_strategy_team, is_superuser

rules.add_perm("actors.manage_stakeholders", is_superuser | is_strategy_team)
