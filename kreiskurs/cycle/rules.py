"""Permissions of the strategy cycle (mandate, time plan). The matrix is in docs/permissions.md."""

from __future__ import annotations

import rules

from kreiskurs.accounts.rules import is_district_member, is_strategy_team, is_superuser

# Reading the back-office page of the time plan.
rules.add_perm("cycle.view_time_plan", is_superuser | is_district_member)
# Recording the mandate and the project organisation, editing the stages' dates.
rules.add_perm("cycle.manage_time_plan", is_superuser | is_strategy_team)
