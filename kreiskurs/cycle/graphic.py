"""The cycle as a ring of stages for an inline SVG (positions only; the template draws it).

The graphic is decoration for sighted readers: the page carries the same
information as an ordered list (stage, state, dates), and the SVG's title and
description say where the district stands. The current stage differs by size,
outline and a "jetzt" label, not by colour alone.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import Stage

WIDTH, HEIGHT = 560, 340
CENTRE_X, CENTRE_Y = WIDTH / 2, HEIGHT / 2
RADIUS = 120
LABEL_GAP = 26


@dataclass
class Node:
    number: int
    stage: Stage
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str
    state: str  # "done", "current", "running" or "open"

    @property
    def state_label(self) -> str:
        labels = {"done": _("abgeschlossen"), "current": _("aktuelle Phase"), "running": _("läuft"), "open": _("offen")}
        return labels[self.state]


def stage_state(stage: Stage, current: Stage | None, today: dt.date) -> str:
    """``current``: the stage the district stands in (the last begun); ``done``: ended; ``running``: begun and
    not ended beside the current one (implementation runs on while the strategy is evaluated and updated);
    ``open``: not begun."""
    if current is not None and stage.kind == current.kind:
        return "current"
    if stage.actual_end is not None and stage.actual_end <= today:
        return "done"
    if stage.actual_start is not None and stage.actual_start <= today:
        return "running"
    return "open"


def ring(stages: list[Stage], current: Stage | None, today: dt.date) -> list[Node]:
    """The stages clockwise from the top, each with its state."""
    nodes = []
    for n, stage in enumerate(stages):
        angle = -math.pi / 2 + 2 * math.pi * n / len(stages)
        x, y = CENTRE_X + RADIUS * math.cos(angle), CENTRE_Y + RADIUS * math.sin(angle)
        lx = CENTRE_X + (RADIUS + LABEL_GAP) * math.cos(angle)
        ly = CENTRE_Y + (RADIUS + LABEL_GAP) * math.sin(angle)
        anchor = "middle" if abs(math.cos(angle)) < 0.3 else ("start" if math.cos(angle) > 0 else "end")
        nodes.append(
            Node(
                number=n + 1,
                stage=stage,
                x=round(x, 1),
                y=round(y, 1),
                label_x=round(lx, 1),
                label_y=round(ly + 4, 1),
                anchor=anchor,
                state=stage_state(stage, current, today),
            )
        )
    return nodes
