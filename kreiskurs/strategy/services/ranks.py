"""The measures of a version in German natural order, kept as ``Measure.code_rank`` (issue 12).

Lists order and paginate in SQL (``ORDER BY code_rank, id LIMIT …``) instead of reading every
``(id, code)`` pair of the version and sorting them in Python on each request, which grew with the
strategy. ``de_natural`` (``collation.py``) cannot serve there: on SQLite it is a Python call per
comparison. ``Measure.save`` clears the rank of the row it writes (a new measure, a changed code);
the next list ranks the version again, once: a frozen version is ranked when it is adopted (or, adopted
before, on its first list) and never again (its rows never change), a draft after each edit. Copies
(a new draft from the adopted version) keep the ranks, as they keep the codes.
"""

from __future__ import annotations

from django.db import transaction

from kreiskurs.collation import sort_key
from kreiskurs.prepared import Prepared

from ..models import Measure, StrategyVersion
from ..renderings import is_frozen

_UNRANKED = Prepared(
    lambda version: (
        Measure.objects.filter(version_id=version, code_rank__isnull=True).order_by().values_list("pk", flat=True)[:1]
    ),
    version=int,
)


#: frozen versions ranked, as this process knows after a commit, by id and moment of creation (an id
#: alone may come again on SQLite after a rollback): their rows never change, so they are not asked
#: again. Every version is ranked when it is adopted (``adopt_version``), so a database restored
#: under a running process brings its frozen versions back with their ranks.
_RANKED_FROZEN: set[tuple[int, object]] = set()


def rank_measures(*, version: StrategyVersion) -> bool:
    """Rank the measures of ``version`` when one of them has no rank; ``True`` when it did.

    One indexed ``EXISTS`` when nothing changed, none for a frozen version found ranked before in
    this process. Two workers racing write the same ranks (the order is a function of the codes),
    so no lock is taken.
    """
    key = (version.pk, version.created_at)
    frozen = is_frozen(version)
    if frozen and key in _RANKED_FROZEN:
        return False
    ranked = _UNRANKED.first(version=version.pk) is not None and _rank(version)
    if frozen:  # its rows keep their ranks from now on; a ranking rolled back is not remembered
        transaction.on_commit(lambda: _RANKED_FROZEN.add(key))
    return ranked


def _rank(version: StrategyVersion) -> bool:
    pairs = sorted(
        Measure.objects.filter(version=version).order_by().values_list("pk", "code"),
        key=lambda row: (sort_key(row[1]), row[0]),
    )
    ranked = [Measure(pk=pk, code_rank=rank) for rank, (pk, _code) in enumerate(pairs)]
    Measure.objects.bulk_update(ranked, ["code_rank"], batch_size=500)
    return True
