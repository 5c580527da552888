"""The cycle as a ring of stages, drawn as an inline SVG (as the charts are: markup built here, issue 12).

The graphic is decoration for sighted readers: the page carries the same
information as an ordered list (stage, state, dates; ``cycle/_cycle.html``), and
the SVG's title and description say where the district stands. The current stage
differs by size, outline and a "jetzt" label, a running one by its outline and
"läuft", not by colour alone. Coordinates are written as SVG numbers ("280.0"),
never localised.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import cached_property

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kreiskurs.fragments import fill, joined

from .models import Stage
from .selectors import NextDate

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
        return _(STATE_LABELS[self.state])

    @property
    def kind_label(self) -> str:
        return self.stage.kind_label

    @cached_property
    def dates(self) -> str:
        """E.g. "begonnen 01.03.2025, geplant bis 30.06.2025"; empty before any date is planned."""
        stage = self.stage
        if stage.actual_start:
            parts = [_("begonnen %(start)s") % {"start": _date(stage.actual_start)}]
        elif stage.planned_start:
            parts = [_("geplant ab %(start)s") % {"start": _date(stage.planned_start)}]
        else:
            return ""
        if stage.actual_end:
            parts.append(_("beendet %(end)s") % {"end": _date(stage.actual_end)})
        elif stage.planned_end:
            parts.append(_("geplant bis %(end)s") % {"end": _date(stage.planned_end)})
        return ", ".join(parts)


#: the text of each state (translated where shown)
STATE_LABELS = {
    "done": gettext_noop("abgeschlossen"),
    "current": gettext_noop("aktuelle Phase"),
    "running": gettext_noop("läuft"),
    "open": gettext_noop("offen"),
}


def _date(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")  # the same in German and English (the page's "d.m.Y")


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


#: per state: the node's circles and number (``{x}``, ``{y}``, ``{number}`` filled in)
_NODE = {
    "current": '<circle cx="{x}" cy="{y}" r="24" fill="#ffffff" stroke="#0b3d91" stroke-width="5"/>'
    '<circle cx="{x}" cy="{y}" r="17" fill="#0b3d91"/>'
    '<text x="{x}" y="{y}" dy="5" text-anchor="middle" font-size="15" font-weight="700" fill="#ffffff">{number}</text>',
    "done": '<circle cx="{x}" cy="{y}" r="15" fill="#1f2937" stroke="#1f2937" stroke-width="2"/>'
    '<text x="{x}" y="{y}" dy="5" text-anchor="middle" font-size="14" fill="#ffffff">\u2713</text>',
    "running": '<circle cx="{x}" cy="{y}" r="17" fill="#ffffff" stroke="#0b3d91" stroke-width="5"/>'
    '<text x="{x}" y="{y}" dy="5" text-anchor="middle" font-size="14" font-weight="700" fill="#0b3d91">{number}</text>',
    "open": '<circle cx="{x}" cy="{y}" r="15" fill="#ffffff" stroke="#1f2937" stroke-width="2"/>'
    '<text x="{x}" y="{y}" dy="5" text-anchor="middle" font-size="13" fill="#1f2937">{number}</text>',
}


def ring_svg(nodes: list[Node], current: Stage | None) -> SafeString:
    """The ring as an inline SVG with its title and description (``nodes`` from :func:`ring`)."""
    if current is not None:
        where = _("Der Kreis steht in Phase %(number)s von 9: %(stage)s.") % {
            "number": current.position,
            "stage": current.kind_label,
        }
    else:
        where = _("Noch keine Phase hat begonnen.")
    title = _("Der Strategiezyklus in neun Phasen")
    list_below = _("Die Liste unter der Grafik nennt alle Phasen mit ihren Daten.")
    parts = [
        f'<svg class="kk-cycle__ring" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-labelledby="cycle-title cycle-desc" focusable="false">',
        f'<title id="cycle-title">{escape(title)}</title>',
        f'<desc id="cycle-desc">{escape(where)} {escape(list_below)}</desc>',
        f'<circle cx="{CENTRE_X:.1f}" cy="{CENTRE_Y:.1f}" r="{RADIUS}" fill="none" stroke="#6b7280" stroke-width="2" '
        'stroke-dasharray="6 6"/>',
    ]
    marks = {"current": " ({})".format(_("jetzt")), "running": " ({})".format(_("läuft"))}
    for n in nodes:
        emphasis = ' font-weight="700" text-decoration="underline"' if n.state == "current" else ""
        label = escape(f"{n.kind_label}{marks.get(n.state, '')}")
        parts.append(
            f'<g class="kk-cycle__node kk-cycle__node--{n.state}">'
            + _NODE[n.state].format(x=f"{n.x:.1f}", y=f"{n.y:.1f}", number=n.number)
            + f'<text x="{n.label_x:.1f}" y="{n.label_y:.1f}" text-anchor="{n.anchor}" font-size="14"{emphasis} '
            f'fill="#1f2937">{label}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # built from numbers and escaped texts only


ITEM = '<li{current}><span class="kern-body{bold}">{name}</span> – <span class="kern-body">{state}</span>{dates}</li>'
CURRENT = SafeString(' aria-current="step" class="kk-cycle__current"')
BOLD = SafeString(" kern-body--bold")
DATES = '<span class="kern-body kern-body--small kk-meta"> ({dates})</span>'


def ring_items(nodes: list[Node]) -> SafeString:
    """The ring's text equivalent: one ``<li>`` per stage with its state and dates (filled in Python,
    decision 0038)."""
    return joined(
        fill(
            ITEM,
            current=CURRENT if n.state == "current" else "",
            bold=BOLD if n.state == "current" else "",
            name=n.kind_label,
            state=n.state_label,
            dates=fill(DATES, dates=n.dates) if n.dates else "",
        )
        for n in nodes
    )


NEXT_DATE = '<li><time datetime="{iso}">{day}</time>: {what}</li>'


def next_date_items(dates: list[NextDate]) -> SafeString:
    """The next dates of the plan, one ``<li>`` each."""
    return joined(
        fill(
            NEXT_DATE,
            iso=d.date.isoformat(),
            day=_date(d.date),
            what=(_("Beginn der Phase „%(stage)s“") if d.is_start else _("Ende der Phase „%(stage)s“"))
            % {"stage": d.stage.kind_label},
        )
        for d in dates
    )
