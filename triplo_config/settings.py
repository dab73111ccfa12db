"""Settings for triplo-config, all read from the environment (see README, "Environment")."""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from core.secretkey import ensure_secret_key

# Everything this process creates is private to its user: the data dir (0700), the database,
# its WAL files and the secret key (0600). Set first, before anything below creates a file.
os.umask(0o077)

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    return float(value) if value else default


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    """One of `choices`. Anything else stops every start (manage.py, gunicorn) with one line
    naming the variable, rather than running with a policy the operator did not ask for."""
    value = os.environ.get(name, "").strip().lower() or default
    if value not in choices:
        raise SystemExit(f"{name}={value!r} is not one of: {', '.join(choices)}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


TRIPLO_DATA_DIR = Path(env_str("TRIPLO_DATA_DIR", str(BASE_DIR / "data"))).resolve()
TRIPLO_CONFIG_PATH = Path(
    env_str("TRIPLO_CONFIG_PATH", str(Path.home() / ".config" / "Triplo AI" / "config.json"))
)
TRIPLO_RESTART_COMMAND = env_str("TRIPLO_RESTART_COMMAND", "supervisorctl restart triplo")
TRIPLO_STATUS_COMMAND = env_str("TRIPLO_STATUS_COMMAND", "supervisorctl status triplo")
TRIPLO_RESTART_DEBOUNCE = env_float("TRIPLO_RESTART_DEBOUNCE", 1.0)
TRIPLO_RESTART_TIMEOUT = env_float("TRIPLO_RESTART_TIMEOUT", 30.0)
TRIPLO_HISTORY_KEEP = int(env_float("TRIPLO_HISTORY_KEEP", 200))
# When config.json changed elsewhere: "ask" reports it and waits for the user; "database"
# writes triplo-config's values back at once (a sidecar beside the upstream image, whose
# start-up script rewrites config.json from its environment on every container start).
TRIPLO_ON_DRIFT = env_choice("TRIPLO_ON_DRIFT", "ask", ("ask", "database"))
# The old container's local-LLM key: any export uses it while config.json has no llm_key.
TRIPLO_LLM_KEY = env_str("TRIPLO_LLM_KEY", "").strip()

# Where the hosted providers answer; settings so tests can point them at a local server.
TRIPLO_PROVIDER_BASE_URLS = {
    "open_ai": env_str("TRIPLO_OPENAI_BASE_URL", "https://api.openai.com/v1"),
    "open_router": env_str("TRIPLO_OPENROUTER_BASE_URL", "https://openrouter.ai/api/v1"),
    "anthropic": env_str("TRIPLO_ANTHROPIC_BASE_URL", "https://api.anthropic.com/v1"),
}
TRIPLO_MODELS_TIMEOUT = env_float("TRIPLO_MODELS_TIMEOUT", 5.0)
TRIPLO_MODELS_CACHE_SECONDS = env_float("TRIPLO_MODELS_CACHE_SECONDS", 600.0)

# SECRET_KEY also keys the encryption of stored credentials: it is data, kept in the data dir.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or ensure_secret_key(TRIPLO_DATA_DIR)

DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "axes",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "adminsortable2",
    "core",
    "credentials",
    "profiles",
    "history",
    "triplo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.ChangeOriginMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "triplo_config.urls"
WSGI_APPLICATION = "triplo_config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_sqlite_path = TRIPLO_DATA_DIR / "db.sqlite3"
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.config(conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": _sqlite_path,
            # Each gunicorn thread keeps its connection: opening one and running the pragmas
            # below cost every request ~4 ms. The health check drops a broken one before use.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            # Several gunicorn workers share this file: WAL + IMMEDIATE + a busy timeout
            # turn "database is locked" into short waits (REFERENCE §5).
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

# Behind an HTTPS proxy (TRIPLO_HTTPS=true) cookies are secure-only and HSTS is sent. The usual
# deployment is plain HTTP on localhost or a private container network (noVNC setups), where
# those checks cannot pass; they are silenced only then, and the README lists why.
TRIPLO_HTTPS = env_bool("TRIPLO_HTTPS", False)
if TRIPLO_HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("TRIPLO_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    # Subdomain and preload HSTS bind the whole domain; a sidecar service must not decide that.
    SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
else:
    SILENCED_SYSTEM_CHECKS = ["security.W004", "security.W008", "security.W012", "security.W016"]
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Scripts, styles and everything else only from this service, no inline script or style: the
# page and the admin load theirs as files (django-csp; Django 5.2 has no CSP of its own). Only
# the API docs page adds inline styles, for Swagger UI (core/api_schema.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# Password guessing (django-axes): five failures for one user from one address lock that pair
# out for 15 minutes on /login/, /admin/login/ and HTTP Basic alike, with a 429 and a log line.
# A locked-out guess is refused before the password hash is computed.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env_float("TRIPLO_LOCKOUT_FAILURES", 5))
AXES_COOLOFF_TIME = timedelta(minutes=env_float("TRIPLO_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.lockout.lockout_response"
AXES_SENSITIVE_PARAMETERS: list[str] = []  # log who and from where (never the password)
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "core.auth.CachedBasicAuthentication",
        "rest_framework.authentication.SessionAuthentication",
        "knox.auth.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.permissions.ModelPermissions"],
    "DEFAULT_PARSER_CLASSES": ["core.parsers.StrictJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["core.renderers.FastJSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "core.api_contract.ContractSchema",
    "EXCEPTION_HANDLER": "core.errors.api_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# API tokens (`Authorization: Token …`) are stored as a SHA-512 digest only (django-rest-knox):
# the token is shown once, when it is created in the admin, and never expires by itself.
REST_KNOX = {"TOKEN_TTL": None, "AUTO_REFRESH": False}
SPECTACULAR_SETTINGS = {
    "TITLE": "triplo-config API",
    "DESCRIPTION": "LLM profiles and provider credentials for Triplo AI.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Like every endpoint but /api/health, the schema and docs need a staff user.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAdminUser"],
    # Swagger UI's assets are served from this service: no CDN needed.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Applies the views' annotations before any view is inspected (core.api_docs).
    "PREPROCESSING_HOOKS": ["core.api_docs.with_annotations"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api_schema.without_trailing_slash",
        "core.api_contract.with_health",
    ],
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("TRIPLO_LOG_LEVEL", "INFO")},
    # httpx logs every request's full URL at INFO; provider URLs may carry more than they should.
    "loggers": {
        "httpx": {"level": "WARNING"},
        "httpcore": {"level": "WARNING"},
        # django-axes: failures and lockouts are warnings; its start-up banner is not news.
        "axes": {"level": "WARNING"},
    },
}

# On SQLite, Django's PostgreSQL fields stay unimported. Django REST framework imports them
# whenever psycopg is installed (it is, for DATABASE_URL), only to map them in model
# serializers, and nothing here has one; importing them loads psycopg and libpq: a quarter of
# a second on every start and 11 MB in every worker. DRF takes the ImportError as "no
# PostgreSQL"; anything else importing them on SQLite would fail loudly, not run differently.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    sys.modules.setdefault("django.contrib.postgres.fields", None)
