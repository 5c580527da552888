"""Who may edit the legal pages.

The installation's pages (no district) are the platform admins' (superusers);
a district's own pages are also its strategy team's. Reading them needs no
permission: they are public by law.
"""

from __future__ import annotations

import rules

from kreiskurs.accounts.rules import is_strategy_team, is_superuser

# object: a District, or None for the installation's pages (nobody is strategy team of None)
rules.add_perm("legal.edit_page", is_superuser | is_strategy_team)
