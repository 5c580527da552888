"""What the strategy tells the followers of a measure or goal (``core.changes``; delivered by ``following``).

Two moments: a status report on a measure (with its phase when that moved),
and the adoption of a new version, for every goal and measure whose text the
adoption changed or removed. The services call these inside their transaction.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from kreiskurs.core.changes import Change, announce

from .comparison_keys import differing
from .models import Goal, Measure, StatusReport, StrategyVersion


def _path(url_name: str, district: Any, lineage: Any) -> str:
    return reverse(url_name, args=[district.slug, lineage])


def status_reported(*, measure: Measure, report: StatusReport, previous_phase: str | None) -> None:
    """Followers of the measure hear of the new report; the subject names a phase change."""
    name = f"{measure.code} {measure.title}".strip()
    if previous_phase is not None and previous_phase != report.phase:
        subject = _("„%(m)s“ ist jetzt in der Phase „%(p)s“") % {"m": name, "p": report.get_phase_display()}
    else:
        subject = _("Neuer Statusbericht zu „%(m)s“") % {"m": name}
    body = _("Stand vom %(d)s: Phase „%(p)s“, Fortschritt %(n)s %%.\n\n%(t)s") % {
        "d": formats.date_format(report.date, "d.m.Y"),
        "p": report.get_phase_display(),
        "n": report.progress,
        "t": report.text,
    }
    if report.next_steps:
        body += "\n\n" + _("Nächste Schritte: %(s)s") % {"s": report.next_steps}
    announce(
        Change(
            district=measure.district,
            kind="measure",
            key=str(measure.lineage),
            subject=subject,
            body=body,
            path=_path("portal:measure", measure.district, measure.lineage),
        )
    )


def version_adopted(*, version: StrategyVersion, previous: StrategyVersion | None) -> None:
    """Followers of each goal and measure the adoption changed (or removed) hear of the new version.

    Against the previously adopted version; without one (the first adoption) every goal and measure of
    the version counts as changed: what was followed in consultation is now decided. A fixed number of
    queries (``comparison_keys.differing`` compares flat rows)."""
    district = version.district
    date = formats.date_format(version.adopted_at, "d.m.Y") if version.adopted_at else ""
    changes = []
    for model, kind, url_name in ((Goal, "goal", "portal:goal"), (Measure, "measure", "portal:measure")):
        if previous is None:
            changed: set[Any] = set(model.objects.filter(version=version).values_list("lineage", flat=True))
            removed: set[Any] = set()
        else:
            _added, removed, changed = differing(model, previous, version)
        rows = model.objects.filter(version__in=[version] + ([previous] if previous else []))
        names = {
            (lineage, version_id): f"{code} {title}".strip()
            for lineage, version_id, code, title in rows.filter(lineage__in=changed | removed).values_list(
                "lineage", "version_id", "code", "title"
            )
        }
        for lineage in sorted(changed, key=str):
            name = names.get((lineage, version.pk), "")
            changes.append(
                Change(
                    district=district,
                    kind=kind,
                    key=str(lineage),
                    subject=_("Neue Fassung beschlossen: „%(n)s“") % {"n": name},
                    body=_("Am %(d)s wurde Version %(v)s der Strategie beschlossen; „%(n)s“ hat sich darin geändert.")
                    % {"d": date, "v": version.number, "n": name},
                    path=_path(url_name, district, lineage),
                )
            )
        for lineage in sorted(removed, key=str):
            name = names.get((lineage, previous.pk if previous else 0), "")
            changes.append(
                Change(
                    district=district,
                    kind=kind,
                    key=str(lineage),
                    subject=_("„%(n)s“ ist nicht mehr Teil der Strategie") % {"n": name},
                    body=_(
                        "Am %(d)s wurde Version %(v)s der Strategie beschlossen; "
                        "„%(n)s“ ist darin nicht mehr enthalten."
                    )
                    % {"d": date, "v": version.number, "n": name},
                    path=_path(url_name, district, lineage) + (f"?version={previous.number}" if previous else ""),
                )
            )
    announce(*changes)
