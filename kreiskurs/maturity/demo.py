"""Demo content of the maturity self-assessment for Kreis Coesfeld (called by the demo loader).

Two rounds on the default model: 2024 (closed; model version 1) and 2025 (open; version 2, in which one
question's explanation was reworded — old answers stay with version 1). Every municipality submitted in
both rounds, except Dülmen, whose 2025 self-assessment is a draft of its municipal contact. The answers
are invented but plausible: larger towns a little further, health and mobility weak nearly everywhere
(the gaps of both rounds), administration and IT security catching up from 2024 to 2025. Deterministic.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Any

from django.db import transaction

from kreiskurs.accounts.models import User
from kreiskurs.collation import natural
from kreiskurs.territory.models import District, Municipality

from . import selectors, services
from .models import MaturityModel

ROUNDS = (
    ("Selbsteinschätzung 2024", dt.date(2024, 3, 1), dt.date(2024, 5, 31)),
    ("Selbsteinschätzung 2025", dt.date(2025, 3, 1), dt.date(2025, 5, 31)),
)
#: typical level of a municipality in the district, per dimension
BASE = {
    "verwaltung": 2.1,
    "infrastruktur": 2.4,
    "bildung": 2.3,
    "gesundheit": 1.1,
    "mobilitaet": 1.6,
    "wirtschaft": 2.3,
    "beteiligung": 2.3,
    "daten": 1.4,
}
#: progress from 2024 to 2025
PROGRESS = {"verwaltung": 0.5, "daten": 0.4, "infrastruktur": 0.3}
DRAFT_AGS = "05558016"  # Dülmen: draft in the current round (its contact is the demo account "gemeinde")
DRAFT_DIMENSIONS = ("verwaltung", "infrastruktur")
REWORDED = (
    "I1",
    "Gigabitfähig heißt: Glasfaser bis ins Gebäude oder gleichwertig. Einschätzung nach Gigabit-Grundbuch, "
    "Breitbandatlas oder Auskunft des Netzbetreibers; Außenbereiche und Höfe zählen mit.",
)


def _user(username: str) -> Any:
    return User.objects.filter(username=username).first()


def _level(base: float, rng: random.Random) -> int:
    return max(0, min(4, round(base + rng.gauss(0, 0.55))))


def _answers(
    municipality: Municipality, dimensions: list[Any], round_index: int, only: tuple[str, ...] | None = None
) -> dict[int, int | None]:
    character = random.Random(int(municipality.ags))
    offsets = {code: character.gauss(0, 0.5) for code in BASE}
    size = (math.log10(max(municipality.population, 100)) - 4.2) * 1.2
    noise = random.Random(int(municipality.ags) * 10 + round_index)
    levels: dict[int, int | None] = {}
    for d in dimensions:
        if only is not None and d.code not in only:
            continue
        base = BASE.get(d.code, 2.0) + size + offsets.get(d.code, 0.0)
        if round_index:
            base += PROGRESS.get(d.code, 0.15)
        for q in d.questions.all():
            levels[q.pk] = _level(base, noise)
    return levels


@transaction.atomic
def load_demo_maturity(district: District) -> MaturityModel:
    """Install the default model for the district and fill two rounds of self-assessments (see module doc)."""
    team = _user("cdo")
    contact = _user("gemeinde")
    model = services.install_default_model(by=team, district=district)
    municipalities = list(Municipality.objects.filter(district=district).order_by(natural("name")))
    latest = model
    for index, (title, opened_on, due_on) in enumerate(ROUNDS):
        if index:
            latest = services.start_model_version(by=team, model=latest)
            code, help_text = REWORDED
            question = latest.dimensions.get(code="infrastruktur").questions.get(code=code)
            services.save_question(
                by=team,
                dimension=question.dimension,
                question=question,
                values={"help_text": help_text},
                expected_revision=None,
            )
        round_ = services.open_round(by=team, model=latest, title=title, opened_on=opened_on, due_on=due_on)
        dimensions = selectors.model_structure(latest)
        last = index == len(ROUNDS) - 1
        for municipality in municipalities:
            draft = last and municipality.ags == DRAFT_AGS
            by = contact if municipality.ags == DRAFT_AGS and contact is not None else team
            services.save_assessment(
                by=by,
                round=round_,
                municipality=municipality,
                levels=_answers(municipality, dimensions, index, DRAFT_DIMENSIONS if draft else None),
                comment="" if draft else "Beispielangaben (erfunden).",
                submit=not draft,
            )
        # the district administration assesses itself too (shown beside the municipalities' medians)
        services.save_assessment(
            by=team,
            round=round_,
            municipality=None,
            levels=_own_answers(dimensions, index),
            comment="Selbsteinschätzung der Kreisverwaltung (Beispielangaben, erfunden).",
            submit=True,
        )
        if not last:
            services.close_round(by=team, round=round_)
    return model


def _own_answers(dimensions: list[Any], round_index: int) -> dict[int, int | None]:
    """The Kreisverwaltung: a little ahead of a mid-sized town, a little further each round."""
    noise = random.Random(5558 + round_index)
    return {
        q.pk: _level(BASE.get(d.code, 2.0) + 0.4 + round_index * PROGRESS.get(d.code, 0.15), noise)
        for d in dimensions
        for q in d.questions.all()
    }
