"""Permissions of the actor registry: contact data is the strategy team's; the actor map is the district's."""

import rules

from kreiskurs.accounts.rules import is_district_member, is_strategy_team, is_superuser

# The registry (groups, stakeholders with contact data, bodies): the strategy team.
rules.add_perm("actors.manage_stakeholders", is_superuser | is_strategy_team)
# The actor map read-only (private persons unnamed): every member of the district.
rules.add_perm("actors.view_actor_map", is_superuser | is_district_member)
