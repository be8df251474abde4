"""Django settings. Read from environment variables only (docs/configuration.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from egovrank.core.env import env_bool, env_int, env_list, env_secret, env_str
from egovrank.core.lead_agency import parse_lead_agencies

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_secret("SECRET_KEY") or ""
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) is required when DEBUG is off")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# HTTPS (docs/deploy.md). Production serves the site over HTTPS only: HTTPS=1 turns on
# secure cookies, the redirect from http:// and HSTS, each overridable below. Off by
# default so that `make run` and the tests work over plain HTTP on loopback.
HTTPS = env_bool("HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
# The header's "preload" word alone puts the site on no browser list: that takes a
# request by the owner of the parent domain (hstspreload.org).
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS)
# Behind a proxy that ends TLS (nginx), every request reaches the app as plain HTTP; the
# proxy says in X-Forwarded-Proto what the browser used. Trust it only when the app's
# port is reachable by the proxy alone, since anyone else could send the header too.
# Load balancers ask for /healthz over plain HTTP, straight at the app.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SITE_NAME = env_str("SITE_NAME", "egovrank")
PROVINCE_NAME = env_str("PROVINCE_NAME", "Hưng Yên")
# The department that runs the evaluation, by year (egovrank/core/lead_agency.py).
LEAD_AGENCIES = parse_lead_agencies(
    "LEAD_AGENCIES",
    env_str(
        "LEAD_AGENCIES",
        "2018|Sở Thông tin và Truyền thông|Sở TT&TT;2025|Sở Khoa học và Công nghệ|Sở KH&CN",
    ),
)

# Egovrank's apps from the ground floor up: each imports only apps above it in this list
# (``egovrank/tests/test_layers.py`` checks; docs/architecture.md draws it).
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "egovrank.core",
    "egovrank.orgs",
    "egovrank.accounts",
    "egovrank.criteria",
    "egovrank.periods",
    "egovrank.notifications",
    "egovrank.assessments",
    "egovrank.review",
    "egovrank.results",
    "egovrank.publication",
    "egovrank.insight",
    "egovrank.ops",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "egovrank.api",
    "egovrank.front",
    "egovrank.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "egovrank.core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "egovrank.core.middleware.SessionRenewalMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "egovrank.core.busy.DatabaseBusyMiddleware",
]

ROOT_URLCONF = "egovrank.urls"
WSGI_APPLICATION = "egovrank.wsgi.application"
ASGI_APPLICATION = "egovrank.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "egovrank" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "egovrank.front.context_processors.site",
                "egovrank.front.context_processors.lead_agency",
                "egovrank.notifications.context_processors.notices",
            ],
        },
    },
]

_default_database = f"sqlite:///{VAR_DIR / 'egovrank.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_secret("DATABASE_URL") or _default_database,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
        # A connection kept open is checked before reuse, so a restarted database server
        # costs one failed query, not an error page.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite as an embedded server for a few dozen people saving at once:
    # - WAL: readers never wait for a writer, nor a writer for readers;
    # - IMMEDIATE: a transaction takes the write lock when it begins, so two saves queue
    #   for it; the default (DEFERRED) upgrades a read to a write mid-transaction, which
    #   SQLite refuses at once with "database is locked" when another writer got there
    #   first, whatever the timeout;
    # - a busy timeout longer than any save (or a figures import) takes, so the queue
    #   waits instead of failing. synchronous stays FULL (the default): a save the app
    #   acknowledged survives a power cut.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Argon2 for every new password; PBKDF2 stays only to read hashes made elsewhere.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Cache: Redis when several app servers share one (docs/deploy.md), else each process
# keeps its own in memory. Nothing the app caches is the only copy of anything.
REDIS_URL = env_secret("REDIS_URL") or ""
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "egovrank"),
            # A Redis that stops answering fails a request in seconds instead of
            # holding a worker until gunicorn's timeout.
            "OPTIONS": {"socket_connect_timeout": 5, "socket_timeout": 5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "front:workspace"
LOGOUT_REDIRECT_URL = "front:home"
# Sessions end after this long without a request (each request renews the cookie).
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
# Each request renews the idle limit, writing the session at most once a minute.
SESSION_RENEW_SECONDS = 60
# Where sessions live. "db" (PostgreSQL) already works for several app servers; with
# Redis, "cached_db" reads them from Redis and still writes them to the database (a
# restarted Redis signs nobody out), "cache" keeps them in Redis alone.
_SESSION_STORES = ("db", "cached_db", "cache")
_default_store = "cached_db" if REDIS_URL else "db"
SESSION_STORE = env_str("SESSION_STORE", _default_store, choices=_SESSION_STORES)
if SESSION_STORE != "db" and not REDIS_URL:
    # Without Redis each app process has its own cache: a session ended in one process
    # (signed out, expired) would live on in the others' copies.
    raise ImproperlyConfigured(f"SESSION_STORE={SESSION_STORE} needs REDIS_URL")
SESSION_ENGINE = f"django.contrib.sessions.backends.{SESSION_STORE}"
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Lock-out: this many failed sign-ins in a row lock the user name for this long.
SIGNIN_MAX_FAILURES = env_int("SIGNIN_MAX_FAILURES", 5, minimum=1)
SIGNIN_LOCKOUT_MINUTES = env_int("SIGNIN_LOCKOUT_MINUTES", 15, minimum=1)
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_HOURS", 24, minimum=1) * 3600
# Days an API token works after it was made; 0: until revoked (or the password changes).
API_TOKEN_MAX_AGE_DAYS = env_int("API_TOKEN_MAX_AGE_DAYS", 0, minimum=0)
# Failed API tokens, and password links asked for, per client address (and per e-mail
# address) within SIGNIN_LOCKOUT_MINUTES before that client waits it out.
API_TOKEN_MAX_FAILURES = env_int("API_TOKEN_MAX_FAILURES", 20, minimum=1)
PASSWORD_RESET_MAX_REQUESTS = env_int("PASSWORD_RESET_MAX_REQUESTS", 5, minimum=1)
# The proxy in front sets X-Real-IP itself, and only it reaches the app (deploy/nginx.conf).
TRUST_X_REAL_IP = env_bool("TRUST_X_REAL_IP", False)

# Mail (password reset, later notifications). The console backend prints mail to the
# log, which suits a demo; production sets an SMTP backend and its server.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "egovrank <noreply@localhost>")
# The address people open the app at, for links in notices sent by e-mail (which have
# no request to take it from).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# Sites allowed to show the ranking widget (/published/…/embed/) in a frame, e.g. the
# provincial portal: each an origin such as https://hungyen.gov.vn. Every other page
# refuses to be framed.
EMBED_ALLOWED_ORIGINS = env_list("EMBED_ALLOWED_ORIGINS", [])
# A public ranking longer than this opens on its first page, with a search and pages
# (publication/paging.py): a 10,000-unit block in one page weighed 4.3 MB.
PUBLIC_RANKING_PAGE_SIZE = env_int("PUBLIC_RANKING_PAGE_SIZE", 170, minimum=10)

# Vietnamese first; dates as dd/mm/yyyy and numbers as 1.234,5 (egovrank/formats/vi).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "egovrank" / "locale"]
FORMAT_MODULE_PATH = ["egovrank.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# Static files are served by the app itself (WhiteNoise): government networks have no CDN.
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "egovrank" / "static"]
STATIC_ROOT = VAR_DIR / "static"
WHITENOISE_USE_FINDERS = not env_bool("STATIC_MANIFEST", False)
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Evidence files: never under a public URL; downloads go through the access checks
# (egovrank/assessments/storage.py). On disk by default; in an S3-compatible bucket when
# several app servers must see the same files.
EVIDENCE_ROOT = Path(env_str("EVIDENCE_ROOT", str(VAR_DIR / "evidence")))
EVIDENCE_STORAGE = env_str("EVIDENCE_STORAGE", "disk", choices=("disk", "s3"))
EVIDENCE_MAX_MEGABYTES = env_int("EVIDENCE_MAX_MEGABYTES", 20, minimum=1)
# Uploads above this size go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
if EVIDENCE_STORAGE == "s3":
    _bucket = env_str("EVIDENCE_S3_BUCKET", "")
    if not _bucket:
        raise ImproperlyConfigured("EVIDENCE_STORAGE=s3 needs EVIDENCE_S3_BUCKET")
    STORAGES["evidence"] = {
        "BACKEND": "egovrank.assessments.storage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": _bucket,
            # Empty: Amazon S3 itself; otherwise the S3-compatible service's address.
            "endpoint_url": env_str("EVIDENCE_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("EVIDENCE_S3_REGION", "") or None,
            "location": env_str("EVIDENCE_S3_PREFIX", "").strip("/"),
            # Unset keys: boto3 looks for credentials itself (AWS_* variables, an
            # instance role, ~/.aws).
            "access_key": env_secret("EVIDENCE_S3_ACCESS_KEY_ID"),
            "secret_key": env_secret("EVIDENCE_S3_SECRET_ACCESS_KEY"),
            # A file read back for a download is kept in memory up to this size, then
            # in a temporary file, as uploads are.
            "max_memory_size": FILE_UPLOAD_MAX_MEMORY_SIZE,
        },
    }
else:
    STORAGES["evidence"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": EVIDENCE_ROOT, "base_url": None},
    }

# Backups (`egovrank backup`) are signed with this key, an HMAC-SHA256 over the archive's
# manifest, so a restore refuses an archive edited since (docs/operations.md). It is
# kept outside the archive, in the environment or a secret file.
BACKUP_SIGNING_KEY = env_secret("BACKUP_SIGNING_KEY") or ""
if BACKUP_SIGNING_KEY and len(BACKUP_SIGNING_KEY) < 32:
    raise ImproperlyConfigured("BACKUP_SIGNING_KEY must be at least 32 characters long")

_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_LEVEL = env_str("LOG_LEVEL", "INFO", choices=_LOG_LEVELS)
# Logging: one line per record on standard error, which systemd's journal (or whatever
# runs the app) keeps; Django's own request errors arrive here too.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s [pid %(process)d] %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # gunicorn warns on each HEAD request that it drops the body Django wrote (as WSGI
        # servers must); a monitor probing every minute would fill the log with it.
        "gunicorn.http.wsgi": {"level": "ERROR"},
    },
}

# The REST API (egovrank/api/): JSON only, a personal token or the session
# (with CSRF for changes), errors as {"errors": [{"path", "message", "code"}]}.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "egovrank.api.authentication.TokenAuthentication",
        "egovrank.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["egovrank.api.permissions.RoleRequired"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON bodies only; the two uploads (evidence, figures) take multipart themselves.
    # The schema declares what the parsers accept: one content type per body, which
    # generated clients need (api/tests/test_generated_client.py).
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "egovrank.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "egovrank.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "egovrank.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "URL_FORMAT_OVERRIDE": None,
    "COERCE_DECIMAL_TO_STRING": True,
}
# The OpenAPI schema (/api/schema/) and its documentation (/api/docs/), served from the
# sidecar package's static files: no CDN, and no validator badge fetched from outside.
SPECTACULAR_SETTINGS = {
    "TITLE": "egovrank API",
    "VERSION": "1",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "ENUM_NAME_OVERRIDES": {
        "PeriodStateEnum": "egovrank.periods.choices.PeriodState",
        "FormStateEnum": "egovrank.api.serializers.FORM_STATES",
        "UnitKindEnum": "egovrank.orgs.choices.UnitKind",
        "SuccessionKindEnum": "egovrank.orgs.choices.SuccessionKind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "egovrank.api.schema.postprocess",
    ],
}
