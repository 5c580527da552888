"""gettext for the plain-Python modules (parsers, algorithms) that do not import Django.

Modules such as :mod:`kreiskurs.numbers`, :mod:`kreiskurs.tabular` or :mod:`kreiskurs.geo.geojson` run
without Django (scripts, benchmarks, their own unit tests). Their messages reach users through the importers,
so they are marked and translated like every other text: inside Kreiskurs this is Django's ``gettext`` in the
active language; without configured settings (or before the app registry is ready) the German message is
returned unchanged. ``makemessages`` finds the calls because they are spelled ``_("…")``.
"""

from __future__ import annotations

__all__ = ["gettext"]


def gettext(message: str) -> str:
    """Translate ``message`` in the active language when Django is set up, otherwise return it unchanged."""
    try:
        from django.conf import settings
    except ImportError:  # pragma: no cover - Django is a dependency, but these modules do not need it
        return message
    if not settings.configured:
        return message
    from django.core.exceptions import AppRegistryNotReady
    from django.utils.translation import gettext as django_gettext

    try:
        return django_gettext(message)
    except AppRegistryNotReady:
        return message
