"""What the public opinion-map page shows, read from the stored map in a fixed number of queries.

Three queries whatever the number of participants: the stored drawing and tables
(``result`` and ``positions`` stay unread), the visible statements among those
the tables name (a statement moderated out after the computation disappears
from the tables at once), and — only for someone who takes part — their own
point, read out of ``positions`` by the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models.fields.json import KeyTransform

from ..models import OpinionMap, Participant, Process, Statement
from ..opinion.result import MIN_VOTES

#: colours of the groups' outlines and dots: each at least 4.5:1 against white (WCAG 1.4.11 asks 3:1)
COLOURS = ["#0b5cad", "#a8430a", "#2e7031", "#7b1fa2", "#6f5600"]
#: the hatching of each group's area, so colour is not the only difference (see the SVG's <pattern>s)
PATTERNS = ["diagonal", "back-diagonal", "horizontal", "vertical", "cross"]


@dataclass
class ShareRow:
    text: str
    direction: str
    cells: list[tuple[int | None, int | None]]  # per compared part: agree and disagree share in per cent


@dataclass
class GroupView:
    id: int
    letter: str
    size: int
    colour: str
    pattern: str
    outline: str
    label: list[float]
    rows: list[ShareRow] = field(default_factory=list)


@dataclass
class OpinionPage:
    stored: OpinionMap | None
    groups: list[GroupView]
    consensus: list[ShareRow]
    dots: list[tuple[float, float, str]]  # x, y, colour
    own: list[float] | None
    placed: int
    grouped: int
    min_votes: int = MIN_VOTES

    @property
    def shown(self) -> bool:
        return len(self.groups) >= 2


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def _cells(counts: list[int] | None) -> tuple[int | None, int | None]:
    agree, disagree, votes = counts or [0, 0, 0]
    return _percent(agree, votes), _percent(disagree, votes)


def opinion_page(process: Process, participant: Participant | None) -> OpinionPage:
    stored = (
        OpinionMap.objects.filter(process=process)
        .only("chart", "shares", "computed_at", "vote_count", "votes_changed_at", "process_id")
        .first()
    )
    chart: dict[str, Any] = stored.chart if stored else {}
    shares: dict[str, dict[str, list[int]]] = stored.shares if stored else {}
    named = {s["statement"] for g in chart.get("groups", []) for s in g["representative"]}
    named |= {s["statement"] for s in chart.get("consensus", [])}
    visible = set(
        Statement.objects.filter(process=process, pk__in=named).visible().values_list("pk", flat=True) if named else ()
    )
    groups = []
    colour_of: dict[int, str] = {}
    for index, group in enumerate(chart.get("groups", [])):
        colour_of[group["id"]] = COLOURS[index % len(COLOURS)]
        key = str(group["id"])
        rows = [
            ShareRow(
                text=s["text"],
                direction=s["direction"],
                cells=[_cells(shares.get(str(s["statement"]), {}).get(k)) for k in (key, f"rest:{key}")],
            )
            for s in group["representative"]
            if s["statement"] in visible
        ]
        groups.append(
            GroupView(
                id=group["id"],
                letter=group["letter"],
                size=group["size"],
                colour=colour_of[group["id"]],
                pattern=PATTERNS[index % len(PATTERNS)],
                outline=group["outline"],
                label=group["label"],
                rows=rows,
            )
        )
    consensus = [
        ShareRow(
            text=s["text"],
            direction=s["direction"],
            cells=[_cells(shares.get(str(s["statement"]), {}).get(str(g.id))) for g in groups],
        )
        for s in chart.get("consensus", [])
        if s["statement"] in visible
    ]
    own = None
    if stored is not None and participant is not None and participant.district_id == process.district_id:
        own = (
            OpinionMap.objects.filter(pk=stored.pk)
            .values_list(KeyTransform(f"p{participant.pk}", "positions"), flat=True)
            .first()
        )
    dots = [(x, y, colour_of.get(g, "#595959") if g is not None else "#595959") for x, y, g in chart.get("dots", [])]
    return OpinionPage(
        stored=stored,
        groups=groups,
        consensus=consensus,
        dots=dots,
        own=own if isinstance(own, list) else None,
        placed=chart.get("placed", 0),
        grouped=chart.get("grouped", 0),
    )
