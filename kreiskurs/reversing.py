"""URL names reversed once per process: the ``{% url %}`` tag of every template (issue 12).

``django.urls.reverse`` walks the namespaces and matches the candidate patterns on every call:
about 90 µs each with this project's URL configuration, and a page reverses 20 (the frame's
navigation and footer) to 80 (a goal's measure table) names per request — up to 7 ms of CPU, as
much as the rest of a small page. The result depends only on what the key below holds (the
resolver of the active URL configuration, the script prefix, the language, the name, the
arguments with their types and the current app), so it is kept in a bounded LRU per process.

Only plain arguments (``str`` and its subclasses, ``int``, ``UUID``, by exact type) are kept; anything else, and a
name that does not reverse, goes to ``reverse`` as before. A changed URL configuration
(``override_settings(ROOT_URLCONF=…)`` clears Django's resolver cache) brings a new resolver
object, so old entries are never served for it.

The library is a template *builtin* (``TEMPLATES[…]["OPTIONS"]["builtins"]`` in settings): its
``url`` tag replaces Django's in every template without a ``{% load %}``; it parses the same
syntax with Django's own parser.
"""

from __future__ import annotations

import uuid
from functools import lru_cache
from typing import Any

from django import template
from django.template.base import Parser, Token
from django.template.context import Context
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.translation import get_language

register = template.Library()

#: argument types whose value alone decides the URL (exact types: True is not 1; str subclasses
#: such as a template literal's SafeString count as str)
PLAIN = frozenset({str, int, uuid.UUID})
#: entries per process: names × distinct arguments (a 5,000-measure district's links fit)
MAX_ENTRIES = 50_000


@lru_cache(maxsize=MAX_ENTRIES)
def _reversed(
    resolver: Any,
    prefix: str,
    language: str | None,
    view_name: str,
    args: tuple[Any, ...],
    types: tuple[type, ...],
    kwargs: tuple[tuple[str, Any], ...],
    current_app: str | None,
) -> str:
    return reverse(view_name, urlconf=resolver.urlconf_name, args=args, kwargs=dict(kwargs), current_app=current_app)


def _plain(value: Any) -> type | None:
    """The type that keys ``value``: a template literal (``SafeString``) counts as ``str``; ``None``
    for a value not to keep (a model instance, ``True``…)."""
    kind = type(value)
    if kind in PLAIN:
        return kind
    return str if isinstance(value, str) else None


def _environment() -> tuple[Any, str]:
    """The active URL resolver and script prefix (both set per request, before the view)."""
    return get_resolver(get_urlconf()), get_script_prefix()


def reverse_cached(
    view_name: Any,
    args: list[Any] | tuple[Any, ...] = (),
    kwargs: dict[str, Any] | None = None,
    current_app: Any = None,
    *,
    environment: tuple[Any, str] | None = None,
) -> str:
    """``reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)``, kept per process
    (``environment``: the resolver and script prefix when the caller has read them already)."""
    items = tuple(sorted(kwargs.items())) if kwargs else ()
    types = tuple(_plain(a) for a in args) + tuple(_plain(v) for _k, v in items)
    if isinstance(view_name, str) and (current_app is None or isinstance(current_app, str)) and None not in types:
        resolver, prefix = environment or _environment()
        return _reversed(resolver, prefix, get_language(), view_name, tuple(args), types, items, current_app)
    return reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)


class CachedURLNode(URLNode):
    """Django's ``URLNode`` with :func:`reverse_cached` (the rest of ``render`` as in Django 5.2)."""

    def render(self, context: Context) -> str:
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app  # type: ignore[attr-defined]
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace  # type: ignore[attr-defined]
            except AttributeError:
                current_app = None
        environment = getattr(context, "_kk_url_environment", None)
        if environment is None:  # once per rendered context (a page: one)
            environment = context._kk_url_environment = _environment()  # type: ignore[attr-defined]
        url = ""
        try:
            url = reverse_cached(view_name, args=args, kwargs=kwargs, current_app=current_app, environment=environment)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        if context.autoescape:
            url = conditional_escape(url)
        return url


@register.tag
def url(parser: Parser, token: Token) -> CachedURLNode:
    """``{% url 'name' arg … [as var] %}`` exactly as Django's, reversed through :func:`reverse_cached`."""
    node = django_url(parser, token)
    return CachedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
