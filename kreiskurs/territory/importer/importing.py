"""The import itself: read and check the whole file, then write in one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext

from kreiskurs.planner_stats import refresh_after_commit

from .. import gv100ad
from ..models import District, MunicipalAssociation, Municipality
from .plan import _plan, _read, _restrict
from .report import ImportError_, ImportReport
from .writing import _write


def import_gv100ad(path: Path, *, district_keys: Iterable[str] = ()) -> ImportReport:
    """Import districts, associations and municipalities from a GV100AD file.

    ``district_keys`` restricts the import to those districts: faults in
    other parts of the file do not stop it. Existing rows are updated in
    place; rows missing from the file are reported, never deleted (other
    data refers to them).
    """
    lines, encoding = _read(path)
    records, errors = gv100ad.parse_lines(lines)
    plan, more = _plan(records, errors)
    errors += more
    wanted = set(district_keys)
    messages: list[str] = []
    if wanted:
        errors = [e for e in errors if any(e.touches(k) for k in wanted)]
        # a district whose own line is malformed is named by that fault, not as missing
        unknown = {k for k in wanted - plan.districts.keys() if not any(e.key == k for e in errors)}
        if unknown:
            messages.append(
                gettext("Kreis(e) %(keys)s nicht in der Datei (Satzart 40)") % {"keys": ", ".join(sorted(unknown))}
            )
    errors.sort(key=lambda e: e.line_no)
    messages = [e.render(gettext) for e in errors] + messages
    if messages:
        raise ImportError_(path, messages)
    if wanted:
        _restrict(plan, wanted)
    report = ImportReport(encoding=encoding)
    with transaction.atomic():
        _write(plan, report)
    refresh_after_commit(District, MunicipalAssociation, Municipality)  # thousands of rows changed at once
    return report
