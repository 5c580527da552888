"""Loads the demo district through the same services staff use, so the
audit log and versions look exactly as they would in real use.

The loader lives by what it loads: ``load`` (the order, and strategy v1),
``accounts``, ``strategy``, ``monitoring``, ``evaluation``, ``participation``
and ``initiatives``; this package re-exports the public names.
"""

from .base import DISTRICT_KEY, GV100AD_EXCERPT
from .load import demo_loaded, load_demo

__all__ = ["DISTRICT_KEY", "GV100AD_EXCERPT", "demo_loaded", "load_demo"]
