"""The one settings module. Everything that differs between a laptop and a server comes from the environment.

- ``LINDUNG_DATA_DIR`` (default ``./data``): SQLite database, uploads, generated files, the secret key.
- ``DATABASE_URL``: ``postgresql://user:pass@host:port/name`` switches to PostgreSQL.
- ``DATABASE_REPLICA_URL``: a PostgreSQL streaming replica that serves monev's reads (docs/operations.md).
- ``LINDUNG_SECRET_KEY``: otherwise a key is generated once into the data folder.
- ``LINDUNG_DEBUG``, ``LINDUNG_ALLOWED_HOSTS`` (comma separated), ``LINDUNG_HTTPS`` (secure cookies, HSTS, HTTP redirected to HTTPS).
- ``LINDUNG_IDLE_MINUTES`` (default 30): a session idle this long is signed out.
- ``LINDUNG_MAX_UPLOAD_MB`` (default 50): the largest spreadsheet an import accepts.
- ``LINDUNG_CACHE_ENTRIES`` (default 3000): cached monev entries kept in ``<data>/cache`` before a third is culled.
- ``LINDUNG_JOB_STALE_MINUTES`` (default 30): a running job owned on another host and silent this long is failed.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import unquote, urlsplit

from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("LINDUNG_DATA_DIR", "data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _env_flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    if key := os.environ.get("LINDUNG_SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        # Created with 0600 so that the key never becomes readable by other users of the server.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def _database(url: str | None) -> dict:
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "lindung.sqlite3",
            "OPTIONS": {
                # WAL lets the web server read while an import writes; IMMEDIATE avoids the
                # "database is locked" upgrade deadlock between two writers.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
                "transaction_mode": "IMMEDIATE",
            },
            "TEST": {"NAME": os.environ.get("LINDUNG_TEST_SQLITE_NAME") or None},
        }
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ValueError(f"DATABASE_URL: only postgresql:// is supported, not {parts.scheme}://")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": 60,
        # No JIT: compiling a plan cost more than it saved on Lindung's reads (1.2 s of a 3.2 s payments read
        # in the billing bench), as on most transactional servers.
        "OPTIONS": {"options": "-c jit=off"},
    }


SECRET_KEY = _secret_key()
DEBUG = _env_flag("LINDUNG_DEBUG")
ALLOWED_HOSTS = [h for h in os.environ.get("LINDUNG_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
HTTPS = _env_flag("LINDUNG_HTTPS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",  # django-csp: its system checks catch settings in the pre-4.0 format
    "django_tasks",
    "django_tasks_db",
    "ninja",  # serves the API docs page (Swagger UI) from its bundled static files, not a CDN
    "lindung.core",
    "lindung.regions",
    "lindung.accounts",
    "lindung.people",
    "lindung.programmes",
    "lindung.contributions",
    "lindung.registry",
    "lindung.enrolment",
    "lindung.billing",
    "lindung.claims",
    "lindung.dedup",
    "lindung.sponsorship",
    "lindung.transfer",
    "lindung.funding",
    "lindung.monev",
    "lindung.meetings",
    "lindung.portal",
    "lindung.ops",
    "lindung.api",
    "lindung.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lindung.accounts.language.ChosenLanguageMiddleware",  # not Accept-Language: docs/language.md
    "django.contrib.messages.middleware.MessageMiddleware",
    "lindung.core.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "lindung.core.middleware.PermissionsPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
    "lindung.ops.middleware.ReplicaReadsMiddleware",  # only with DATABASE_REPLICA_URL
]

ROOT_URLCONF = "lindung.urls"
WSGI_APPLICATION = "lindung.wsgi.application"

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
        },
    },
]

DATABASES = {"default": _database(os.environ.get("DATABASE_URL"))}
# A PostgreSQL streaming replica for monev's reads (lindung.ops.routers, docs/operations.md). In tests it
# mirrors the test database (same name, the replica's own server); the connect timeout keeps a dead
# replica from stalling a page before the router falls back to the primary.
if _replica_url := os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = _database(_replica_url) | {"TEST": {"MIRROR": "default"}}
    DATABASES["replica"]["OPTIONS"] |= {"connect_timeout": 2}
DATABASE_ROUTERS = ["lindung.ops.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Region names, the app's name, the year: lindung/accounts/passwords.py.
    {"NAME": "lindung.accounts.passwords.LocalWordsValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AXES_FAILURE_LIMIT = int(os.environ.get("LINDUNG_LOGIN_FAILURE_LIMIT", "5"))
# The (username, address) pair is locked, not each alone: see lindung/accounts/lockout.py. The lock grows
# (1, 5, 15, 60 minutes) as the pair keeps failing, counted from the failure log. Each attempt carries its
# own expiry, so clearing one pair's short lock never clears another pair's long one.
AXES_COOLOFF_TIME = "lindung.accounts.lockout.cool_off"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_USE_ATTEMPT_EXPIRATION = True
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "lindung.accounts.views.locked_out"  # Indonesian page, status 429

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns at start-up until collectstatic has run
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

MAX_UPLOAD_BYTES = int(os.environ.get("LINDUNG_MAX_UPLOAD_MB", "50")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Cached monev figures and pages live in files in the data folder: every gunicorn worker and the background
# worker share them and they outlive a restart, where memory would make each worker compute each region again.
# Entries are aggregates only (counts and money per region), never personal data.
CACHES = {
    "default": {
        "BACKEND": "lindung.core.cache.SharedFileCache",
        "LOCATION": DATA_DIR / "cache",
        "TIMEOUT": 600,
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("LINDUNG_CACHE_ENTRIES", "3000"))},
    },
    # Each process's memory: the small tables every monev page of a month reads (the month's programmes,
    # quota totals, UCJ targets, rule values, build states), kept per build of the month (monev.selectors.builds).
    # Not shared: a few hundred small entries that a process reads on every page, cheaper than a file.
    "memo": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "lindung-monev-memo",
        "TIMEOUT": 600,
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
}

# Work left "running" by a killed process is failed by ``lindung jobs recover`` (lindung.core.jobs).
JOB_STALE_MINUTES = int(os.environ.get("LINDUNG_JOB_STALE_MINUTES", "30"))

TASKS = {
    "default": {
        "BACKEND": os.environ.get("LINDUNG_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Daily jobs the background worker starts itself (``lindung.core.schedule``), so no cron file is needed:
# (name, dotted path of a django-tasks task, "HH:MM" local time). A day's run happens once, whichever worker
# inserts its ``ScheduledRun`` row first; a worker started after the time still runs the day's job.
LINDUNG_DAILY_JOBS = [
    ("billing_daily", "lindung.billing.tasks.billing_daily_task", "01:00"),
    ("programme_close", "lindung.enrolment.tasks.close_ended_programmes_task", "00:30"),
    ("claims_daily", "lindung.claims.tasks.claims_daily_task", "01:30"),
    ("sponsorship_close", "lindung.sponsorship.tasks.sponsorships_close_task", "00:45"),
]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60  # a working day, however busy
# Signed out after this long without a request (lindung.core.middleware.IdleTimeoutMiddleware): a screen left
# open in a shared village office should not stay signed in for the rest of the day.
LINDUNG_IDLE_MINUTES = int(os.environ.get("LINDUNG_IDLE_MINUTES", "30"))
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Everything the pages need is vendored into static/, so nothing is allowed from elsewhere. htmx reads hx-*
# attributes, not inline scripts, which keeps 'unsafe-inline' out of script-src. The admin and the API docs
# (Swagger UI) use inline scripts and styles, so they go without.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/api/docs"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
if HTTPS:
    # Behind the reverse proxy, which terminates TLS and says so in X-Forwarded-Proto (it must overwrite any
    # such header the client sent). Plain HTTP is redirected; SecurityMiddleware sends HSTS on HTTPS only.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    # includeSubDomains and preload reach past this app: Lindung may run on a pemda's own host
    # (kapuaskab.go.id) whose subdomains are other offices' sites, some still on plain HTTP, and preloading
    # is asked of browser makers for the whole registrable domain. Both are the domain owner's decision,
    # made at the proxy, so they stay off here and their checks (W005, W021) are silenced.
    SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_pii": {"()": "lokal.samaran.logging.SamaranFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_pii"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LINDUNG_LOG_LEVEL", "WARNING")},
}
