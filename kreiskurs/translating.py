"""The ``i18n`` template library with a direct ``{% translate "literal" %}`` (issue 12).

Django's tag turns a literal message into a lazy proxy on every render, converts it through
``localize`` and escaping and reads the active translation through ``asgiref`` locals twice:
about 26 µs per tag, and a page has 35 (the frame) to 130 (a goal page) of them. For the plain
form — a quoted literal with no filter, no ``context``, no ``noop`` — the result is exactly
``gettext`` of the literal (Django marks literals safe, ``gettext`` keeps a safe message safe, so
escaping never changes it), called once per language and node (a process loads its catalogs once
and never again, so the node keeps what it found): ~1 µs a tag. Every other form renders through
Django's node unchanged.

Settings map the library name ``i18n`` to this module (``TEMPLATES[…]["OPTIONS"]["libraries"]``),
so every ``{% load i18n %}`` gets it; the other tags and filters are Django's own objects.
"""

from __future__ import annotations

from django import template
from django.template.base import Parser, Token
from django.template.context import Context
from django.templatetags import i18n as django_i18n
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import get_language, gettext

register = template.Library()
register.tags.update(django_i18n.register.tags)
register.filters.update(django_i18n.register.filters)


class LiteralTranslateNode(django_i18n.TranslateNode):
    """Django's ``TranslateNode``; a plain literal message is translated directly."""

    def __init__(self, node: django_i18n.TranslateNode) -> None:
        super().__init__(node.filter_expression, node.noop, node.asvar, node.message_context)
        expression = self.filter_expression
        literal = getattr(expression.var, "literal", None)
        plain = (
            not self.noop
            and self.message_context is None
            and not expression.filters
            and isinstance(literal, SafeData)
            and isinstance(literal, str)
        )
        # the message id as Django's Variable.resolve forms it: percent signs doubled, still safe
        self.msgid: SafeString | None = mark_safe(literal.replace("%", "%%")) if plain else None  # type: ignore[union-attr]
        self.translated: dict[str | None, SafeString] = {}  # per active language

    def render(self, context: Context) -> str:
        if self.msgid is None:
            return super().render(context)
        language = get_language()
        value = self.translated.get(language)
        if value is None:  # once per language and node: a process's catalogs never change
            value = self.translated[language] = mark_safe(gettext(self.msgid).replace("%%", "%"))
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value


@register.tag("translate")
@register.tag("trans")
def do_translate(parser: Parser, token: Token) -> LiteralTranslateNode:
    """``{% translate … %}`` exactly as Django's (same parser), a plain literal translated directly."""
    return LiteralTranslateNode(django_i18n.do_translate(parser, token))
