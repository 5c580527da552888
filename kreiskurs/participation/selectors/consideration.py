"""The consideration (Abwägung) of a process: every contribution with the team's response.

Which contributions are weighed: every idea and comment of the process that moderation shows
(``Visibility.VISIBLE``). Pending ones are not public yet; hidden ones are moderated out, their text is
never shown here, only how many there are. A fixed number of queries per table, whatever its size.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from kreiskurs.strategy.models import StrategyVersion

from ..models import Comment, Consideration, Idea, Process
from . import paragraphs_of

#: paragraph key prefix → the portal page of such an element (values and the vision: the comparison)
ELEMENT_PAGES = {"measure": "portal:measure", "goal": "portal:goal", "field": "portal:field"}


@dataclass
class Row:
    """One line of the consideration table."""

    kind: str  # "comment" / "idea"
    pk: int
    number: str  # "K12" / "I3": how the table and the downloads name the contribution
    where: str  # the paragraph's heading, or the idea's title
    text: str
    author: str
    created_at: dt.datetime
    consideration: Consideration | None
    change_label: str = ""
    change_url: str = ""

    @property
    def decision(self) -> str:
        return self.consideration.get_decision_display() if self.consideration else ""

    @property
    def reason(self) -> str:
        return self.consideration.reason if self.consideration else ""


def weighed_comments(process: Process) -> QuerySet[Comment]:
    return Comment.objects.filter(process=process).visible()


def weighed_ideas(process: Process) -> QuerySet[Idea]:
    return Idea.objects.filter(process=process).visible()


def awaiting_response(processes: QuerySet[Process]) -> int:
    """How many visible contributions of these processes have no response yet (two queries)."""
    comments = Comment.objects.filter(process__in=processes, consideration=None).visible()
    ideas = Idea.objects.filter(process__in=processes, consideration=None).visible()
    return comments.count() + ideas.count()


def hidden_count(process: Process) -> int:
    return (
        Comment.objects.filter(process=process).hidden().count() + Idea.objects.filter(process=process).hidden().count()
    )


def change_target(process: Process) -> StrategyVersion | None:
    """The version a change is looked for in: the district's open version if there is one (the text being
    revised after the consultation), else the process's own version."""
    from kreiskurs.strategy.selectors import open_version

    return open_version(process.district) or process.version


def change_choices(version: StrategyVersion | None) -> list[tuple[str, str]]:
    """(paragraph key, heading) of every paragraph of ``version``, for the change a response links to."""
    if version is None:
        return []
    return [(p.key, p.heading) for p in paragraphs_of(version)]


def _change_link(row: Consideration, headings: dict[tuple[int, str], str]) -> tuple[str, str]:
    if not row.change_key or row.change_version is None:
        return "", ""
    version = row.change_version
    kind, _sep, lineage = row.change_key.partition(":")
    label = headings.get((version.pk, row.change_key), _("eine Stelle der überarbeiteten Fassung"))
    slug = row.district.slug
    if kind in ELEMENT_PAGES and version.is_public:
        return label, f"{reverse(ELEMENT_PAGES[kind], args=[slug, lineage])}?version={version.number}"
    if version.is_public and version.based_on_id:
        base = version.based_on.number if version.based_on else ""
        anchor = "d-vision" if kind == "vision" else "d-values"
        return label, f"{reverse('portal:compare', args=[slug])}?von={base}&bis={version.number}#{anchor}"
    return label, ""


def consideration_table(process: Process, *, only_open: bool = False, staff: bool = False) -> list[Row]:
    """The process's weighed contributions, oldest first, each with its response (if any).

    Paragraph headings come from the versions involved only where they are public (or for ``staff``, the
    back office): a version taken back into draft names its paragraphs generically, so the public table
    never shows the working text."""
    comments = list(
        weighed_comments(process)
        .select_related("author", "idea", "consideration__change_version__based_on", "consideration__district")
        .order_by("created_at", "id")
    )
    ideas = list(
        weighed_ideas(process)
        .select_related("author", "consideration__change_version__based_on", "consideration__district")
        .order_by("created_at", "id")
    )
    headings: dict[tuple[int, str], str] = {}
    versions = {process.version} if process.version else set()
    for contribution in [*comments, *ideas]:
        response = _response(contribution)
        if response is not None and response.change_version is not None:
            versions.add(response.change_version)
    for version in versions:  # the process's version and the one the changes are in: one or two
        if staff or version.is_public:
            headings.update({(version.pk, key): heading for key, heading in change_choices(version)})
    unnamed = _("Abschnitt der Strategie")
    rows: list[Row] = []
    for c in comments:
        where = c.idea.title if c.idea else headings.get((process.version_id or 0, c.paragraph), unnamed)
        rows.append(_row("comment", f"K{c.pk}", c, where, headings))
    for i in ideas:
        rows.append(_row("idea", f"I{i.pk}", i, i.title, headings))
    rows.sort(key=lambda r: (r.created_at, r.number))
    if only_open:
        rows = [r for r in rows if r.consideration is None]
    return rows


def _response(contribution: Any) -> Consideration | None:
    try:
        return contribution.consideration  # type: ignore[no-any-return]
    except Consideration.DoesNotExist:
        return None


def _row(kind: str, number: str, contribution: Any, where: str, headings: dict[tuple[int, str], str]) -> Row:
    response = _response(contribution)
    label, url = _change_link(response, headings) if response else ("", "")
    return Row(
        kind=kind,
        pk=contribution.pk,
        number=number,
        where=str(where),
        text=contribution.text,
        author=contribution.author_label,
        created_at=contribution.created_at,
        consideration=response,
        change_label=label,
        change_url=url,
    )


def table_header() -> list[str]:
    return [
        _("Nr."),
        _("Art"),
        _("Stelle"),
        _("Beitrag"),
        _("Verfasst von"),
        _("Datum"),
        _("Entscheidung"),
        _("Begründung"),
        _("Geänderte Stelle"),
    ]


def table_cells(rows: list[Row]) -> list[list[str]]:
    """The table as text cells, for the CSV and XLSX downloads."""
    kinds = {"comment": _("Kommentar"), "idea": _("Idee")}
    return [
        [
            r.number,
            kinds[r.kind],
            r.where,
            r.text,
            r.author,
            r.created_at.strftime("%d.%m.%Y"),
            r.decision or _("Abwägung steht aus"),
            r.reason,
            r.change_label,
        ]
        for r in rows
    ]
