"""The project's settings with every cache switched off, for ``benchmarks/pages.py``.

Used as ``DJANGO_SETTINGS_MODULE=settings_nocache`` with ``benchmarks/`` on the
Python path (gunicorn ``--pythonpath benchmarks``). The cache backend cannot be
switched off through the environment, so this module overrides ``CACHES`` and
nothing else. The API's per-process copy of the strategy document
(``kreiskurs.api.serializers._LOCAL``) is not a Django cache; ``wsgi_nocache.py``
switches it off.
"""

from kreiskurs.settings import *  # noqa: F403  (a settings override: everything else stays as configured)

CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
