"""Who keeps indicators and reports measurements."""

import rules

from kreiskurs.accounts.rules import is_contact_of_municipality, is_strategy_team, is_superuser

# Definitions, imports and values: the strategy team (municipal reporting comes with the municipality portal).
rules.add_perm("monitoring.manage_indicators", is_superuser | is_strategy_team)
# A municipality's values: the team, or that municipality's contact (object: the municipality).
rules.add_perm("monitoring.report_measurement", is_superuser | is_strategy_team | is_contact_of_municipality)
