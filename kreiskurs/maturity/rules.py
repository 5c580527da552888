"""Who configures the maturity model, who assesses, who sees individual results, who acts on gaps.

Individual municipalities' results are internal: the strategy team and the
steering circle (which includes municipal representatives) see them all; a
municipal contact sees their own municipality's results (next to the district
median, an aggregate). The public sees aggregates only (see docs/maturity.md).
"""

import rules

from kreiskurs.accounts.rules import (
    is_contact_of_municipality,
    is_steering_member,
    is_strategy_team,
    is_superuser,
)

# Model versions, dimensions, questions, links to fields of action; open, close and reopen rounds;
# reopen a submitted self-assessment. Object: the district.
rules.add_perm("maturity.manage", is_superuser | is_strategy_team)
# Every municipality's results: heatmap, size classes, gap analysis, profiles. Object: the district.
rules.add_perm("maturity.view_results", is_superuser | is_strategy_team | is_steering_member)
# Fill in and submit a municipality's self-assessment: its contact, or the strategy team on its behalf
# (e.g. from a paper questionnaire; the audit log shows who). Object: the municipality.
rules.add_perm("maturity.assess", is_superuser | is_strategy_team | is_contact_of_municipality)
# Fill in and submit the district administration's own self-assessment. Object: the district.
rules.add_perm("maturity.assess_own", is_superuser | is_strategy_team)
# Read one municipality's assessments and profile. Object: the municipality.
rules.add_perm(
    "maturity.view_municipality", is_superuser | is_strategy_team | is_steering_member | is_contact_of_municipality
)
# Create a draft measure from a gap of the gap analysis. Object: the district.
rules.add_perm("maturity.create_measure", is_superuser | is_strategy_team | is_steering_member)
