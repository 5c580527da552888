"""Settings, driven by environment variables (see README "Configuration").

Nothing here is read at import time by application code: apps access
``django.conf.settings`` lazily.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from kreiskurs.caches import caches_from_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("KREISKURS_VAR_DIR", PROJECT_DIR / "var"))


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _flag("KREISKURS_DEBUG", False)
HTTPS = _flag("KREISKURS_HTTPS", True)

SECRET_KEY = os.environ.get("KREISKURS_SECRET_KEY", "")
if not SECRET_KEY:
    # A known key signs sessions anyone could forge: only development (debug on),
    # the test run (pytest never sets debug), the type checker (django-stubs
    # loads these settings) and the offline developer commands that neither
    # serve nor sign anything may fall back to it.
    offline = len(sys.argv) > 1 and sys.argv[1] in {"makemigrations", "makemessages", "compilemessages"}
    if not (DEBUG or offline or "pytest" in sys.modules or "mypy" in sys.modules):
        raise ImproperlyConfigured(
            "KREISKURS_SECRET_KEY ist nicht gesetzt: ohne geheimen Schlüssel startet Kreiskurs nur mit "
            "KREISKURS_DEBUG=1. / KREISKURS_SECRET_KEY is not set: without a secret key Kreiskurs only "
            "starts with KREISKURS_DEBUG=1 (development)."
        )
    SECRET_KEY = "django-insecure-kreiskurs-development-only"

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("KREISKURS_ALLOWED_HOSTS", "").split(",") if h.strip()]
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "ninja",
    "template_partials",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "kreiskurs.territory",
    "kreiskurs.accounts",
    "kreiskurs.audit",
    "kreiskurs.core",
    "kreiskurs.actors",
    "kreiskurs.strategy",
    "kreiskurs.monitoring",
    "kreiskurs.evaluation",
    "kreiskurs.participation",
    "kreiskurs.initiatives",
    "kreiskurs.maturity",
    "kreiskurs.geo",
    "kreiskurs.portal",
    "kreiskurs.following",
    "kreiskurs.cycle",
    "kreiskurs.legal",
    "kreiskurs.exchange",
    "kreiskurs.documents",
    "kreiskurs.feeds",
    "kreiskurs.api",
    "kreiskurs.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kreiskurs.portal.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kreiskurs.portal.middleware.LanguageMiddleware",
    "kreiskurs.portal.middleware.RefuseNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "kreiskurs.accounts.middleware.AuthenticationMiddleware",  # the user read with the session (accounts.sessions)
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): a second factor in this session
    "kreiskurs.accounts.twofactor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into the lockout page
]

ROOT_URLCONF = "kreiskurs.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # {% url %} reversed once per process (issue 12): kreiskurs/reversing.py
            "builtins": ["kreiskurs.reversing"],
            # {% translate "literal" %} translated directly (issue 12): kreiskurs/translating.py;
            # the frame's assets and footer kept per process (base.html): kreiskurs/frame.py
            "libraries": {"i18n": "kreiskurs.translating", "frame": "kreiskurs.frame"},
        },
    },
]

# the i18n library above is replaced on purpose (kreiskurs/translating.py, decision 0035); Django's
# check warns of any library name mapped twice, and check --deploy --fail-level WARNING must pass
SILENCED_SYSTEM_CHECKS = ["templates.W003"]

WSGI_APPLICATION = "kreiskurs.wsgi.application"

DEFAULT_SQLITE = VAR_DIR / "kreiskurs.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE}",
        conn_max_age=int(os.environ.get("KREISKURS_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    # WAL lets readers proceed while one writer commits; immediate transactions
    # avoid "database is locked" upgrades inside atomic blocks.
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend with a health check of a kept connection that needs no round trip (decision 0040)
    DATABASES["default"]["ENGINE"] = "kreiskurs.postgresql"
    # Parameters bound by the server and statements prepared once a connection has run them
    # PREPARE_THRESHOLD times: the server then parses and plans each statement once per
    # connection instead of on every request (decision 0039). 0 turns preparing off, e.g. behind a
    # pooler in transaction mode without prepared-statement support (PgBouncer before 1.21).
    _prepare = int(os.environ.get("KREISKURS_DB_PREPARE_THRESHOLD", "5"))
    if _prepare > 0:
        DATABASES["default"].setdefault("OPTIONS", {})
        DATABASES["default"]["OPTIONS"].update({"server_side_binding": True, "prepare_threshold": _prepare})

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses logins while locked out
    "rules.permissions.ObjectPermissionBackend",
    "kreiskurs.accounts.backends.AccountBackend",  # Django's ModelBackend, the user read by a prepared query
    "kreiskurs.accounts.oidc.ProviderBackend",  # answers only a provider's return with code and state
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "manage_home:home"
#: a password-reset link works once and for this many seconds (one day; kreiskurs/accounts/addresses.py)
PASSWORD_RESET_TIMEOUT = int(os.environ.get("KREISKURS_PASSWORD_RESET_SECONDS", str(24 * 3600)))
LOGOUT_REDIRECT_URL = "portal:index"

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = VAR_DIR / "media"

#: the page cache: bounded local memory per worker by default, or a shared Redis/Valkey
#: (KREISKURS_CACHE_URL=redis://host:6379/0); see kreiskurs/caches.py
CACHES = caches_from_url(os.environ.get("KREISKURS_CACHE_URL", ""))

# Django's database sessions, the session row read by a prepared query (kreiskurs/accounts/sessions.py)
SESSION_ENGINE = "kreiskurs.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

#: uploads (CSV/XLSX imports): files beyond KREISKURS_MAX_UPLOAD_BYTES are skipped while they arrive and
#: answered with a clear message (kreiskurs/uploads.py); small files stay in memory, larger ones go to a
#: temporary file; other request bodies keep Django's 2.5 MB limit
KREISKURS_MAX_UPLOAD_BYTES = int(os.environ.get("KREISKURS_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
FILE_UPLOAD_HANDLERS = [
    "kreiskurs.uploads.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("KREISKURS_LOG_LEVEL", "WARNING")},
}

#: background work (imports, documents, mail): django-tasks with its database backend, so the
#: embedded default needs no broker; run `kreiskurs db_worker` beside the web server
TASKS = {"default": {"BACKEND": os.environ.get("KREISKURS_TASK_BACKEND", "django_tasks_db.DatabaseBackend")}}
#: the text analysis of ideas also compares meanings with the installed sentence-embedding model (suggested
#: field and goal; paraphrases and themes in its background runs); KREISKURS_TEXT_EMBEDDINGS=0: TF-IDF only.
#: See docs/text-analysis.md, "In the platform"
TEXT_ANALYSIS_EMBEDDINGS = os.environ.get("KREISKURS_TEXT_EMBEDDINGS", "1") != "0"

NINJA_PAGINATION_PER_PAGE = 100
AUTH_USER_MODEL = "accounts.User"
FORM_RENDERER = "kreiskurs.forms.KernFormRenderer"

EMAIL_BACKEND = os.environ.get(
    "KREISKURS_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("KREISKURS_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("KREISKURS_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("KREISKURS_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("KREISKURS_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _flag("KREISKURS_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("KREISKURS_FROM_EMAIL", "kreiskurs@localhost")
#: where reports of barriers go when a district has set no address of its own (kreiskurs/legal)
KREISKURS_CONTACT_EMAIL = os.environ.get("KREISKURS_CONTACT_EMAIL", "")
#: open data (DCAT-AP.de catalogue /<slug>/dcat.ttl): the licence, a URI of the dcat-ap.de licence vocabulary
#: (default: Datenlizenz Deutschland – Namensnennung 2.0), and the GovData contributor ID, where one is assigned
KREISKURS_OPEN_DATA_LICENSE = os.environ.get(
    "KREISKURS_OPEN_DATA_LICENSE", "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
)
KREISKURS_DCAT_CONTRIBUTOR_ID = os.environ.get("KREISKURS_DCAT_CONTRIBUTOR_ID", "")
#: bot protection: forms submitted faster than this after they were shown are refused
KREISKURS_FORM_MIN_SECONDS = int(os.environ.get("KREISKURS_FORM_MIN_SECONDS", "3"))
#: boundary import: most positions (corner points) one GeoJSON file may hold (kreiskurs/geo/services.py)
KREISKURS_GEOJSON_MAX_POSITIONS = int(os.environ.get("KREISKURS_GEOJSON_MAX_POSITIONS", "1000000"))
#: reverse proxies (addresses or CIDR ranges) whose X-Forwarded-For names the client (kreiskurs/net.py)
KREISKURS_TRUSTED_PROXIES = [p.strip() for p in os.environ.get("KREISKURS_TRUSTED_PROXIES", "").split(",") if p.strip()]
#: login throttling (django-axes, see docs/decisions/0011-login-throttling.md): failures are counted in the
#: database per account and, separately, per client address; past the limit within the cool-off, even the
#: right password is refused until the cool-off has passed since the last failure
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("KREISKURS_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("KREISKURS_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "kreiskurs.net.client_ip"
AXES_LOCKOUT_CALLABLE = "kreiskurs.accounts.lockout.locked_out"
AXES_HTTP_RESPONSE_CODE = 429
# a success does not wipe the failures: with per-address counting, an attacker's own account would reset them
AXES_RESET_ON_SUCCESS = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # every failure, and whether it was locked out (admin: "Axes")
AXES_DISABLE_ACCESS_LOG = True  # successful logins are not recorded (data minimisation)
AXES_VERBOSE = False
#: the public address of this installation, for links in e-mails
KREISKURS_BASE_URL = os.environ.get("KREISKURS_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

#: staff sign-on through OpenID Connect (kreiskurs/accounts/oidc.py, docs/decisions/0022-oidc-and-totp.md):
#: without an issuer the login page shows no provider button; endpoints come from the issuer's discovery
#: document, fetched at the first sign-on (not at import time)
KREISKURS_OIDC_ISSUER = os.environ.get("KREISKURS_OIDC_ISSUER", "").rstrip("/")
KREISKURS_OIDC_NAME = os.environ.get("KREISKURS_OIDC_NAME", "")  # the button: "Anmelden mit <name>"
OIDC_RP_CLIENT_ID = os.environ.get("KREISKURS_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("KREISKURS_OIDC_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("KREISKURS_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_return"
#: single sign-out: signing out of Kreiskurs after a sign-on through the provider ends the session there too
#: (its end_session_endpoint from discovery, or this address); register <host>/ as post-logout redirect URI
KREISKURS_OIDC_SINGLE_SIGN_OUT = _flag("KREISKURS_OIDC_SINGLE_SIGN_OUT", True)
KREISKURS_OIDC_END_SESSION_ENDPOINT = os.environ.get("KREISKURS_OIDC_END_SESSION_ENDPOINT", "")
#: two-factor authentication (TOTP, django-otp): with KREISKURS_REQUIRE_2FA=1 everyone with a district role
#: (or a platform admin) must set up an authenticator app before the back office opens (kreiskurs/accounts/twofactor.py)
KREISKURS_REQUIRE_2FA = _flag("KREISKURS_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = "Kreiskurs"
