"""The entries of a district's Atom feed: what changed in public, newest first, in a fixed number of queries.

Only what the public may see: versions through ``StrategyVersion.objects.visible_to`` (adopted and
superseded ones have an adoption date), status reports of measures that live in a public version (a
measure only in a draft is not there), processes through ``Process.objects.published()``, evaluation
rounds in state *published*. Each source reads at most ``PER_SOURCE`` rows; the feed keeps the newest
``ENTRIES`` of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kreiskurs.evaluation.models import EvaluationRound
from kreiskurs.participation.models import Process
from kreiskurs.strategy.models import Measure, StatusReport, StrategyVersion
from kreiskurs.territory.models import District

#: at most this many rows per kind of entry, and this many entries in the feed
PER_SOURCE = 30
ENTRIES = 50


@dataclass(frozen=True)
class Entry:
    """One feed entry: ``uid`` stays the same for the same event (the Atom ``id``), ``path`` is its page."""

    uid: str
    title: str
    path: str
    updated: dt.datetime
    summary: str
    category: str


def _at_noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def _adoptions(district: District) -> list[Entry]:
    public = StrategyVersion.objects.visible_to(AnonymousUser()).filter(district=district, adopted_at__isnull=False)
    home = reverse("portal:district", args=[district.slug])
    return [
        Entry(
            uid=f"version-{v.pk}-adopted",
            title=_("Version %(n)s der Strategie beschlossen") % {"n": v.number},
            path=f"{home}?version={v.number}",
            updated=v.adopted_at,
            summary=v.change_summary,
            category=_("Beschluss"),
        )
        for v in public.order_by("-adopted_at", "-pk")[:PER_SOURCE]
        if v.adopted_at is not None
    ]


def _status_reports(district: District) -> list[Entry]:
    public_versions = StrategyVersion.objects.visible_to(AnonymousUser()).filter(district=district)
    public_measures = Measure.objects.filter(district=district, version__in=public_versions)
    reports = list(
        StatusReport.objects.filter(district=district, measure_lineage__in=public_measures.values("lineage")).order_by(
            "-date", "-id"
        )[:PER_SOURCE]
    )
    names: dict[object, str] = {}
    newest = public_measures.filter(lineage__in={r.measure_lineage for r in reports}).order_by("version__number")
    for lineage, code, title in newest.values_list("lineage", "code", "title"):
        names[lineage] = f"{code} {title}".strip()  # the newest public version's name wins
    return [
        Entry(
            uid=f"status-report-{r.pk}",
            title=_("Statusbericht: %(m)s (%(p)s, %(n)s %%)")
            % {"m": names.get(r.measure_lineage, ""), "p": r.get_phase_display(), "n": r.progress},
            path=reverse("portal:measure", args=[district.slug, r.measure_lineage]),
            # the report's day; the moment it was entered when that was the same day (an order within the day)
            updated=r.created_at if timezone.localdate(r.created_at) == r.date else _at_noon(r.date),
            summary=r.text,
            category=_("Umsetzung"),
        )
        for r in reports
    ]


def _processes(district: District, now: dt.datetime) -> list[Entry]:
    """A published process is new until its first phase starts, then started (one entry, its id stays)."""
    published = Process.objects.published().filter(district=district).annotate(begins=Min("phases__start"))
    entries = []
    for p in published.order_by("-created_at", "-pk")[:PER_SOURCE]:
        begins: dt.datetime | None = getattr(p, "begins", None)  # the annotation above
        started = begins is not None and begins <= now
        entries.append(
            Entry(
                uid=f"process-{p.pk}",
                title=(_("Beteiligung gestartet: %(t)s") if started else _("Neues Beteiligungsverfahren: %(t)s"))
                % {"t": p.title},
                path=reverse("participation:process", args=[district.slug, p.pk]),
                updated=begins if started and begins is not None else p.created_at,
                summary=p.summary,
                category=_("Beteiligung"),
            )
        )
    return entries


def _evaluation_reports(district: District) -> list[Entry]:
    published = EvaluationRound.objects.filter(
        district=district, state=EvaluationRound.State.PUBLISHED, published_at__isnull=False
    )
    return [
        Entry(
            uid=f"evaluation-{r.pk}",
            title=_("Evaluationsbericht veröffentlicht: %(t)s") % {"t": r.title},
            path=reverse("evaluation:report", args=[district.slug, r.pk]),
            updated=r.published_at,
            summary=r.findings,
            category=_("Evaluation"),
        )
        for r in published.order_by("-published_at", "-pk")[:PER_SOURCE]
        if r.published_at is not None
    ]


def feed_entries(district: District, *, now: dt.datetime | None = None) -> list[Entry]:
    """The newest ``ENTRIES`` public changes of the district, newest first (six queries)."""
    now = now or timezone.now()
    entries = [
        *_adoptions(district),
        *_status_reports(district),
        *_processes(district, now),
        *_evaluation_reports(district),
    ]
    entries.sort(key=lambda e: (e.updated, e.uid), reverse=True)
    return entries[:ENTRIES]
