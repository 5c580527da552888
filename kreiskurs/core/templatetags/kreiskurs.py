"""Small template helpers shared by every app: field labels and values as people read them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.db import models
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kreiskurs.core.markup import render_markdown
from kreiskurs.fragments import fill, joined

register = template.Library()


@register.simple_tag
def field_label(model: type[models.Model], name: str) -> str:
    return str(getattr(model._meta.get_field(name), "verbose_name", name))


@register.simple_tag
def field_value(obj: models.Model, name: str) -> Any:
    """A field's value as people read it: choice labels, yes/no, related names."""
    field = obj._meta.get_field(name)
    value = getattr(obj, name)
    if getattr(field, "choices", None) and not field.is_relation:
        return getattr(obj, f"get_{name}_display")()
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if value is None or value == "":
        return "–"
    return value


OPTION = '<option value="{value}"{selected}>{label}</option>'
SELECTED = mark_safe(" selected")


@register.simple_tag
def options(choices: Iterable[tuple[Any, Any]], selected: Any) -> SafeString:
    """The ``<option>`` elements of a ``<select>``: ``choices`` as (value, label), the one whose value
    equals ``selected`` (compared as text) selected. Built here, not by a template loop (~25 µs an
    option: a list's filter of 50 goals took 1.2 ms; issue 12), filled as ``kreiskurs.fragments`` fills
    rows (decision 0038)."""
    chosen = str(selected)
    return joined(
        fill(OPTION, value=value, selected=SELECTED if str(value) == chosen else "", label=label)
        for value, label in choices
    )


@register.simple_tag
def progress(value: Any, label: str) -> SafeString | str:
    """The progress bar of a strategy, field, goal or measure (``None``: nothing reported yet, no bar),
    named for screen readers by ``label``. A tag, not an included template: a page shows up to ten."""
    if value is None:
        return ""
    shown = floatformat(value, "-1")
    return format_html(
        '<div class="kk-progress">\n  <span class="kern-body kern-body--small">{}</span>\n'
        '  <progress max="100" value="{}" aria-label="{}">{} %</progress>\n</div>',
        _("Fortschritt %(v)s %%") % {"v": shown},
        str(value),
        _("Fortschritt %(what)s: %(v)s %%") % {"what": label, "v": shown},
        shown,
    )


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``{{ progress.fields|get_item:field.pk }}``"""
    return mapping.get(key) if mapping else None


@register.filter
def markdown(text: str) -> SafeString:
    """``{{ section.text|markdown }}``: Markdown without HTML of its author's own (``core.markup``)."""
    return render_markdown(text or "")
