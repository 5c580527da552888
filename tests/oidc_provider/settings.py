"""A real OpenID provider for the tests: django-oidc-provider in its own Django process on loopback.

Started by ``tests/oidc_provider/process.py`` with its own SQLite file
(``OIDC_TEST_PROVIDER_DB``) and address (``OIDC_TEST_PROVIDER_URL``). Nothing
of Kreiskurs is loaded here.
"""

import os
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SITE_URL = os.environ.get("OIDC_TEST_PROVIDER_URL", "http://127.0.0.1:8800")
SECRET_KEY = "oidc-test-provider-only"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "oidc_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "tests.oidc_provider.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [HERE / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ.get("OIDC_TEST_PROVIDER_DB", "")}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
LOGIN_URL = "/login/"
# Kreiskurs and the provider both run on 127.0.0.1 (other ports): cookies do not keep ports apart,
# so the provider's session cookie needs a name of its own
SESSION_COOKIE_NAME = "provider_sessionid"
CSRF_COOKIE_NAME = "provider_csrftoken"
OIDC_USERINFO = "tests.oidc_provider.settings.userinfo"


def userinfo(claims: dict[str, Any], user: Any) -> dict[str, Any]:
    """What the provider says about someone: name and address, verified (as an identity provider of a district does)."""
    claims["name"] = user.get_full_name() or user.username
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    claims["preferred_username"] = user.username
    claims["email"] = user.email
    claims["email_verified"] = True
    return claims
