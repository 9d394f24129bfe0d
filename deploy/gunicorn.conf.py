"""Gunicorn settings for one PolicyKB app server (README, Deployment).

    gunicorn -c deploy/gunicorn.conf.py

Run as many app servers as the load needs, on as many machines: they keep nothing of their own
(data, sessions and login failures in PostgreSQL, the response cache in Redis), so the reverse
proxy may send any request to any of them. Everything here can be overridden from the
environment, e.g. GUNICORN_CMD_ARGS="--workers 4".
"""

import multiprocessing
import os

wsgi_app = "policykb.wsgi:application"
raw_env = ["DJANGO_SETTINGS_MODULE=policykb.settings.prod"]

# A private address: only the reverse proxy talks to the app servers.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# The proxy's address, whose X-Forwarded-* headers gunicorn trusts (set it when nginx runs on
# another machine). Django reads X-Forwarded-Proto itself (SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

timeout = 30  # a request still running after this is a bug: the worker is restarted
graceful_timeout = 30  # on SIGTERM (a deploy), requests in flight get this long to finish
keepalive = 5  # the proxy keeps connections to its upstreams open (deploy/nginx.conf)
max_requests = 2000  # recycle workers now and then, with jitter so they don't all at once
max_requests_jitter = 200

# Logs: one JSON object per line on stderr, like the application's own (policykb.settings.prod).
accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'
_json = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "fmt": "%(levelname)s %(name)s %(message)s",
    "rename_fields": {"levelname": "level", "name": "logger"},
    "timestamp": "time",
}
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": _json},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        }
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
