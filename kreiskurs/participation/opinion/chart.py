"""The opinion map as a picture: participants scaled into a fixed drawing area, each group as an area.

Plain Python (no Django). :func:`layout` runs once when a map is stored, so a
page only draws what is stored: the groups' outlines (the convex hull of their
members, widened by a margin so a group of two is an area too), where each
group's label goes, and at most ``MAX_DOTS`` participant dots (an even sample
when there are more). ``positions`` maps every placed participant to their
point in the drawing, so a page can mark one person without reading everyone.
"""

from __future__ import annotations

import math
from typing import Any

WIDTH, HEIGHT, PAD = 640, 420, 36
#: dots drawn at most; beyond that an even sample of participants (the areas use everyone)
MAX_DOTS = 1500
#: the margin around each group's members, in drawing units
MARGIN = 12.0
LETTERS = "ABCDEFGHIJ"


def group_letter(group_id: int) -> str:
    return LETTERS[group_id] if 0 <= group_id < len(LETTERS) else str(group_id + 1)


def _cross(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def convex_hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The convex hull, counter-clockwise (Andrew's monotone chain); fewer than three points come back as they are."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts
    lower: list[tuple[float, float]] = []
    for p in pts:
        while len(lower) >= 2 and _cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[tuple[float, float]] = []
    for p in reversed(pts):
        while len(upper) >= 2 and _cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _widened(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Each point replaced by an octagon of radius ``MARGIN`` (the hull of those is the widened area)."""
    ring = [(MARGIN * math.cos(k * math.pi / 4), MARGIN * math.sin(k * math.pi / 4)) for k in range(8)]
    hull = convex_hull(points)
    return [(round(x + dx, 1), round(y + dy, 1)) for x, y in hull for dx, dy in ring]


def layout(result: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[float]]]:
    """What the page draws, and every placed participant's point, from the command's JSON."""
    people = result.get("participants", [])
    xs = [p["x"] for p in people] or [0.0]
    ys = [p["y"] for p in people] or [0.0]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    span = max(x1 - x0, y1 - y0, 1e-9)
    scale = min((WIDTH - 2 * PAD) / span, (HEIGHT - 2 * PAD) / span)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2

    def point(p: dict[str, Any]) -> tuple[float, float]:
        # y grows upwards in the map and downwards in SVG
        return (round(WIDTH / 2 + (p["x"] - cx) * scale, 1), round(HEIGHT / 2 - (p["y"] - cy) * scale, 1))

    positions = {str(p["id"]): list(point(p)) for p in people}
    members: dict[int, list[tuple[float, float]]] = {}
    for p in people:
        if p["group"] is not None:
            members.setdefault(p["group"], []).append(point(p))
    groups = []
    for group in result.get("groups", []):
        outline = convex_hull(_widened(members.get(group["id"], [])))
        clamp = [(min(max(x, 2.0), WIDTH - 2.0), min(max(y, 2.0), HEIGHT - 2.0)) for x, y in outline]
        top = min(clamp, key=lambda q: q[1]) if clamp else (WIDTH / 2, HEIGHT / 2)
        label_y = top[1] - 6 if top[1] > 24 else max(q[1] for q in clamp) + 16
        groups.append(
            {
                **group,
                "letter": group_letter(group["id"]),
                "outline": " ".join(f"{x},{y}" for x, y in clamp),
                "label": [min(max(top[0], 70.0), WIDTH - 70.0), round(min(label_y, HEIGHT - 4), 1)],
            }
        )
    step = max(1, math.ceil(len(people) / MAX_DOTS))
    dots = [[*point(p), p["group"]] for p in people[::step]]
    chart = {
        "width": WIDTH,
        "height": HEIGHT,
        "groups": groups,
        "consensus": result.get("consensus", []),
        "dots": dots,
        "placed": len(people),
        "grouped": sum(1 for p in people if p["group"] is not None),
    }
    return chart, positions
