"""Production: everything secret or host-specific comes from the environment.

Only SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL are needed; `manage.py check --deploy` passes with
them alone (tests/test_deploy.py). The app servers are stateless: sessions, login failures and
data live in PostgreSQL, the response cache in Redis (REDIS_URL), so any number of them can run
behind the reverse proxy (README, Deployment).
"""

import logging

from .base import *  # noqa: F403
from .base import BASE_DIR, CONTENT_SECURITY_POLICY, env

SECRET_KEY = env("SECRET_KEY")

# HTTPS ends at the reverse proxy, which says so in X-Forwarded-Proto (deploy/nginx.conf sets it
# and strips any value the client sent: trusting this header is only safe behind that proxy).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The load balancer's probe talks plain HTTP to each app server: answer it, don't redirect it.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# A year of HSTS, subdomains and preload: what `check --deploy` asks for. Start lower
# (SECURE_HSTS_SECONDS=300) on a new domain until HTTPS is known to work everywhere on it.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Browsers are told to fetch every sub-resource over HTTPS as well.
CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY,
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "upgrade-insecure-requests": True},
}

# django-axes counts failures per client address: behind the proxy that address is the one
# nginx puts in X-Real-IP (overwriting whatever the client sent), not the proxy's own.
AXES_IPWARE_META_PRECEDENCE_ORDER = tuple(
    env.list("AXES_CLIENT_IP_HEADERS", default=["HTTP_X_REAL_IP", "REMOTE_ADDR"])
)

# `collectstatic` writes hashed, compressed copies (name.3f2a9c.css and .gz; .br too when the
# brotli package is installed) that WhiteNoise serves with a year's cache lifetime; only the
# collected files are served, nothing from the source tree.
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False

# Python's warnings (a missing STATIC_ROOT, a deprecation) become log records too, so stderr
# holds nothing but JSON.
logging.captureWarnings(True)

# One JSON object per line on stderr, for the log collector: time, level, logger, message and
# whatever the record carries (status_code, an exception's traceback). Django's request logger
# also passes the request object: the formatter writes it as text, so no record fails to serialise.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",  # ISO 8601, UTC
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
