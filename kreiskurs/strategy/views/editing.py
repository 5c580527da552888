"""The version the strategy's back-office views edit.

(How a refused write becomes feedback on a form lives in ``kreiskurs.core.feedback``; views import it from there.)"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from kreiskurs.strategy import selectors
from kreiskurs.strategy.models import StrategyVersion
from kreiskurs.territory.models import District


def working_version(district: District) -> StrategyVersion:
    """The version the back office edits: the open draft, else the current one (read-only)."""
    current, opened = selectors.current_and_open(district)  # one query
    version = opened or current
    if version is None:
        raise Http404(_("Keine Strategie"))
    return version
