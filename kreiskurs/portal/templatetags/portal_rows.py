"""Rows the portal's pages repeat, filled in Python (``kreiskurs/fragments.py``, decision 0038; issue 12).

- the rows of a list of measures: table rows for wide screens, cards for phones. The template
  ``portal/_measure_table.html`` keeps the table around them. Each measure is a page row of
  ``selectors.measure_page`` with its current phase and progress attached, ``field_titles`` joined
  and ``href`` set by the view;
- the district home's cards of the fields of action;
- a municipality's measures with its role.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import template
from django.template.defaultfilters import truncatewords
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kreiskurs.choices import label
from kreiskurs.core.templatetags.kreiskurs import progress as progress_bar
from kreiskurs.fragments import fill, joined
from kreiskurs.reversing import reverse_cached
from kreiskurs.strategy.models import VersionState
from kreiskurs.strategy.models.measures import Phase

register = template.Library()

ROW = """
    <tr class="kern-table__row">
      <td class="kern-table__cell">{code}</td>
      <td class="kern-table__cell"><a class="kern-link" href="{href}">{title}</a></td>
      <td class="kern-table__cell">{fields}</td>
      <td class="kern-table__cell">{priority}</td>
      <td class="kern-table__cell">{phase}</td>
      <td class="kern-table__cell kern-table__cell--numeric">{progress}</td>
    </tr>"""
NO_ROW = '\n    <tr class="kern-table__row"><td class="kern-table__cell" colspan="6">{none}</td></tr>'

CARD = """
  <li class="kk-card">
    <p class="kern-body kern-body--bold kk-card__title"><a class="kern-link" href="{href}">{code} {title}</a></p>
    <dl class="kk-card__facts kern-body kern-body--small">
      <div><dt>{l_phase}</dt><dd class="kk-card__phase">{phase}</dd></div>
      <div><dt>{l_progress}</dt><dd class="kk-card__progress">{progress}</dd></div>
      <div><dt>{l_priority}</dt><dd>{priority}</dd></div>{field}
    </dl>
  </li>"""
CARD_PROGRESS = '<progress max="100" value="{n}" aria-hidden="true"></progress> {n} %'
CARD_FIELD = "\n      <div><dt>{l_field}</dt><dd>{fields}</dd></div>"
NO_CARD = '\n  <li class="kk-card kern-body">{none}</li>'


def _shown(m: Any) -> dict[str, Any]:
    """What a table row and a card both show of a measure."""
    return {
        "code": m.code,
        "href": m.href,
        "title": m.title,
        "priority": m.priority_label,
        "phase": m.current_phase_label,
    }


@register.simple_tag
def measure_rows(measures: Sequence[Any]) -> SafeString:
    """The table's ``<tr>``s (one saying "no measures" when there are none)."""
    if not measures:
        return fill(NO_ROW, none=_("Keine Maßnahmen."))
    return joined(
        fill(
            ROW,
            **_shown(m),
            fields=m.field_titles,
            progress="–" if m.current_progress is None else f"{m.current_progress} %",
        )
        for m in measures
    )


@register.simple_tag
def measure_cards(measures: Sequence[Any]) -> SafeString:
    """The cards' ``<li>``s (one saying "no measures" when there are none)."""
    if not measures:
        return fill(NO_CARD, none=_("Keine Maßnahmen."))
    labels = {"l_phase": _("Phase"), "l_progress": _("Fortschritt"), "l_priority": _("Priorität")}
    field_label, no_report = _("Handlungsfeld"), _("noch kein Bericht")
    return joined(
        fill(
            CARD,
            **labels,
            **_shown(m),
            progress=no_report if m.current_progress is None else fill(CARD_PROGRESS, n=m.current_progress),
            field=fill(CARD_FIELD, l_field=field_label, fields=m.field_titles) if m.field_titles else "",
        )
        for m in measures
    )


FIELD_CARD = """
    <article class="kern-card">
      <div class="kern-card__container">
        <header class="kern-card__header"><h3 class="kern-heading-small"><a class="kern-link kern-link--stretched" \
href="{href}">{code} {title}</a></h3></header>
        <div class="kern-card__body"><p class="kern-body">{description}</p>
        {progress}
        <p class="kern-body kern-body--small kk-meta">{goals}, {measures}</p></div>
      </div>
    </article>"""


@register.simple_tag
def field_cards(fields: Sequence[Any], progress: dict[int, Any], slug: str, version_query: str) -> SafeString:
    """The district home's fields of action (``selectors.outline``) with their progress
    (``progress.fields``, by field id), linked to the version shown."""
    return joined(
        fill(
            FIELD_CARD,
            href=reverse_cached("portal:field", (slug, f.lineage)) + version_query,
            code=f.code,
            title=f.title,
            description=truncatewords(f.description, 30),
            progress=progress_bar((progress or {}).get(f.pk), f.title),
            goals=ngettext("%(n)s Ziel", "%(n)s Ziele", f.goal_count) % {"n": f.goal_count},
            measures=ngettext("%(n)s Maßnahme", "%(n)s Maßnahmen", f.measure_count) % {"n": f.measure_count},
        )
        for f in fields
    )


MUNICIPALITY_MEASURE = '<li><a class="kern-link" href="{href}">{code} {title}</a> – {role}{pending}</li>'
NO_MUNICIPALITY_MEASURE = "<li>{none}</li>"


@register.simple_tag
def municipality_measures(rows: Sequence[Any], slug: str) -> SafeString:
    """The ``<li>``s of a page of ``selectors.municipality_measure_page``: (measure, participation) pairs."""
    if not rows:
        return fill(NO_MUNICIPALITY_MEASURE, none=_("Die Gemeinde ist noch an keiner Maßnahme beteiligt."))
    pending = " ({})".format(_("Beitritt angefragt"))
    return joined(
        fill(
            MUNICIPALITY_MEASURE,
            href=reverse_cached("portal:measure", (slug, measure.lineage)),
            code=measure.code,
            title=measure.title,
            role=p.role_label,
            pending=pending if p.pending else "",
        )
        for measure, p in rows
    )


HISTORY = '<li><a class="kern-link" href="{href}?version={number}">{version}</a>: {code} {title} – {phase}</li>'


@register.simple_tag
def history_items(revisions: Sequence[Any], slug: str, lineage: Any) -> SafeString:
    """A measure profile's history (``selectors.measure_history``): each version's code, title and
    planned phase, linked to the measure in that version."""
    href = reverse_cached("portal:measure", (slug, lineage))
    return joined(
        fill(
            HISTORY,
            href=href,
            number=r.number,
            version=_("Version %(n)s (%(state)s)") % {"n": r.number, "state": label(VersionState, r.state)},
            code=r.code,
            title=r.title,
            phase=label(Phase, r.phase),
        )
        for r in revisions
    )
