"""Responses that are never stale: conditional GET and a response cache, keyed by the data version.

Every write to a table of the knowledge base's apps (policykb, strategy, roadmaps, institutes)
replaces the token of the one DataVersion row (policykb.versioning), through database triggers
installed after every `migrate` (`install_data_version_triggers`). Triggers, not Django signals:
load_kb, scale_kb, imports and QuerySet.update() write with bulk statements that send no
per-row signal; and a trigger's write is part of the writing transaction, so the new token
becomes visible to every process and every app server at the very moment the data does.

For an anonymous GET or HEAD, `ResponseCacheMiddleware` reads the token (one indexed row) and
derives from it, the code release, today's date (pages print the date accessed), the absolute URL,
the language and the Accept header:

- an ETag and Last-Modified, so that a client's revalidation costs a 304 and no rendering;
- the key of the response cache (Redis when REDIS_URL is set, each process's memory otherwise),
  so that an entry is never served once anything it could show has changed. Superseded entries
  are never read again and expire.

Never cached: a request that carries credentials (an Authorization header, a session cookie or any
cookie but the CSRF and language ones), anything but GET/HEAD, and a response that is not a plain
200 or that sets a cookie (the CSRF token of a form, e.g. the browsable API's, never reaches
another client), varies on another header, or says private / no-store.
"""

import datetime
import functools
import hashlib
import logging
import secrets

import django
import rest_framework
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date

logger = logging.getLogger(__name__)

KNOWLEDGE_APPS = ("policykb", "strategy", "roadmaps", "institutes")
VERSION_ROW = 1
CACHE_HEADER = "X-Response-Cache"
# What a cached response may vary on: all three are part of the key (Cookie only through the
# cookies allowed below, which change nothing but the language a response is in).
KEYED_VARY = {"accept", "accept-language", "cookie"}
CONDITIONAL_HEADERS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)


# --- The data version ---------------------------------------------------------------------------


def knowledge_tables():
    """Every table of the knowledge base's apps, many-to-many ones included."""
    tables = set()
    for label in KNOWLEDGE_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if not model._meta.proxy and model._meta.managed:
                tables.add(model._meta.db_table)
    return sorted(tables)


SQLITE_TRIGGER = """
CREATE TRIGGER IF NOT EXISTS "policykb_data_version_{table}_{event}"
AFTER {event} ON "{table}"
BEGIN
    UPDATE "policykb_dataversion"
    SET "token" = lower(hex(randomblob(16))), "changed" = strftime('%Y-%m-%d %H:%M:%f', 'now')
    WHERE "id" = 1;
END
"""

POSTGRESQL_FUNCTION = """
CREATE OR REPLACE FUNCTION policykb_bump_data_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE policykb_dataversion
    SET token = md5(random()::text || clock_timestamp()::text), changed = clock_timestamp()
    WHERE id = 1;
    RETURN NULL;
END
$$
"""

# Once per statement, not per row: a bulk load bumps the token once per INSERT it sends.
POSTGRESQL_TRIGGER = """
CREATE OR REPLACE TRIGGER policykb_data_version
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}"
FOR EACH STATEMENT EXECUTE FUNCTION policykb_bump_data_version()
"""


def install_data_version_triggers(using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate: the version row, and the triggers on every table (idempotent).

    Run after every migrate (and flush), since SQLite drops a table's triggers when a migration
    rebuilds the table, and a new model's table needs its own.
    """
    from policykb.versioning.models import DataVersion

    connection = connections[using]
    if connection.vendor not in ("sqlite", "postgresql"):
        logger.warning("No data-version triggers for %s: responses are not cached.", connection)
        return
    DataVersion.objects.using(using).get_or_create(
        pk=VERSION_ROW, defaults={"token": secrets.token_hex(16), "changed": timezone.now()}
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRESQL_FUNCTION)
        for table in knowledge_tables():
            if connection.vendor == "sqlite":
                for event in ("INSERT", "UPDATE", "DELETE"):
                    cursor.execute(SQLITE_TRIGGER.format(table=table, event=event))
            else:
                cursor.execute(POSTGRESQL_TRIGGER.format(table=table))


def data_version(using=DEFAULT_DB_ALIAS):
    """(token, changed) of the data, or None before the first migrate made the row."""
    with connections[using].cursor() as cursor:
        # Raw SQL: this runs on every anonymous request, cache hits included.
        cursor.execute(
            'SELECT "token", "changed" FROM "policykb_dataversion" WHERE "id" = %s', [VERSION_ROW]
        )
        row = cursor.fetchone()
    if row is None:
        return None
    token, changed = row
    if isinstance(changed, str):
        changed = parse_datetime(changed)
    if timezone.is_naive(changed):
        changed = timezone.make_aware(changed, datetime.UTC)
    return token, changed


# --- What shapes a response besides the data ----------------------------------------------------

RELEASE_DIRS = ("policykb", "strategy", "roadmaps", "institutes", "templates", "locale", "static")


@functools.cache
def release():
    """(digest, newest modification time) of the code, templates and translations.

    Part of every key and ETag, so that a deploy (or a `make run` after editing a template) never
    serves a response the new code would not produce, even from a Redis cache that outlives the
    app servers. The digest is of contents, so every app server of one release agrees on ETags.
    """
    digest = hashlib.sha256(f"{django.__version__} {rest_framework.VERSION}".encode())
    newest = 0.0
    for name in RELEASE_DIRS:
        root = settings.BASE_DIR / name
        for path in sorted(root.rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
            digest.update(path.read_bytes())
            newest = max(newest, path.stat().st_mtime)
    return digest.hexdigest()[:16], newest


# --- The middleware -----------------------------------------------------------------------------


def cacheable_request(request):
    """An anonymous GET or HEAD: no credentials, no cookie that could change what is shown."""
    if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
        return False
    harmless = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    return set(request.COOKIES) <= harmless


def cacheable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = {
        directive.split("=")[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if cache_control & {"private", "no-store"}:
        return False
    vary = {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", ""))}
    return vary - {""} <= KEYED_VARY


class ResponseCacheMiddleware:
    """Conditional GET and the response cache for anonymous GET/HEAD (see the module's doc).

    Sits after LocaleMiddleware, whose language it keys on, and before everything that only a
    rendered view needs (CSRF, authentication, messages), which a cache hit skips.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        version = data_version()
        if version is None:
            return self.get_response(request)
        try:
            digest = self.digest(request, version)
        except DisallowedHost:
            return self.get_response(request)  # CommonMiddleware answers it with a 400
        etag = f'W/"{digest}"'
        last_modified = self.last_modified(version)

        # A client that holds the current representation gets a 304 without any rendering.
        if any(header in request.META for header in CONDITIONAL_HEADERS):
            stamped = self.stamp(HttpResponse(), etag, last_modified)
            answer = get_conditional_response(
                request, etag=etag, last_modified=last_modified, response=stamped
            )
            if answer is not stamped:
                return answer

        key = f"response:{digest}"
        cache = caches[settings.RESPONSE_CACHE_ALIAS] if settings.RESPONSE_CACHE else None
        frozen = self.cache_get(cache, key)
        if frozen is not None:
            content, headers = frozen
            response = HttpResponse(content, headers=headers)
            response[CACHE_HEADER] = "hit"
            return response

        response = self.get_response(request)
        session = getattr(request, "session", None)
        if not cacheable_response(response) or (session is not None and session.modified):
            return response  # (a session written now gets its cookie outside this middleware)
        self.stamp(response, etag, last_modified)
        if cache is not None and request.method == "GET":
            self.cache_set(cache, key, (response.content, dict(response.items())))
            response[CACHE_HEADER] = "miss"
        return response

    @staticmethod
    def digest(request, version):
        token, _ = version
        parts = [
            release()[0],
            token,
            datetime.date.today().isoformat(),  # pages print the date accessed
            request.build_absolute_uri(),  # scheme, host, path and query
            translation.get_language() or "",
            request.META.get("HTTP_ACCEPT", ""),  # the API's format negotiation
        ]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]

    @staticmethod
    def last_modified(version):
        _, changed = version
        midnight = datetime.datetime.combine(datetime.date.today(), datetime.time(), datetime.UTC)
        return int(max(changed.timestamp(), release()[1], midnight.timestamp()))

    @staticmethod
    def stamp(response, etag, last_modified):
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        # Browsers and proxies may keep it, but must ask (a 304 at most) before each use.
        patch_cache_control(response, no_cache=True)
        # A signed-in visitor (a session cookie) is served another response, never this one.
        patch_vary_headers(response, ("Cookie",))
        return response

    # A cache that cannot be reached (Redis restarting) costs speed, never an error page.
    @staticmethod
    def cache_get(cache, key):
        if cache is None:
            return None
        try:
            return cache.get(key)
        except Exception:
            logger.warning("Response cache unreachable; rendering.", exc_info=True)
            return None

    @staticmethod
    def cache_set(cache, key, value):
        try:
            cache.set(key, value, settings.RESPONSE_CACHE_SECONDS)
        except Exception:
            logger.warning("Response cache unreachable; not stored.", exc_info=True)
