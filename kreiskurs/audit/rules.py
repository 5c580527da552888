"""Who reads the audit log: anyone with a role in the district."""

import rules

from kreiskurs.accounts.rules import is_district_member, is_superuser

rules.add_perm("audit.view_log", is_superuser | is_district_member)
