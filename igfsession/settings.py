"""Settings for the IGF Dynamic Coalitions session site.

Everything that differs between a laptop and production comes from environment variables;
the README's configuration table lists them all.
"""

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool = False) -> bool:
    """Read a boolean strictly: anything but the known spellings is a configuration error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}."
    )


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}.") from exc


def env_json_object(name: str) -> dict:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a JSON object; got {raw!r}.") from exc
    if not isinstance(value, dict):
        raise ImproperlyConfigured(f"{name} must be a JSON object; got {raw!r}.")
    return value


DEBUG = env_bool("DEBUG", default=False)

# How many app servers serve the site behind the load balancer: only the deploy checks read it
# (igfsession/checks.py), to warn about what one server may keep to itself.
APP_SERVERS = env_int("APP_SERVERS", 1)
# System checks to silence, comma-separated (e.g. igfsession.W001 for a shared MEDIA_ROOT).
SILENCED_SYSTEM_CHECKS = env_list("SILENCED_SYSTEM_CHECKS")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "string (for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=1 for local development."
        )
    # Used only while DEBUG is on, never in production.
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production-0123456789"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Django's admin, for organisers as igfsession.permissions.is_organiser says.
    "igfsession.apps.OrganisersAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "axes",
    # The layers, bottom up (docs/architecture.md): the session and shared tools, coalitions,
    # feedback, and the agenda on top.
    "igfsession",
    "coalitions",
    "feedback",
    "igfsession.agenda",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the sessions (cookies holding NUL dropped) and the CSRF check, the first to read a
    # body: NUL in the address or a header answered 400, bodies over the cap 413.
    "igfsession.request_limits.RequestLimitsMiddleware",
    # The database unreachable: our 503 page, not a server error (igfsession/unavailable.py).
    "igfsession.unavailable.DatabaseUnavailableMiddleware",
    # The public agenda pages from the shared cache, before sessions, CSRF and the rest
    # (igfsession/page_cache.py): a miss goes on down the stack and its answer is stored.
    "igfsession.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The logged-in marker (the user menu reads no session without it); menu pages not cached.
    "coalitions.middleware.LoginMarkerMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "igfsession.urls"

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
                "igfsession.context_processors.current_session",
                "coalitions.context_processors.user_menu",
            ],
        },
    },
]

WSGI_APPLICATION = "igfsession.wsgi.application"

# No DATABASE_URL means the embedded SQLite file; production sets a PostgreSQL URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite cannot keep connections across threads usefully; close them per request.
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Shared by every app server: cached pages and results, and the rate-limit counters. When
    # Redis cannot be reached the site works from the database (igfsession/cache.py): short
    # timeouts, so that an outage costs a request milliseconds, not seconds.
    CACHES = {
        "default": {
            "BACKEND": "igfsession.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "igfdc",
            "RETRY_SECONDS": env_int("CACHE_RETRY_SECONDS", 5),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    # Without Redis the cache, and with it the rate-limit counters, live in the database
    # (igfsession/migrations/0005_cache_table.py makes the table), shared by every process.
    # Local memory only when chosen (CACHE_BACKEND=locmem): each process then counts alone,
    # which check --deploy warns about (igfsession.apps).
    CACHE_BACKEND = os.environ.get("CACHE_BACKEND", "database").strip().lower() or "database"
    if CACHE_BACKEND == "database":
        CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "igfdc_cache",
                "KEY_PREFIX": "igfdc",
                # Django culls a third of the table past MAX_ENTRIES (300 by default): counters
                # of strangers who make many keys must not push others' counters out.
                "OPTIONS": {"MAX_ENTRIES": 1_000_000},
            }
        }
    elif CACHE_BACKEND == "locmem":
        CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    else:
        raise ImproperlyConfigured(
            f"CACHE_BACKEND must be database or locmem (or set REDIS_URL); got {CACHE_BACKEND!r}."
        )

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Argon2 first: new and changed passwords are hashed with it; older hashes still verify.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# django-axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"

LANGUAGE_CODE = "en"
# Each language named in itself, untranslated: the switcher lists them so that a reader finds
# their own language whatever the page's language is.
LANGUAGES = [
    ("en", "English"),
    ("pt-br", "Português (Brasil)"),
    ("es", "Español"),
    ("fr", "Français"),
    ("ar", "العربية"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our date formats first (igfsession/formats/<lang>/formats.py), then Django's for the language.
FORMAT_MODULE_PATH = ["igfsession.formats"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files (the coalitions' output documents): a local folder (MEDIA_ROOT) by default.
# With more than one app server, every server must see the same files: a shared folder, or any
# Django storage backend, named by FILE_STORAGE_BACKEND with its options as a JSON object in
# FILE_STORAGE_OPTIONS (check --deploy warns about a local folder when APP_SERVERS > 1).
STORAGES = {
    "default": {
        "BACKEND": os.environ.get(
            "FILE_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": env_json_object("FILE_STORAGE_OPTIONS"),
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if env_bool("STATIC_NO_MANIFEST", default=DEBUG):
    # Development and tests serve static files straight from the apps, without collectstatic.
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Output documents that coalitions upload in their portal: the largest file accepted.
OUTPUT_UPLOAD_MAX_BYTES = env_int("OUTPUT_UPLOAD_MAX_MB", 20) * 1024 * 1024
# The largest request body any view reads (413 above it, before reading); the upload views take
# OUTPUT_UPLOAD_MAX_BYTES more (igfsession/request_limits.py). Form fields alone: the same cap.
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_KB", 1024) * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_MAX_BYTES
# How often the now page (/agenda/now/) asks now.json what is on, in seconds.
AGENDA_POLL_SECONDS = env_int("AGENDA_POLL_SECONDS", 15)
# The longest a public page is answered from the shared cache (igfsession/page_cache.py), in
# seconds; changes and the clock make it stale sooner.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# The site's address, for links in e-mails sent outside a request (coordinator invitations).
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "IGF Dynamic Coalitions <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security: production values by default, relaxed only while DEBUG is on.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env_bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The language switcher's cookie: never sent on another site's requests, only over HTTPS in
# production (like the session and CSRF cookies).
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = env_bool("LANGUAGE_COOKIE_SECURE", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp): our own files only; no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Bootstrap's CSS draws check marks and select arrows as data: SVG images.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
        # The service worker (/sw.js) and the web app manifest, ours only (issue 15).
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
    }
}

# Login brute force (django-axes): the portal's and the admin's logins share it. A user name is
# locked out from one address after AXES_FAILURE_LIMIT failures in a row, for the cool-off time.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 60))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# Keep only what the lock-out needs: failed attempts (dropped after the cool-off), no log of
# every successful log-in with its address.
AXES_DISABLE_ACCESS_LOG = True
# The client's address is the connection's (REMOTE_ADDR). Behind N reverse proxies that each
# append to X-Forwarded-For, set TRUSTED_PROXY_COUNT=N: it is then the Nth entry from the right.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "igfsession.client_address.client_address"
# Axes announces its configuration on every start; the settings above say it already.
AXES_VERBOSE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Rating sheets. A room of hundreds may share one public address: the per-address ceiling is
# generous; the tight limit is per respondent token (a random value in a signed cookie).
FEEDBACK_RESPONDENT_COOKIE_AGE = env_int("FEEDBACK_RESPONDENT_COOKIE_AGE", 60 * 60 * 24 * 400)
FEEDBACK_RATE_WINDOW_SECONDS = env_int("FEEDBACK_RATE_WINDOW_SECONDS", 600)
FEEDBACK_RATE_PER_RESPONDENT = env_int("FEEDBACK_RATE_PER_RESPONDENT", 30)
# 2,400 people were on site in 2015: each sending ten sheets and some corrections from the
# venue's one address within a window is about 30,000 submissions.
FEEDBACK_RATE_PER_ADDRESS = env_int("FEEDBACK_RATE_PER_ADDRESS", 30000)
# Join requests e-mail a coalition: at most this many per client address per hour.
JOIN_RATE_PER_ADDRESS = env_int("JOIN_RATE_PER_ADDRESS", 20)
# Password-reset mails: at most this many to one address, and from one client address, an hour
# (the page answers the same either way).
PASSWORD_RESET_RATE_PER_ADDRESS = env_int("PASSWORD_RESET_RATE_PER_ADDRESS", 3)
PASSWORD_RESET_RATE_PER_CLIENT = env_int("PASSWORD_RESET_RATE_PER_CLIENT", 10)
# A kiosk (one device for many participants): the thank-you page forgets the participant after
# each submission, so that the next person starts from a blank sheet.
FEEDBACK_KIOSK = env_bool("FEEDBACK_KIOSK", default=False)
# Contact details participants chose to leave are deleted this many days after their sheet
# closes, by the daily `manage.py cleanup`.
FEEDBACK_CONTACT_RETENTION_DAYS = env_int("FEEDBACK_CONTACT_RETENTION_DAYS", 180)
# Ballot stuffing made visible (feedback/integrity.py): each online response keeps a keyed hash
# of its client address (the key mixed with the session's, so it changes per session) and a coarse
# browser family, cleared FEEDBACK_CLIENT_DETAILS_RETENTION_DAYS after its sheet closes. The
# organisers' integrity page flags runs of FEEDBACK_BURST_SIZE identical answers from one hash
# and family within FEEDBACK_BURST_SECONDS, on sheets of FEEDBACK_BURST_MIN_ISSUES issues or more.
FEEDBACK_CLIENT_HASH_KEY = os.environ.get("FEEDBACK_CLIENT_HASH_KEY", "") or (
    "feedback.client-hash:" + SECRET_KEY
)
FEEDBACK_CLIENT_DETAILS_RETENTION_DAYS = env_int("FEEDBACK_CLIENT_DETAILS_RETENTION_DAYS", 30)
FEEDBACK_BURST_SIZE = env_int("FEEDBACK_BURST_SIZE", 20)
FEEDBACK_BURST_SECONDS = env_int("FEEDBACK_BURST_SECONDS", 60)
FEEDBACK_BURST_MIN_ISSUES = env_int("FEEDBACK_BURST_MIN_ISSUES", 4)

# Operations (igfsession/ops.py). The health checks answer over plain HTTP: a load balancer asks
# the app servers directly, behind the TLS it terminates.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# The load benchmark's write ceiling (POST /bench/write/, bench/load/): routed only when on.
# Never on in production.
BENCH_WRITE_VIEW = env_bool("BENCH_WRITE_VIEW", default=False)
