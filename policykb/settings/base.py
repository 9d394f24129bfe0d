"""Settings shared by every environment; values that differ come from the environment.

Defaults here are the safe production ones: DEBUG off, no hosts allowed, no built-in secret.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

# SECRET_KEY has no default here: prod requires it from the environment, dev and test set their own.
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "simple_history",
    "import_export",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "axes",
    "corsheaders",
    "policykb",
    "policykb.versioning",  # the data version the response cache is keyed by
    "strategy",
    "roadmaps",
    "institutes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files straight after the security headers: served before sessions or the database.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # /healthz/ is answered here, before the host check, sessions and the response cache: a load
    # balancer probes each app server by its address, and only the database should fail it.
    "policykb.health.HealthCheckMiddleware",
    # The API's own, outside the response cache (policykb/api/middleware.py): gzip, the
    # RateLimit headers and CORS apply to cached responses as to rendered ones.
    "policykb.api.middleware.APIGZipMiddleware",
    "policykb.api.middleware.RateLimitHeadersMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Anonymous GET/HEAD: 304s and cached responses, keyed by the language chosen just above.
    "policykb.caching.ResponseCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records the requesting user (admin session or API token) on every historical record.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "policykb.urls"

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

WSGI_APPLICATION = "policykb.wsgi.application"

# SQLite is the embedded default; production names PostgreSQL (psycopg 3) in DATABASE_URL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chinese first: the sources are Chinese papers and most readers read Chinese.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# STATIC_ROOT, where collectstatic writes, is set in prod only: dev and tests serve the apps'
# static folders directly (WHITENOISE_USE_FINDERS below), with nothing to collect.
STATICFILES_DIRS = [BASE_DIR / "static"]

FIXTURES_DIR = BASE_DIR / "fixtures"

REST_FRAMEWORK = {
    "DEFAULT_PAGINATION_CLASS": "policykb.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["policykb.api.filters.StrictDjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": [
        "policykb.api.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
        "policykb.api.renderers.CSVRenderer",
    ],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["policykb.api.permissions.StaffModelPermissionsOrReadOnly"],
    "DEFAULT_THROTTLE_CLASSES": ["policykb.api.throttling.AnonymousRateThrottle"],
    # Anonymous reading (policykb/api/throttling.py says why these figures); password guesses
    # at /api/token/ far fewer.
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_ANON_THROTTLE_RATE", default="10000/hour"),
        "token": env("API_TOKEN_THROTTLE_RATE", default="30/hour"),
    },
    "DEFAULT_SCHEMA_CLASS": "policykb.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "policykb.api.exceptions.exception_handler",
    "COERCE_DECIMAL_TO_STRING": False,
    "UNICODE_JSON": True,
}

# CORS for the API's anonymous reads from any origin (a notebook, Observable): GET, HEAD and
# their preflight, without credentials; policykb.api.middleware.cors_enabled leaves writes
# same-origin. No path matches the regex: the signal decides.
CORS_URLS_REGEX = r"^$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = ("accept", "accept-language", "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = (
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "RateLimit-Policy",
    "Retry-After",
    "Link",
    "Content-Disposition",
    "ETag",
)

SPECTACULAR_SETTINGS = {
    "TITLE": "PolicyKB API",
    "DESCRIPTION": (
        "US advanced-manufacturing policy, bilingual (中文/English) and traced to its sources. "
        "Anyone may read; lists filter, search (search=), sort (ordering=), page "
        "(page, page_size) and export every row as CSV (format=csv)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "policykb.api.schema.postprocess",
    ],
    "ENUM_NAME_OVERRIDES": {
        "QualifierEnum": "policykb.models.base.Qualifier",
        "DatePrecisionEnum": "policykb.dates.DatePrecision",
        "DiscrepancyKindEnum": "policykb.models.Discrepancy.Kind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# --- Security every environment shares (prod adds HTTPS, HSTS, secure cookies, JSON logs) -----

# Served by WhiteNoise in every environment. Without collectstatic (dev, tests) it serves the
# apps' own static folders; prod serves only the collected, hashed and compressed files.
WHITENOISE_USE_FINDERS = True

# Content Security Policy (django-csp 4): only this site's own files, no inline script or style,
# so an injected <script> or style="" would not run even if a template forgot to escape it.
# data: images are for the SVG icons the admin and the API docs embed in their stylesheets.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from
# one address, that pair is locked out for the cool-off time, on the admin and the token API alike.
# Locking the username alone would let anyone lock a curator out; locking the address alone would
# lock out a whole office behind one NAT. Failures live in the database, so every app server sees
# them. Unlock early in the admin (Axes › Access attempts) or with `manage.py axes_reset`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "policykb.security.lockout_response"

# --- Caches (policykb.caching) -----------------------------------------------------------------

# Redis when REDIS_URL is set: one cache for every app server (the API throttle's counts and the
# response cache). Otherwise each process's memory. Cached responses are keyed by the data
# version, so they are never stale in either; the timeout only frees superseded entries.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    _redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        # A Redis that does not answer costs a rendering, not a hung request.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    CACHES = {"default": _redis, "responses": {**_redis, "KEY_PREFIX": "responses"}}
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "responses": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "responses",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        },
    }
RESPONSE_CACHE = env.bool("RESPONSE_CACHE", default=True)  # off: the benchmark's cold rows
RESPONSE_CACHE_ALIAS = "responses"
RESPONSE_CACHE_SECONDS = env.int("RESPONSE_CACHE_SECONDS", default=24 * 60 * 60)
