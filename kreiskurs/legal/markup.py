"""Markdown of legal pages: the shared renderer lives in ``kreiskurs.core.markup``."""

from kreiskurs.core.markup import render_markdown

__all__ = ["render_markdown"]
