"""Who records a municipality's own initiatives: its contact and the strategy team (object: the municipality)."""

import rules

from kreiskurs.accounts.rules import is_contact_of_municipality, is_strategy_team, is_superuser

rules.add_perm("initiatives.manage_initiatives", is_superuser | is_strategy_team | is_contact_of_municipality)
