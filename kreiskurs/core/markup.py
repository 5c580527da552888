"""Markdown to safe HTML (markdown-it-py; decision 0018): legal pages, the baseline of a strategy.

People edit the pages in a text box: paragraphs, headings, lists, tables,
emphasis and links. Raw HTML is never passed through (``html=False``: it is
escaped and shown as text), links to ``javascript:``, ``vbscript:``, ``file:``
and ``data:`` are refused by markdown-it's link check, and images are off (the
Content-Security-Policy would block foreign ones anyway). The page's title is
its one ``h1``, so headings of the text start at ``h2``. A line break in the
text is a line break on the page (editors are not expected to know Markdown's
rule that it is not; Leichte Sprache puts one sentence on each line).
"""

from __future__ import annotations

from functools import cache

from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

#: KERN classes for the elements the text produces
CLASSES = {
    "h2": "kern-heading-medium",
    "h3": "kern-heading-small",
    "h4": "kern-heading-small",
    "h5": "kern-heading-small",
    "h6": "kern-heading-small",
    "p": "kern-body",
    "ul": "kern-list kern-list--bullet",
    "ol": "kern-list kern-list--number",
    "a": "kern-link",
    "table": "kern-table",
}


def _kern_classes(state: StateCore) -> None:
    tokens = list(state.tokens)
    for token in state.tokens:
        tokens.extend(token.children or [])
    for token in tokens:
        if token.type in {"heading_open", "heading_close"}:
            token.tag = "h" + str(max(2, int(token.tag[1])))
        if token.nesting == 1 and token.tag in CLASSES:
            token.attrSet("class", CLASSES[token.tag])


@cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False, "breaks": True})
    parser.disable("image")
    parser.core.ruler.push("kern_classes", _kern_classes)
    return parser


def render_markdown(text: str) -> SafeString:
    """``text`` as HTML that carries no markup of its author's own."""
    return mark_safe(_parser().render(text))  # html=False: markdown-it escapes every tag
