"""Permissions of the strategy app, built from the role predicates.

The role × action matrix in docs/permissions.md mirrors this file; a test
walks both. Object: the district (or, for measures, the measure row).
"""

from __future__ import annotations

from typing import Any

import rules

from kreiskurs.accounts.rules import (
    district_id_of,
    is_contact_of_municipality,
    is_district_member,
    is_measure_lead,
    is_strategy_team,
    is_superuser,
)

from .models import StrategyVersion


@rules.predicate
def version_is_editable(user: Any, obj: Any) -> bool:
    version = getattr(obj, "version", None)
    return version is not None and version.is_editable


@rules.predicate
def has_strategy_version(user: Any, district: Any) -> bool:
    """The district has a version the back office works on (a draft, in consultation or adopted)."""
    district_id = district_id_of(district)
    return district_id is not None and StrategyVersion.objects.filter(district_id=district_id).exists()


# Reading drafts, the audit trail and the back office.
rules.add_perm("strategy.view_internal", is_superuser | is_district_member)
# Not a permission (the superuser passes every permission): whether the back-office pages of the working
# version (values, goals, measures, implementation …) exist; the navigation asks it with {% test_rule %}.
rules.add_rule("strategy.has_version", has_strategy_version)
# Editing vision, values, goals, fields, criteria, existing strategies, alignments; creating measures.
rules.add_perm("strategy.edit_strategy", is_superuser | is_strategy_team)
# Editing one measure's profile: the team, or the measure's lead, and only in a draft.
rules.add_perm("strategy.change_measure", version_is_editable & (is_superuser | is_strategy_team | is_measure_lead))
# Adopting, recording adoptions, starting revisions, consultation.
rules.add_perm("strategy.manage_versions", is_superuser | is_strategy_team)
# Status reports: the team, or the measure's lead; in any version (implementation goes on after adoption).
rules.add_perm("strategy.report_status", is_superuser | is_strategy_team | is_measure_lead)
# A municipality joins or leaves measures of the adopted version: its contact or the team (object: the municipality).
rules.add_perm("strategy.enrol_municipality", is_superuser | is_strategy_team | is_contact_of_municipality)
