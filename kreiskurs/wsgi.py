"""WSGI entry point (gunicorn kreiskurs.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kreiskurs.settings")
application = get_wsgi_application()
