"""Django settings: one file, configured from the environment, failing loudly on bad values.

YJ_DATA_DIR       where the SQLite database and the generated secret key live (default ./var)
DATABASE_URL      e.g. postgres://user@127.0.0.1:5432/yjinspect (default: SQLite in YJ_DATA_DIR)
YJ_SECRET_KEY     the secret key: required unless YJ_DEBUG is true (scripts/run keeps one for the
                  demonstration in YJ_DATA_DIR/secret_key)
YJ_DEBUG          true/false (default false)
YJ_HTTPS          true behind HTTPS: HSTS, secure cookies, redirect to https (default false)
YJ_PROXY_SSL_HEADER  e.g. X-Forwarded-Proto, when a proxy ends TLS (default: none)
YJ_IDLE_MINUTES   a session ends after this long without a request (default 30)
YJ_SESSION_HOURS  and in any case this long after signing in (default 12)
YJ_MAX_UPLOAD_MB  the largest file a form accepts (default 20)
YJ_ALLOWED_HOSTS  comma-separated host names (default 127.0.0.1,localhost)
YJ_TASKS_EAGER    true runs background jobs inline (tests, the demonstration data)
YJ_JOB_LEASE_SECONDS  a running job not heard from for this long is abandoned (default 60)
YJ_JOB_STEP_DELAY seconds to pause between a long job's steps (default 0; for demonstrations)
YJ_SITE_URL       the address people use, for links in emails (default http://127.0.0.1:8000)
YJ_EMAIL_BACKEND  Django email backend (default: the console; set SMTP with EMAIL_HOST etc.)
"""

from __future__ import annotations

import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

# Lets typed generics such as forms.ModelForm[Service] work at run time.
django_stubs_ext.monkeypatch()

PACKAGE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("YJ_DATA_DIR", Path.cwd() / "var")).resolve()


DEBUG = env_bool("YJ_DEBUG", "false")


def _secret_key() -> str:
    if key := os.environ.get("YJ_SECRET_KEY"):
        return key
    if not DEBUG:
        # A key generated per server would sign sessions and reset links differently on each
        # one, and silently: a deployment must say which key it uses.
        raise ImproperlyConfigured(
            "Set YJ_SECRET_KEY (for example: python3 -c 'import secrets; "
            "print(secrets.token_urlsafe(50))'), or YJ_DEBUG=true for development."
        )
    return "debug-only-" + secrets.token_urlsafe(30)


SECRET_KEY = _secret_key()
YJ_TASKS_EAGER = env_bool("YJ_TASKS_EAGER", "false")
YJ_JOB_LEASE_SECONDS = float(os.environ.get("YJ_JOB_LEASE_SECONDS", "60"))
YJ_JOB_STEP_DELAY = float(os.environ.get("YJ_JOB_STEP_DELAY", "0"))
# Background jobs: kept in the database and run by `yjinspect worker` (yjinspect.jobs.queue),
# or at once in the caller when eager.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if YJ_TASKS_EAGER
        else "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
YJ_SITE_URL = os.environ.get("YJ_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
EMAIL_BACKEND = os.environ.get("YJ_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = os.environ.get("YJ_FROM_EMAIL", "yjinspect@localhost")
ALLOWED_HOSTS = env_list("YJ_ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "yjinspect.audit",
    "yjinspect.jobs",
    "yjinspect.accounts",
    "yjinspect.services",
    "yjinspect.staffing",
    "yjinspect.casework",
    "yjinspect.safeguarding",
    "yjinspect.outofcourt",
    "yjinspect.interventions",
    "yjinspect.inspections",
    "yjinspect.notifications",
    "yjinspect.cases",
    "yjinspect.ratings",
    "yjinspect.fieldwork",
    "yjinspect.alerts",
    "yjinspect.findings",
    "yjinspect.reports",
    "yjinspect.plans",
    "yjinspect.selfassessment",
    "yjinspect.board",
    "yjinspect.kpis",
    "yjinspect.national",
    "yjinspect.boardpack",
    "yjinspect.catalogue",
    "yjinspect.records",
    "yjinspect.opendata",
    "yjinspect.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "yjinspect.middleware.SessionLimits",
    "yjinspect.accounts.middleware.TwoFactorRequired",
    "yjinspect.audit.admin_changes.AdminChangesAudited",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "yjinspect.middleware.RefusalMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into our lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "yjinspect.urls"
WSGI_APPLICATION = "yjinspect.wsgi.application"

TEMPLATES = [
    {
        # Our pages: Jinja2, autoescaped (asserted in yjinspect.jinja2).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "yjinspect.jinja2.environment",
            "context_processors": [
                "yjinspect.context.language",
                "yjinspect.context.notifications",
            ],
        },
    },
    {
        # Django's admin keeps its own templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'yjinspect.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers carry on while an import writes.
        "init_command": "PRAGMA journal_mode=WAL;",
        # Writers queue instead of failing with "database is locked": a transaction takes
        # the write lock when it begins (not half-way, when it could only fail), and waits
        # up to this many seconds for it.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Tests use a file, not memory: an in-memory database shared between threads fails at
    # once under concurrent writes, where a real one waits (tests/workflow/test_concurrency).
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-{os.getpid()}.sqlite3")}

# A PostgreSQL read replica for the national dashboards (yjinspect.routers). "mirror" is the
# test suite's: a second alias on the same test database, so routing is tested on one machine.
_REPLICA = os.environ.get("YJ_REPLICA_DATABASE_URL", "").strip() or (
    "mirror" if "pytest" in sys.modules else ""
)
if _REPLICA == "mirror":
    DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
elif _REPLICA:
    DATABASES["replica"] = dj_database_url.parse(_REPLICA, conn_max_age=60)
DATABASE_ROUTERS = ["yjinspect.routers.ReplicaRouter"]
# The suite's mirror is used only by the tests that ask for it (they allow its queries).
YJ_DASHBOARD_DATABASE = "replica" if _REPLICA and _REPLICA != "mirror" else "default"

# A file cache is shared by every server process on the machine (import progress).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": DATA_DIR / "cache",
    },
    # Rendered pages, per server process; keyed by the inspection's data version, so no
    # process can serve a page older than the records (yjinspect.inspections.pagecache).
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "yjinspect-pages",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}
# Several app servers share one Redis (YJ_CACHE_URL=redis://host:6379/0): sessions, the API's
# rate limit and import progress then hold across servers, and cached pages are shared (their
# keys carry the data version, so a shared page is never older than the records).
if os.environ.get("YJ_CACHE_URL", "").strip():
    _REDIS = os.environ["YJ_CACHE_URL"].strip()
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _REDIS,
    }
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _REDIS,
        "KEY_PREFIX": "pages",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The largest upload a form accepts (a caseload of a large service is a few megabytes); a
# larger request body is refused before it is read into memory.
YJ_MAX_UPLOAD_BYTES = int(float(os.environ.get("YJ_MAX_UPLOAD_MB", "20")) * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = YJ_MAX_UPLOAD_BYTES + 1024 * 1024  # the file and the form
FILE_UPLOAD_MAX_MEMORY_SIZE = YJ_MAX_UPLOAD_BYTES
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
# django-axes first: it refuses a locked-out sign-in before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "yjinspect.accounts.backends.UserWithProfileBackend",
]
# Lockout: five wrong passwords for one user name from one address lock that pair for 15
# minutes (an attacker cannot lock someone out from everywhere; a reset is always possible).
AXES_FAILURE_LIMIT = int(os.environ.get("YJ_SIGN_IN_ATTEMPTS", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("YJ_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # sign-ins are in our own audit trail
AXES_LOCKOUT_CALLABLE = "yjinspect.accounts.sign_in_views.locked_out"
AXES_VERBOSE = False
# How long each class of personal data is kept (yjinspect.records.retention), in days.
YJ_RETENTION_DAYS = {
    name: int(os.environ.get(f"YJ_RETENTION_{name.upper()}_DAYS", default))
    for name, default in {
        "staged_uploads": 7,
        "case_records": 3 * 365,
        # [R] the service's own closed cases: six years, a product default.
        "service_cases": 6 * 365,
        "notifications": 365,
        "sign_in_attempts": 90,
    }.items()
}
# API tokens (yjinspect.accounts.tokens): how long a new one lasts unless its maker says, and
# the longest allowed; and how many API requests a person may make per minute.
YJ_API_TOKEN_DAYS = int(os.environ.get("YJ_API_TOKEN_DAYS", "90"))
YJ_API_TOKEN_MAX_DAYS = int(os.environ.get("YJ_API_TOKEN_MAX_DAYS", "365"))
YJ_API_RATE = os.environ.get("YJ_API_RATE", "600/min")
# Two-factor sign-in (yjinspect.accounts.two_factor), required for the inspecting roles.
# Switched off only by the test suite's fixtures, for tests about something else.
YJ_TWO_FACTOR = True
OTP_TOTP_ISSUER = "yjinspect"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "inspections:list"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/London"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]  # built by scripts/_assets.sh
# WhiteNoise warns (an error under the tests) when the folder is missing before collectstatic.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Published files (each report version's PDF) on a storage backend: a folder here by default;
# an S3-compatible bucket (django-storages, the "scale" extra) when YJ_S3_BUCKET is set, so
# app servers keep nothing of their own and any of them can be replaced.
MEDIA_ROOT = DATA_DIR / "media"
_DEFAULT_STORAGE: dict[str, Any] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": MEDIA_ROOT},
}
if os.environ.get("YJ_S3_BUCKET", "").strip():
    _DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["YJ_S3_BUCKET"].strip(),
            # Any S3-compatible service (MinIO, Ceph, a cloud's): its address, if not AWS.
            "endpoint_url": os.environ.get("YJ_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("YJ_S3_REGION") or None,
            # Credentials come from the usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
            "default_acl": None,  # private: read through the product, never listed
            "file_overwrite": False,  # a published version is written once
            "querystring_auth": True,
        },
    }
STORAGES = {
    "default": _DEFAULT_STORAGE,
    # Not the manifest storage: GOV.UK Frontend's CSS names images we deliberately do not ship
    # (the crest), and the manifest step refuses a reference to a missing file.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Sessions are read from the cache and written through to the database: one query fewer on
# every page, and nothing lost if the cache is cleared.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
# Idle timeout: the session's expiry moves on with use (yjinspect.middleware.SessionLimits
# renews it at most once a minute), and an absolute lifetime from signing in.
YJ_IDLE_SECONDS = int(float(os.environ.get("YJ_IDLE_MINUTES", "30")) * 60)
YJ_SESSION_SECONDS = int(float(os.environ.get("YJ_SESSION_HOURS", "12")) * 3600)
SESSION_COOKIE_AGE = YJ_IDLE_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "yjinspect.middleware.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env_bool("YJ_HTTPS", "false"):
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer's check speaks plain HTTP
if header := os.environ.get("YJ_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + header.upper().replace("-", "_"), "https")


def _page_template_script_hashes() -> list[str]:
    """GOV.UK Frontend's page template has one inline script (it marks the body as able to run
    the components' JavaScript). Allowed by its hash, not by 'unsafe-inline': nothing else
    inline can run, and a cached page needs no fresh nonce."""
    from importlib.util import find_spec

    from yjinspect.content_policy import inline_sources

    spec = find_spec("govuk_frontend_jinja")
    assert spec is not None and spec.origin is not None, "govuk-frontend-jinja is a dependency"
    template = Path(spec.origin).parent / "templates" / "template.html"
    return inline_sources(template.read_text(), "script")


# Content-Security-Policy (django-csp): only our own scripts, styles, images and fonts; no
# inline script or style anywhere, no framing, forms post only to us.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, *_page_template_script_hashes()],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("YJ_LOG_LEVEL", "WARNING")},
}
