"""Representativeness of who took part: feeds ``participation/representativeness.py`` (decision 0029).

Three queries, whatever the number of people and processes: the people who
took part grouped by their declarations (counted by the database), the
district's municipalities with their population, and the age-band
population indicators' measurements.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kreiskurs.monitoring.models import Measurement
from kreiskurs.territory.models import District, Municipality

from ..models import (
    AgeBand,
    Comment,
    Idea,
    MeasureRating,
    Participant,
    Process,
    Statement,
    StatementVote,
    Support,
    SurveyResponse,
    Visibility,
)
from ..representativeness import Table, compare, table_from_dict

#: the indicator code that carries each age band's population (decision 0029; Regionalstatistik 12411-03-03-4)
AGE_BAND_INDICATORS = {
    AgeBand.UNDER_18.value: "BEV-U18",
    AgeBand.FROM_18.value: "BEV-18-29",
    AgeBand.FROM_30.value: "BEV-30-44",
    AgeBand.FROM_45.value: "BEV-45-64",
    AgeBand.FROM_65.value: "BEV-65",
}


@dataclass(frozen=True)
class Representativeness:
    """The two comparisons of one set of people (a process, the running processes, a period)."""

    municipalities: Table
    age_bands: Table

    @property
    def people(self) -> int:
        return self.municipalities.declared + self.municipalities.undeclared

    def as_dict(self) -> dict[str, Any]:
        return {"municipalities": self.municipalities.as_dict(), "age_bands": self.age_bands.as_dict()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Representativeness:
        return cls(table_from_dict(data["municipalities"]), table_from_dict(data["age_bands"]))


def _took_part(
    processes: QuerySet[Process], since: dt.datetime | None, until: dt.datetime | None, *, from_contributions: bool
) -> Any:
    """People with a contribution moderation did not hide, a vote, support, rating or survey response there.

    Two forms of the same set (issue 12): ``EXISTS`` per participant of the district stops at a
    person's first contribution there, fast when most of them took part (one big process: 76 ms
    for 10,000 participants and 500,000 votes) but a full pass over every vote of every person
    when few did (the running processes: 1.7 s there); ``from_contributions`` reads the
    contributions of the processes instead (``pk IN`` each kind's authors: 26 ms for the running
    processes, 261 ms for the big one).
    """

    def window(name: str) -> dict[str, dt.datetime]:
        bounds = {}
        if since is not None:
            bounds[f"{name}__gte"] = since
        if until is not None:
            bounds[f"{name}__lt"] = until
        return bounds

    shown = ~Q(visibility=Visibility.HIDDEN)
    if from_contributions:
        return (
            Q(pk__in=Idea.objects.filter(shown, process__in=processes, **window("created_at")).values("author_id"))
            | Q(pk__in=Comment.objects.filter(shown, process__in=processes, **window("created_at")).values("author_id"))
            | Q(
                pk__in=Statement.objects.filter(shown, process__in=processes, **window("created_at")).values(
                    "author_id"
                )
            )
            | Q(
                pk__in=StatementVote.objects.filter(statement__process__in=processes, **window("voted_at")).values(
                    "participant_id"
                )
            )
            | Q(
                pk__in=SurveyResponse.objects.filter(survey__process__in=processes, **window("submitted_at")).values(
                    "participant_id"
                )
            )
            | Q(
                pk__in=Support.objects.filter(idea__process__in=processes, **window("idea__created_at")).values(
                    "participant_id"
                )
            )
            | Q(
                pk__in=MeasureRating.objects.filter(process__in=processes, **window("updated_at")).values(
                    "participant_id"
                )
            )
        )
    person = OuterRef("pk")
    return (
        Exists(Idea.objects.filter(shown, author=person, process__in=processes, **window("created_at")))
        | Exists(Comment.objects.filter(shown, author=person, process__in=processes, **window("created_at")))
        | Exists(Statement.objects.filter(shown, author=person, process__in=processes, **window("created_at")))
        | Exists(
            StatementVote.objects.filter(participant=person, statement__process__in=processes, **window("voted_at"))
        )
        | Exists(
            SurveyResponse.objects.filter(participant=person, survey__process__in=processes, **window("submitted_at"))
        )
        | Exists(Support.objects.filter(participant=person, idea__process__in=processes, **window("idea__created_at")))
        | Exists(MeasureRating.objects.filter(participant=person, process__in=processes, **window("updated_at")))
    )


def _age_population(district: District) -> tuple[dict[str, float] | None, str]:
    """The latest period all five age-band indicators have a district-wide value for, and its source."""
    codes = {code: band for band, code in AGE_BAND_INDICATORS.items()}
    rows = Measurement.objects.filter(
        district=district, indicator__code__in=codes, municipality__isnull=True
    ).values_list("indicator__code", "period", "value", "source", "indicator__source")
    by_period: dict[str, dict[str, tuple[float, str]]] = {}
    for code, period, value, source, indicator_source in rows:
        by_period.setdefault(period, {})[codes[code]] = (float(value), source or indicator_source)
    complete = sorted(p for p, values in by_period.items() if len(values) == len(codes))
    if not complete:
        return None, ""
    period = complete[-1]
    values = by_period[period]
    sources = sorted({s for _v, s in values.values() if s})
    label = ", ".join(sources) or _("Indikatoren des Kreises")
    return {band: v for band, (v, _s) in values.items()}, f"{label} ({period})"


def representativeness(
    district: District,
    processes: QuerySet[Process],
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    from_contributions: bool = False,
) -> Representativeness:
    """Who took part in ``processes`` (in the period from ``since`` to ``until``, both days included),
    by declared municipality and age band, against the district's population."""
    start = timezone.make_aware(dt.datetime.combine(since, dt.time.min)) if since else None
    end = timezone.make_aware(dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min)) if until else None
    grouped = (
        Participant.objects.filter(
            _took_part(processes, start, end, from_contributions=from_contributions), district=district
        )
        .order_by()
        .values_list("municipality", "age_band")
        .annotate(n=Count("id"))
    )
    by_municipality: dict[str, int] = {}
    by_age: dict[str, int] = {}
    no_municipality = no_age = 0
    for municipality_id, age_band, n in grouped:
        if municipality_id is None:
            no_municipality += n
        else:
            by_municipality[str(municipality_id)] = by_municipality.get(str(municipality_id), 0) + n
        if age_band:
            by_age[age_band] = by_age.get(age_band, 0) + n
        else:
            no_age += n
    towns = list(
        Municipality.objects.filter(district=district).order_by("name").values_list("pk", "name", "population")
    )
    municipalities = compare(
        by_municipality,
        {str(pk): name for pk, name, _p in towns},
        expected_weights={str(pk): population for pk, _n, population in towns},
        undeclared=no_municipality,
        source=_("Einwohnerzahlen der Gemeinden (GV100AD)"),
    )
    population, source = _age_population(district)
    age_bands = compare(
        by_age,
        {value: str(label) for value, label in AgeBand.choices},
        expected_weights=population,
        undeclared=no_age,
        source=source,
    )
    return Representativeness(municipalities, age_bands)


def of_process(process: Process) -> Representativeness:
    """The people who took part in one process (its public page)."""
    return representativeness(process.district, Process.objects.filter(pk=process.pk))


def of_running(district: District) -> Representativeness:
    """The people who took part in any of the district's processes running now (the staff dashboard)."""
    running = Process.objects.filter(district=district).in_phase(timezone.now())
    return representativeness(
        district, running, from_contributions=True
    )  # few of the district's people: see _took_part


def in_period(district: District, start: dt.date, end: dt.date) -> Representativeness:
    """The people who took part in the period in published processes with a phase in it (the evaluation report),
    the same processes ``figures.participation_figures`` counts."""
    processes = (
        Process.objects.published()
        .filter(district=district, phases__start__date__lte=end, phases__end__date__gte=start)
        .distinct()
    )
    return representativeness(district, processes, since=start, until=end)
