"""Django settings: one file, configured from the environment, failing loudly on bad values.

YJ_DATA_DIR       where the SQLite database and the generated secret key live (default ./var)
DATABASE_URL      e.g. postgres://user@127.0.0.1:5432/yjinspect (default: SQLite in YJ_DATA_DIR)
YJ_SECRET_KEY     the secret key (default: generated once and kept in YJ_DATA_DIR/secret_key)
YJ_DEBUG          true/false (default false)
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
from pathlib import Path

import dj_database_url
import django_stubs_ext
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


def _secret_key() -> str:
    if key := os.environ.get("YJ_SECRET_KEY"):
        return key
    # Generated once per installation so sessions survive restarts without a configured key.
    path = DATA_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
DEBUG = env_bool("YJ_DEBUG", "false")
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
    "django_tasks",
    "django_tasks_db",
    "yjinspect.audit",
    "yjinspect.jobs",
    "yjinspect.accounts",
    "yjinspect.services",
    "yjinspect.inspections",
    "yjinspect.notifications",
    "yjinspect.cases",
    "yjinspect.ratings",
    "yjinspect.fieldwork",
    "yjinspect.alerts",
    "yjinspect.findings",
    "yjinspect.reports",
    "yjinspect.plans",
    "yjinspect.catalogue",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "yjinspect.middleware.RefusalMiddleware",
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
AUTHENTICATION_BACKENDS = ["yjinspect.accounts.backends.UserWithProfileBackend"]
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
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Not the manifest storage: GOV.UK Frontend's CSS names images we deliberately do not ship
    # (the crest), and the manifest step refuses a reference to a missing file.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Sessions are read from the cache and written through to the database: one query fewer on
# every page, and nothing lost if the cache is cleared.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "yjinspect.middleware.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("YJ_LOG_LEVEL", "WARNING")},
}
