"""Small template helpers shared by every app: field labels and values as people read them."""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kreiskurs.core.markup import render_markdown

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


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``{{ progress.fields|get_item:field.pk }}``"""
    return mapping.get(key) if mapping else None


@register.filter
def markdown(text: str) -> SafeString:
    """``{{ section.text|markdown }}``: Markdown without HTML of its author's own (``core.markup``)."""
    return render_markdown(text or "")
