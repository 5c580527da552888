"""WSGI entry for ``benchmarks/pages.py`` with the cache off: ``settings_nocache`` plus no per-process API copy.

gunicorn loads it as ``wsgi_nocache:application`` with ``--pythonpath benchmarks``.
"""

import os

os.environ["DJANGO_SETTINGS_MODULE"] = "settings_nocache"

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()

from kreiskurs.api import serializers  # noqa: E402

if hasattr(serializers, "_LOCAL_MAX_BYTES"):
    # the per-process copy of the API strategy document: with a limit of 0 bytes nothing is kept
    serializers._LOCAL_MAX_BYTES = 0
